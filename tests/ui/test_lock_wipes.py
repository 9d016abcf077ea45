"""Issue 15, lock means locked, through the real main window: after Ctrl+L the clipboard no
longer holds what was copied from Trame, the Session's key buffers are zero, and a canary
statement typed before the lock is held by no Python object of the session (the widgets'
own text excepted: screens stay built so that unlocking returns to the same screen and
cursor); a copy from Trame is also cleared after 30 s without a lock."""

from __future__ import annotations

import gc
import secrets
import types

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui.clipboard import CLEAR_SECONDS
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing
from tests.ui.test_lock import relock_with


def holders(canary: str) -> list[str]:
    """Type names of the Python objects holding a str with the canary (str objects are not
    tracked by the gc: the objects referring to them are, slotted ones included). Frames
    are left out: the test's own frame holds the canary it looks for. Plain loops, no
    generator: a closure over `canary` would itself be a holder."""
    gc.collect()
    found = []
    for obj in gc.get_objects():
        if isinstance(obj, types.FrameType):
            continue
        for r in gc.get_referents(obj):
            if isinstance(r, str) and canary in r:
                found.append(type(obj).__name__)
                break
    return found


def test_ctrl_l_wipes_keys_clipboard_and_the_typed_statement(qtbot, vault, controller):
    # built at run time: a literal would sit in this module's constants and globals
    canary = f"Canari-{secrets.token_hex(6)} la voiture bleue du parking"
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    page.show_transcript()
    panel = page.transcript
    panel.question.setFocus()
    type_text(panel.question, "Que s'est-il passé ensuite ?")
    panel.answer.setFocus()
    type_text(panel.answer, canary)
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)  # the entry is saved
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    panel.question.setFocus()
    type_text(panel.question, canary)  # and typed again, not yet saved
    key(Qt.Key.Key_A, CTRL, widget=panel.question)
    key(Qt.Key.Key_C, CTRL, widget=panel.question)
    clipboard = QApplication.clipboard()
    assert canary in clipboard.text()
    session = controller.ctx.tasks._session
    buffers = list(session._keys.values())
    assert buffers and any(any(b) for b in buffers)
    del session
    assert holders(canary)  # the scan sees the statement while the session is open

    key(Qt.Key.Key_L, CTRL)
    assert controller.locked and not main.isVisible()
    assert controller.ctx.tasks.wait_idle()
    assert clipboard.text() == ""
    assert all(b == bytearray(len(b)) for b in buffers)
    assert controller.ctx.tasks._session is None
    assert holders(canary) == []

    # unlocking returns to the same screen, the typed question and the cursor where they were
    relock_with(qtbot, controller, OFFICER_PASSWORD)
    assert controller.main is main and main.current_page() is page
    assert panel.question.toPlainText() == canary
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)


def test_a_copy_from_trame_is_cleared_after_thirty_seconds(qtbot, vault, controller):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    type_text(page.search, "2026/000123")
    key(Qt.Key.Key_A, CTRL, widget=page.search)
    key(Qt.Key.Key_C, CTRL, widget=page.search)
    clipboard = QApplication.clipboard()
    assert clipboard.text() == "2026/000123"
    timer = controller.clipboard.timer
    assert timer.isActive() and timer.interval() == CLEAR_SECONDS * 1000 == 30_000
    timer.timeout.emit()  # the 30 s are up
    assert clipboard.text() == ""
