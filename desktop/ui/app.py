"""Start-up and the life of a session: unlock, main window, lock, re-unlock, quit.

`run()` shows the unlock window first, importing only what it needs (Qt widgets and a few
small modules); the vault, cryptography and the feature pages load after it is on screen.

Benchmark hooks:
- TRAME_BENCH_EXIT_ON_SHOWN=1 prints « TRAME_UNLOCK_SHOWN <epoch seconds> <seconds since
  the interpreter started> » once the unlock window has painted, then exits 0.
- `ctx.saver.latencies_ms` holds keystroke-to-committed latencies (see bench.hooks.ui).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.clipboard import ClipboardGuard
from desktop.ui.context import AppContext
from desktop.ui.lock import DiscreetScreen, IdleWatcher, OsLockWatcher
from desktop.ui.tasks import SessionInfo
from desktop.ui.unlock import UnlockWindow

# Same names as desktop.core.vault.vault (not imported here: it loads SQLCipher).
_VAULT_FILES = ("keyslots.json", "cases.db")


def vault_exists(home: Path) -> bool:
    return any((Path(home) / name).exists() for name in _VAULT_FILES)


class AppController(QObject):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.ctx = ctx
        self.unlock_window: UnlockWindow | None = None
        self.main = None
        self.locked = False
        self._hidden: list[QWidget] = []
        self._last_user: SessionInfo | None = None
        self.discreet = DiscreetScreen(ctx.app)
        ctx.discreet = self.discreet
        ctx.request_lock = self.lock
        self.idle = IdleWatcher(ctx.settings, self._idle_lock, self._idle_warning, self._idle_clear)
        self.idle.on_lock_key = self.lock  # Ctrl+L also when a modal dialog is open
        ctx.app.installEventFilter(self.idle)
        ctx.events.vault_replaced.connect(self._vault_replaced)
        self.os_lock: OsLockWatcher | None = None
        self.clipboard = ClipboardGuard(ctx.app, self)  # issue 15: copies do not outlive a lock

    # -- start ----------------------------------------------------------------------------------
    def start(self) -> UnlockWindow:
        self.unlock_window = UnlockWindow(self.ctx, first_run=not vault_exists(self.ctx.home))
        self.unlock_window.unlocked.connect(self.on_unlocked)
        screen = self.ctx.app.primaryScreen()
        if screen is not None:
            frame = self.unlock_window.frameGeometry()
            frame.moveCenter(screen.availableGeometry().center())
            self.unlock_window.move(frame.topLeft())
        self.unlock_window.show()
        return self.unlock_window

    def on_unlocked(self, info: SessionInfo) -> None:
        ctx = self.ctx
        previous, self._last_user = self._last_user, info
        ctx.user = info
        self.locked = False
        self.unlock_window.hide()
        if self.main is not None and previous is not None and previous.user_id == info.user_id:
            for window in self._hidden:
                if shiboken6.isValid(window):  # a modal dialog ended by the lock is gone
                    window.show()
            self._hidden = []
        else:
            self._discard_windows()
            from desktop.ui.main_window import MainWindow

            self.main = MainWindow(ctx)
            self.main.resize(1280, 760)
            screen = ctx.app.primaryScreen()
            if screen is not None:
                self.main.setGeometry(screen.availableGeometry())
            self.main.show()
        self.main.activateWindow()
        from desktop.ui.admin.accounts import load_idle_setting
        from desktop.ui.integrity import check_after_unlock, show_unlock_warnings

        check_after_unlock(ctx, self.main)
        show_unlock_warnings(ctx, self.main)

        load_idle_setting(ctx)
        ctx.saver.retry()
        ctx.events.unlocked.emit(info)
        self.idle.start()
        if self.os_lock is None:
            self.os_lock = OsLockWatcher(ctx.app)
            self.os_lock.locked.connect(self.lock)
            self.os_lock.install()

    def _discard_windows(self) -> None:
        for window in self._hidden:
            if shiboken6.isValid(window):
                window.close()
                window.deleteLater()
        self._hidden = []
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None

    # -- lock -----------------------------------------------------------------------------------
    def lock(self) -> None:
        """Hide every window, close the Session in the worker, ask for the password again."""
        if self.locked or self.ctx.user is None:
            return
        ctx = self.ctx
        self.locked = True
        self.idle.stop()
        ctx.events.about_to_lock.emit()
        if self.main is not None:
            self.main.flush()
        ctx.saver.flush()
        self.discreet.off()
        self._hidden = [
            w for w in ctx.app.topLevelWidgets() if w.isVisible() and w is not self.unlock_window
        ]
        for window in self._hidden:
            window.hide()
        ctx.tasks.close_session()  # queued after the writes flushed above: keys zeroed
        self.clipboard.clear()
        ctx.user = None
        ctx.events.locked.emit()
        self.unlock_window.show_locked(self._last_user.login if self._last_user else "")
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()

    def _vault_replaced(self, message: str) -> None:
        """A restore replaced the vault files (its Session is already closed): no window
        keeps data of the old vault; the next unlock opens the restored one afresh."""
        login = self._last_user.login if self._last_user else ""
        self.locked = True
        self.idle.stop()
        self._discard_windows()
        self._last_user = None
        self.ctx.user = None
        self.ctx.events.locked.emit()
        self.unlock_window.show_locked(login)
        self.unlock_window.form.intro.setText(message)
        self.unlock_window.show()
        self.unlock_window.raise_()
        self.unlock_window.activateWindow()

    def _idle_lock(self) -> None:
        self._idle_clear()
        self.lock()

    def _idle_warning(self, seconds: int) -> None:
        if self.main is not None and self.main.isVisible():
            self.main.banner.show_seconds(seconds)

    def _idle_clear(self) -> None:
        if self.main is not None:
            self.main.banner.hide()

    # -- quit -----------------------------------------------------------------------------------
    def shutdown(self) -> None:
        if self.main is not None:
            self.main.flush()
        self.ctx.saver.flush()
        self.ctx.tasks.shutdown()


def _bench_hook(app: QApplication, window: UnlockWindow) -> None:
    def shown() -> None:
        since_start = time.perf_counter() - _T0
        print(f"TRAME_UNLOCK_SHOWN {time.time():.6f} {since_start:.6f}", flush=True)
        QTimer.singleShot(0, lambda: app.exit(0))

    window.first_paint.connect(shown)


def _preload(ctx: AppContext) -> None:
    """While the user types the password: load the vault modules in the worker."""

    def job(_):
        import desktop.core.vault  # noqa: F401

    ctx.tasks.call(job).quiet().failure(lambda exc: None).run()


_T0 = time.perf_counter()


def run(argv: list[str] | None = None) -> int:
    from desktop.core.paths import data_home

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Trame")
    app.setOrganizationName("Trame")
    ctx = AppContext.create(app, data_home())
    controller = AppController(ctx)
    window = controller.start()
    from desktop.core import settings

    if settings.get("TRAME_BENCH_EXIT_ON_SHOWN"):
        _bench_hook(app, window)
    else:
        QTimer.singleShot(0, lambda: _preload(ctx))
    code = app.exec()
    controller.shutdown()
    return int(code)
