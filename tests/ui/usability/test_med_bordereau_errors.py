"""Usability (médecin at the UMJ, 1366×768): the « Bordereau de remise des prélèvements »
dialog shows its messages whole.

Found walking the real window: « Sceller le bordereau » with the receiving officer not yet
entered puts a message under each field, but the dialog keeps its size: the wrapped lines
are cut in half (« Indiquez le nom de l'enquêteur qui… », « Prélèvement n° 1 : le numéro
de scellé… » overlapping the next field), the doctor cannot read what to do."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QLabel

from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.checklists.test_umj_transmit_missing import REQUISITION
from tests.ui.usability.test_med_umj_keyboard import opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_bordereau_messages_are_read_whole(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    for field_id, value in REQUISITION.items():
        fill(view, field_id, value)
    fill(view, "prelevements_realises", True)
    samples = view.rows["prelevements"].editor.panel
    for site, nature, minute in (
        ("vaginal", "ecouvillon_sec", 20),
        ("anal", "ecouvillon_sec", 25),
        ("sang", "tube", 30),
    ):
        samples.site.setCurrentIndex(samples.site.findData(site))
        samples.nature.setCurrentIndex(samples.nature.findData(nature))
        samples.taken.setDateTime(QDateTime(datetime(2026, 3, 11, 15, minute)))
        qtbot.mouseClick(samples.add_button, Qt.MouseButton.LeftButton)
    wait_saved(qtbot, controller.ctx)

    qtbot.mouseClick(page.bordereau_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=5000)
    dialog = page.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing entered yet
    qtbot.waitUntil(lambda: "corrigez" in dialog.message.text(), timeout=15000)
    qtbot.wait(50)  # the layout settles
    shown = [
        lab
        for lab in dialog.findChildren(QLabel)
        if lab.objectName().startswith("erreur_") and lab.isVisible()
    ]
    assert len(shown) >= 6  # name, quality, service, three scellés
    for lab in shown:
        needed = lab.heightForWidth(lab.width())
        assert lab.height() >= needed, (lab.objectName(), lab.text(), lab.height(), needed)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()  # still fits at 1366×768
    dialog.reject()
