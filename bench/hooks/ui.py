"""Measurements of the real widgets for bench/ (offscreen; no assertions, only figures).

- Cold start to the unlock window: run `python -m desktop` with TRAME_BENCH_EXIT_ON_SHOWN=1;
  it prints « TRAME_UNLOCK_SHOWN <epoch seconds> … » at the window's first paint, then exits.
- `keystroke_to_saved(...)`: one character typed into the transcript's question, then the
  time until the worker's commit is confirmed on the GUI thread (« Enregistré à … »),
  with the event loop running between keystrokes as for a user.
- `case_list(...)`: opening the case list page (first rows shown) and searching it.

    from bench.hooks.ui import keystroke_to_saved
    latencies_ms = keystroke_to_saved(home, "enqueteur", password, record_id, n=200)
"""

from __future__ import annotations

import time
from pathlib import Path


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _spin_until(cond, timeout: float = 30.0) -> None:
    """Run the event loop until `cond()` holds, sleeping in Qt (not in Python) between
    events, as the application's own loop does: a posted event wakes it at once, so the
    figures carry no polling delay."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    heartbeat = QTimer()  # wakes the loop now and then, so the timeout is always honoured
    heartbeat.start(100)
    deadline = time.monotonic() + timeout
    try:
        while not cond():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.monotonic() > deadline:
                raise TimeoutError("bench: the application did not answer in time")
    finally:
        heartbeat.stop()


def _unlocked_context(home: Path, login: str, password: str):
    from desktop.ui.context import AppContext

    ctx = AppContext.create(_app(), Path(home))
    info = []
    ctx.tasks.unlock(login, password).success(info.append).run()
    _spin_until(lambda: bool(info))
    ctx.user = info[0]
    return ctx


def keystroke_to_saved(home: Path, login: str, password: str, record_id: int, n: int = 200):
    """Milliseconds from each keystroke to its confirmed commit (list of n floats)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.ui.transcript import TranscriptPanel

    ctx = _unlocked_context(home, login, password)
    panel = TranscriptPanel(ctx, record_id)
    panel.show()
    _spin_until(lambda: panel.loaded)
    text = ("Et ensuite, qu'est-ce qui s'est passé à l'hôtel ? " * (n // 40 + 1))[:n]
    latencies = []
    try:
        for ch in text:
            started = time.perf_counter()
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                panel.question,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )
            _spin_until(lambda: not ctx.saver.dirty() and not panel._draft_timer.isActive())
            latencies.append((time.perf_counter() - started) * 1000)
    finally:
        panel.flush()
        panel.close()
        panel.deleteLater()
        ctx.tasks.shutdown()
    return latencies


def case_list(home: Path, login: str, password: str, queries: list[str]) -> dict[str, float]:
    """Seconds to show the case list page's first rows, then to answer each search."""
    from desktop.ui.cases.case_list import CaseListPage

    ctx = _unlocked_context(home, login, password)
    out: dict[str, float] = {}
    try:
        started = time.perf_counter()
        page = CaseListPage(ctx)
        page.show()
        _spin_until(lambda: page.model.rowCount() > 0 or "Aucun" in page.count.text())
        out["open"] = time.perf_counter() - started
        for query in queries:
            before = page._generation
            started = time.perf_counter()
            page.search.setText(query)
            page._timer.stop()  # measure the search, not the typing pause
            page.refresh()
            _spin_until(lambda b=before: page._generation > b and not ctx.tasks.has_pending())
            out[f"search:{query}"] = time.perf_counter() - started
        page.close()
    finally:
        ctx.tasks.shutdown()
    return out


def hearing_open_and_saves(home: Path, login: str, password: str, record_id: int, n: int = 50):
    """(seconds to open the transcript of `record_id` until its rows show, then the
    milliseconds from Ctrl+Entrée to each of `n` entries confirmed saved on the GUI thread)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop.ui.transcript import TranscriptPanel

    ctx = _unlocked_context(home, login, password)
    started = time.perf_counter()
    panel = TranscriptPanel(ctx, record_id)
    panel.resize(1000, 600)
    panel.show()
    _spin_until(lambda: panel.loaded)
    opened = time.perf_counter() - started
    saves = []
    try:
        for i in range(n):
            panel.question.setPlainText(f"Et ensuite, que s'est-il passé, n° {i} ?")
            panel.answer.setPlainText("On est allés à l'hôtel près de la gare.")
            before = len(panel.model.entries)
            started = time.perf_counter()
            QTest.keyClick(panel.answer, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            _spin_until(lambda b=before: len(panel.model.entries) > b and not ctx.saver.dirty())
            saves.append((time.perf_counter() - started) * 1000)
    finally:
        panel.close()
        panel.deleteLater()
        ctx.tasks.shutdown()
    return opened, saves
