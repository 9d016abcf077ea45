"""The officer's observation, typed from the transcript panel with one key (issue 17, 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.pv.builder import build_pv
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing


def test_observation_is_a_separate_entry_created_with_one_key(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    key(Qt.Key.Key_T, CTRL)
    panel = page.transcript
    # before the start, the key explains instead of recording
    key(Qt.Key.Key_O, CTRL | SHIFT)
    assert "pas commencé" in panel.mode.text()
    key(Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    type_text(panel.question, "Raconte-moi tout ce qui s'est passé.")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "Je sais pas.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)
    key(Qt.Key.Key_O, CTRL | SHIFT)
    box = dialog(qtbot, "Observation de l'enquêteur")
    key(Qt.Key.Key_Return, widget=box.text)  # empty: refused with a message, nothing stored
    assert box.isVisible() and box.error.text() == "Écrivez l'observation."
    type_text(box.text, "La mineure pleure et se tait une minute.")
    key(Qt.Key.Key_Return, widget=box.text)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 3, timeout=5000)
    entry = panel.model.entries[-1]
    assert entry.kind == "observation"
    assert entry.note == "La mineure pleure et se tait une minute."
    shown = panel.model.data(panel.model.index(2, 5), Qt.ItemDataRole.DisplayRole)
    assert shown == "Observation de l'enquêteur : La mineure pleure et se tait une minute."
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        doc = build_pv(s, rid)
    qr = [e for e in doc.body if e.kind == "qr"]
    assert qr[0].answer == "Je sais pas."  # never inside the minor's answer
    assert [e.note for e in doc.body if e.kind == "observation"] == [
        "La mineure pleure et se tait une minute."
    ]
