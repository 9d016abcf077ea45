"""Shared helpers of the UI tests: open a hearing on a real vault, press keys like a user."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import OFFICER_PASSWORD

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def key(k, mod=Qt.KeyboardModifier.NoModifier, widget=None):
    """Press a key where the keyboard focus is (in the active window)."""
    if widget is None and QApplication.activeWindow() is None:
        main = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
        main.activateWindow()  # offscreen: no window manager gives the focus back
        QApplication.processEvents()
    target = widget or QApplication.focusWidget() or QApplication.activeWindow()
    window = target.window()
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        QApplication.processEvents()
    QTest.keyClick(target, k, mod)


def dialog(qtbot, title):
    """The dialog with this title, once shown and active (offscreen has no window manager)."""

    def find():
        return next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.windowTitle() == title
            ),
            None,
        )

    qtbot.waitUntil(lambda: find() is not None, timeout=5000)
    found = find()
    found.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found, timeout=2000)
    return found


def make_hearing(vault, number="2026/000123"):
    """The sample case's victim (desktop.core.sample) in case `number`, and an empty hearing
    record started by the core use case the application calls."""
    from desktop.core.records import RecordKind, start_record
    from desktop.core.sample import create_persons, demo_data

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case, victim = create_persons(s, demo_data(), number)
        record_id = start_record(s, RecordKind.AUDITION, case.id, victim.id)
    return case.id, record_id


def open_hearing(qtbot, main, record_id):
    page = main.open_page("hearing", record_id=record_id)
    qtbot.waitUntil(lambda: page.wizard.flow is not None and page.transcript.loaded, timeout=10000)
    return page
