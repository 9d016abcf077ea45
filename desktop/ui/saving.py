"""Autosave through the worker: every change is written at once, latest value wins.

    ctx.saver.save(("answer", record_id, "faits.lieu"),
                   lambda s: s.records.set_answer(record_id, "faits.lieu", value))

While a write for a key is in flight, newer changes to the same key wait and only the
newest is written next (typing fast never builds a queue). A write that failed is kept and
tried again with `retry()` (after an unlock) — the widget still shows the text meanwhile.
`saved` carries the hh:mm:ss shown as « Enregistré à … » and is emitted only after the
commit returned, so what the indicator confirms is on disk.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.core.servicetime import shown_time
from desktop.ui.tasks import TaskManager, error_message

SAVING, SAVED, FAILED = "saving", "saved", "failed"


@dataclass
class _Write:
    fn: Callable[[Any], Any]
    first_change: float
    on_saved: Callable[[Any], None] | None


class Saver(QObject):
    saved = Signal(object, str)  # key, "hh:mm:ss"
    failed = Signal(object, str)  # key, French message
    state_changed = Signal(str)  # SAVING | SAVED | FAILED

    def __init__(self, tasks: TaskManager):
        super().__init__(tasks)
        self.tasks = tasks
        self._inflight: set[Hashable] = set()
        self._waiting: dict[Hashable, _Write] = {}
        self._failed: dict[Hashable, _Write] = {}
        self._serial = 0
        self.last_saved_at: str | None = None
        self.latencies_ms: deque[float] = deque(maxlen=10_000)
        self.state = SAVED

    def save(
        self,
        key: Hashable | None,
        fn: Callable[[Any], Any],
        on_saved: Callable[[Any], None] | None = None,
    ) -> None:
        """Write now (or right after the write in flight for the same key).

        `key=None` never coalesces (appends)."""
        if key is None:
            self._serial += 1
            key = ("_unique", self._serial)
        now = time.perf_counter()
        previous = self._waiting.get(key) or self._failed.pop(key, None)
        first = previous.first_change if previous else now
        write = _Write(fn, first, on_saved)
        self._set_state(SAVING)
        if key in self._inflight:
            self._waiting[key] = write
            return
        self._submit(key, write)

    def flush(self) -> None:
        """Send every waiting write now (before a lock or quitting): the worker keeps order."""
        waiting, self._waiting = self._waiting, {}
        for key, write in waiting.items():
            self._submit(key, write)

    def retry(self) -> None:
        failed, self._failed = self._failed, {}
        for key, write in failed.items():
            if key in self._inflight:
                self._waiting.setdefault(key, write)
            else:
                self._submit(key, write)

    def discard(self, key: Hashable) -> None:
        """Forget a write not yet sent for `key` (it is superseded by a job that does more)."""
        self._waiting.pop(key, None)
        self._failed.pop(key, None)

    def dirty(self) -> bool:
        return bool(self._inflight or self._waiting or self._failed)

    # -- internals ---------------------------------------------------------------------------
    def _submit(self, key: Hashable, write: _Write) -> None:
        self._inflight.add(key)
        self.tasks.op(write.fn).quiet().success(
            lambda value, k=key, w=write: self._done(k, w, value)
        ).failure(lambda exc, k=key, w=write: self._fail(k, w, exc)).run()

    def _done(self, key: Hashable, write: _Write, value: Any) -> None:
        self._inflight.discard(key)
        self.latencies_ms.append((time.perf_counter() - write.first_change) * 1000)
        # the service zone, like every printed time (not the machine's own zone)
        self.last_saved_at = shown_time()
        if write.on_saved is not None:
            write.on_saved(value)
        self.saved.emit(key, self.last_saved_at)
        nxt = self._waiting.pop(key, None)
        if nxt is not None:
            self._submit(key, nxt)
        elif not self.dirty():
            self._set_state(SAVED)

    def _fail(self, key: Hashable, write: _Write, exc: BaseException) -> None:
        self._inflight.discard(key)
        newer = self._waiting.pop(key, None)
        self._failed[key] = newer or write
        self._set_state(FAILED)
        self.failed.emit(key, error_message(exc))

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
        self.state_changed.emit(state)
