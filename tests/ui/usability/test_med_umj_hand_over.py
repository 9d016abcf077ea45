"""Usability (médecin at the UMJ, without réquisition): « Remettre le CMI en main propre… »
lists everything missing first, as « Transmettre le CMI » does, and says « non remis ».

Found walking the real window: with most of the checklist empty, the click jumped to the last
step, flagged « Certificat remis à » and said « CMI non transmis : corrigez les champs
signalés. » (nothing is transmitted without réquisition); once that one was chosen, the next
click brought another box with the rest: one round per kind of missing item."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.usability.test_med_umj_keyboard import focused_field, opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_hand_over_lists_what_is_missing_first(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    fill(view, "saisine", "demande_spontanee")
    wait_saved(qtbot, controller.ctx)
    qtbot.mouseClick(page.hand_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.missing_box is not None and page.missing_box.isVisible(), timeout=15000
    )
    box = page.missing_box
    text = box.text()
    assert text.startswith("Le CMI ne peut pas encore être remis : "), text
    items = [line for line in text.splitlines() if line.startswith("– ")]
    assert len(items) >= 5
    assert any("Médecin" in line for line in items), items
    assert any("Signature du médecin" in line for line in items), items
    assert page.status.text().startswith("CMI non remis : ")
    assert "transmis" not in page.status.text()

    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible(), timeout=5000)
    assert view.flow.current == "saisine"  # the first missing item, not the last step
    assert focused_field() == "medecin_nom"
    sealed = []
    controller.ctx.tasks.op(
        lambda s: s.medical_db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    ).success(sealed.append).run()
    qtbot.waitUntil(lambda: bool(sealed), timeout=10000)
    assert sealed == [0]  # nothing sealed
