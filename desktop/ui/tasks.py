"""One worker thread owns the vault Session; every DB or crypto call goes through it.

    ctx.tasks.op(lambda s: s.cases.create(number, service), parent=self) \\
        .success(self.on_created).failure(self.on_error).run()

- The worker is a single-thread executor: jobs run one after the other, in order, so a
  save submitted before a lock is written before the Session closes.
- `unlock()` calls `Vault.unlock` *in the worker*: SQLite connections belong to the thread
  that opened them, so the Session is born and dies there. The UI thread only ever sees
  `SessionInfo` (ids and role) and the plain values that jobs return.
- `.success` / `.failure` callbacks run on the GUI thread (a queued Qt signal), and are
  skipped when their `parent` widget has been deleted meanwhile.
- `busy_changed(True)` fires when work has been pending for more than 200 ms.

Nothing here imports the vault at module level: the unlock window must appear before
cryptography and SQLCipher are loaded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from desktop.core.vault import Session

BUSY_AFTER_MS = 200
T = TypeVar("T")


class SessionLocked(Exception):
    """A job needed the Session while the vault is locked."""

    message = "Le coffre est verrouillé : déverrouillez-le pour continuer."


@dataclass(frozen=True)
class SessionInfo:
    """What the GUI thread may know about the open session."""

    user_id: str
    login: str
    role: str
    role_label: str
    medical: bool


def error_message(exc: BaseException) -> str:
    """The French text to show for an error raised by a job."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    from desktop.core.logging import log_event

    log_event("ui.task.error", error=type(exc).__name__)
    return (
        "Erreur inattendue : l'opération n'a pas abouti. Les données déjà enregistrées sont "
        f"intactes. ({type(exc).__name__})"
    )


def _kdf_from_env():
    from desktop.core import settings

    seconds = settings.get("TRAME_KDF_SECONDS")
    if not seconds:
        return None
    from desktop.core.vault import crypto

    return crypto.tune(seconds)


class Op(Generic[T]):
    """A job for the worker returning a T, with callbacks for the GUI thread (Anki's
    CollectionOp): `success(fn(T))` on success, `failure(fn(exception))` on error (else the
    manager's default failure, which shows `error_message`)."""

    def __init__(
        self,
        manager: TaskManager,
        fn: Callable[[Session | None], T],
        needs_session: bool,
        parent: QObject | None,
    ):
        self._manager = manager
        self._fn = fn
        self._needs_session = needs_session
        self._parent = parent
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self.busy = True

    def success(self, fn: Callable[[T], None]) -> Op[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> Op[T]:
        self._failure = fn
        return self

    def quiet(self) -> Op[T]:
        """Don't count this job for the busy indicator (keystroke saves)."""
        self.busy = False
        return self

    def run(self) -> Future:
        return self._manager._submit(self)


class TaskManager(QObject):
    busy_changed = Signal(bool)
    _finished = Signal(object, bool, object)  # op, ok, value — emitted from the worker

    def __init__(self, home: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.home = Path(home)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trame-vault")
        self._session = None  # touched only inside the worker thread
        self._worker_ident: int | None = None
        self._pending = 0
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._check_busy)
        self._finished.connect(self._deliver)
        self.default_failure: Callable[[BaseException, Any], None] | None = None
        self._closed = False

    # -- public API ---------------------------------------------------------------------------
    def op(self, fn: Callable[[Session], T], parent: QObject | None = None) -> Op[T]:
        """A job taking the open Session; its result goes to `.success`."""
        return Op(self, fn, True, parent)

    def call(self, fn: Callable[[None], T], parent: QObject | None = None) -> Op[T]:
        """A job that needs no Session (KDF, file checks) but must stay off the GUI thread."""
        return Op(self, fn, False, parent)

    def unlock(self, login: str | None, password: str, parent=None) -> Op[SessionInfo]:
        """Open the vault in the worker; success gets a SessionInfo."""

        def job(_):
            from desktop.core.vault import Vault

            self._close_in_worker()
            session = Vault(self.home, _kdf_from_env()).unlock(login or None, password)
            return self._adopt(session)

        return Op(self, job, False, parent)

    def unlock_recovery(self, code: str, medical: bool, parent=None) -> Op[SessionInfo]:
        def job(_):
            from desktop.core.vault import Vault

            self._close_in_worker()
            session = Vault(self.home, _kdf_from_env()).unlock_recovery(code, medical=medical)
            return self._adopt(session)

        return Op(self, job, False, parent)

    def create_vault(self, login: str, password: str, parent=None) -> Op[tuple[Any, SessionInfo]]:
        """First run: create the vault and open it as its administrator.

        Success gets (InitResult, SessionInfo).
        """

        def job(_):
            from desktop.core.vault import Vault

            kdf = _kdf_from_env()
            result = Vault.create(self.home, login, password, kdf=kdf)
            session = Vault(self.home, result.kdf).unlock(login, password)
            return result, self._adopt(session)

        return Op(self, job, False, parent)

    def replace_vault(self, fn: Callable[[], T], login: str, password: str, parent=None) -> Op[T]:
        """Run `fn()` (a restore: it replaces the vault files) with the Session closed.

        The password is checked against the open Session first (nothing happens if it is
        wrong). On success the Session stays closed: the caller shows the unlock window.
        If `fn` fails, nothing was replaced: the Session is opened again.
        """

        def job(_):
            from desktop.core.errors import WrongPassword
            from desktop.core.vault import Vault

            session = self._session
            if session is None:
                raise SessionLocked(SessionLocked.message)
            if session.slots.open_slot(session.slot, password or "") is None:
                raise WrongPassword("Mot de passe incorrect : rien n'a été restauré.")
            self._close_in_worker()
            try:
                return fn()
            except BaseException:
                try:
                    self._adopt(Vault(self.home, _kdf_from_env()).unlock(login or None, password))
                except Exception:  # noqa: BLE001 - the restore's own error is the one to show
                    pass
                raise

        return Op(self, job, False, parent)

    def close_session(self) -> Future:
        """Close the Session in the worker (after every job already queued)."""
        return Op(self, lambda _: self._close_in_worker(), False, None).run()

    def has_pending(self) -> bool:
        return self._pending > 0

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until the jobs queued so far are done (tests, shutdown). Callbacks still
        need the event loop to run."""
        marker = self._pool.submit(lambda: None)
        try:
            marker.result(timeout)
            return True
        except Exception:
            return False

    def shutdown(self) -> None:
        if self._closed:
            return
        self.close_session()
        self._closed = True
        self._pool.shutdown(wait=True)

    @property
    def worker_thread_id(self) -> int | None:
        return self._worker_ident

    # -- worker side ----------------------------------------------------------------------------
    def _adopt(self, session) -> SessionInfo:
        from desktop.core.export.retention import install

        install()  # queued medical purges run when this session opens the medical database
        self._session = session
        user = session.current_user()
        return SessionInfo(
            user_id=session.user_id,
            login=user.login if user else session.role_label,
            role=session.role,
            role_label=session.role_label,
            medical=session.has_medical_access(),
        )

    def _close_in_worker(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.close()

    def _execute(self, op: Op) -> None:
        self._worker_ident = threading.get_ident()
        try:
            if op._needs_session:
                if self._session is None:
                    raise SessionLocked(SessionLocked.message)
                value = op._fn(self._session)
            else:
                value = op._fn(None)
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            self._finished.emit(op, False, exc)
        else:
            self._finished.emit(op, True, value)

    # -- GUI side -------------------------------------------------------------------------------
    def _submit(self, op: Op) -> Future:
        if self._closed:  # quitting: a late timer's job is dropped (the Session is closed)
            future: Future = Future()
            future.set_exception(SessionLocked(SessionLocked.message))
            return future
        if op.busy:
            self._pending += 1
            if not self._busy_timer.isActive() and not self._busy:
                self._busy_timer.start()
        op.submitted_at = time.perf_counter()
        return self._pool.submit(self._execute, op)

    def _deliver(self, op: Op, ok: bool, value: Any) -> None:
        if op.busy:
            self._pending -= 1
            if self._pending == 0:
                self._busy_timer.stop()
                if self._busy:
                    self._busy = False
                    self.busy_changed.emit(False)
        if op._parent is not None and not _alive(op._parent):
            return
        if ok:
            if op._success is not None:
                op._success(value)
        elif op._failure is not None:
            op._failure(value)
        elif self.default_failure is not None:
            self.default_failure(value, op._parent)

    def _check_busy(self) -> None:
        if self._pending > 0 and not self._busy:
            self._busy = True
            self.busy_changed.emit(True)


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
