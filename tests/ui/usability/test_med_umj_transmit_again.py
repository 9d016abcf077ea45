"""Usability (médecin at the UMJ): « Transmettre à nouveau… » says that a CMI was already
sent, and that the officers will hold both.

Found walking the real window: after a transmission the button reads « Transmettre à
nouveau… » but its confirmation is word for word the first one; a second certificate then
joins the case beside the first, which the doctor was never told."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.core.medical.umj_data import CONFIDENTIAL, doctor_signature
from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.checklists.test_umj_transmit_missing import COMPLETE, REQUISITION
from tests.ui.usability.test_med_umj_keyboard import opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_transmit_again_tells_the_first_one(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    for field_id, value in {
        **REQUISITION,
        **COMPLETE,
        **CONFIDENTIAL,
        "signature_medecin": doctor_signature(),
    }.items():
        fill(view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) or True
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "CMI transmis le" in page.status.text(), timeout=60000)
    assert "déjà été transmis" not in asked[0]
    assert page.transmit_button.text() == "Transmettre à nouveau…"

    page.confirm = lambda text: asked.append(text) or False
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=30000)
    assert asked[1].startswith("Un CMI a déjà été transmis le 11/03/2026 à 16\u00a0h\u00a000."), (
        asked[1]
    )
    assert "le précédent y reste" in asked[1]
