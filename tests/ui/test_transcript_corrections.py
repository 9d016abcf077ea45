"""M3 and the Ctrl+E trap, in the real window: a corrected entry keeps its first text, a wrong
entry is annulled with a reason (never deleted), and Ctrl+E, Tab, Espace saves nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.hearing.corrections import versions, voided
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing


def test_correct_and_annul_entries_keep_the_original(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    key(Qt.Key.Key_T, CTRL, widget=main)
    panel = page.transcript
    key(Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    type_text(panel.question, "Raconte-moi ce qui s'est passé.")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "On est allés à l'hôtel Bleu.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)

    # Ctrl+E, Tab, Espace: no question saved without its answer, nothing eaten
    key(Qt.Key.Key_E, CTRL)
    assert QApplication.focusWidget() is panel.answer
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return, CTRL)
    qtbot.wait(100)
    assert len(panel.model.entries) == 2
    assert "La réponse est vide" in panel.mode.text()
    panel.answer.setFocus()
    type_text(panel.answer, "Après il est parti.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 3, timeout=5000)
    assert panel.model.entries[-1].answer.strip() == "Après il est parti."

    # correct entry 2 from the history: Entrée, change the answer, Ctrl+Entrée
    key(Qt.Key.Key_H, CTRL | SHIFT)
    panel.table.selectRow(1)
    key(Qt.Key.Key_Return, widget=panel.table)
    qtbot.waitUntil(lambda: panel.answer.text() == "On est allés à l'hôtel Bleu.", timeout=5000)
    panel.answer.clear()
    type_text(panel.answer, "On est allés à l'hôtel Vert.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(
        lambda: panel.model.entries[1].answer == "On est allés à l'hôtel Vert.", timeout=5000
    )
    assert "rectifiée" in panel.model.index(1, 4).data()

    # annul entry 3: Ctrl+Suppr on the history, a reason is required
    key(Qt.Key.Key_H, CTRL | SHIFT)
    panel.table.selectRow(2)
    key(Qt.Key.Key_Delete, CTRL, widget=panel.table)
    box = dialog(qtbot, "Annuler l'entrée n° 3")
    key(Qt.Key.Key_Return, widget=box.reason)
    assert "motif" in box.error.text()
    type_text(box.reason, "erreur de saisie")
    key(Qt.Key.Key_Return, widget=box.reason)
    qtbot.waitUntil(lambda: panel.model.index(2, 4).data() == "annulée", timeout=5000)
    controller.ctx.tasks.wait_idle()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        meta = s.records.get(rid).meta
        entries = s.transcript.for_record(rid)
    assert [v["answer"] for v in versions(meta, entries[1].id)] == ["On est allés à l'hôtel Bleu."]
    assert voided(meta, entries[2].id)["reason"] == "erreur de saisie"
    assert len(entries) == 3 and entries[2].answer.strip() == "Après il est parti."
