"""Issue 13: « Transmettre le CMI » says what is missing BEFORE asking « Transmettre ? ».

The real main window, as a doctor: a checklist on réquisition with most findings left
empty; the click lists every missing item (and the doctor goes back to the checklist), the
confirmation is never asked; once complete, the confirmation comes, and nothing is sent
when the doctor cancels it."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.core.medical.umj_data import CONFIDENTIAL, doctor_signature
from tests.ui.checklists.test_umj_transmission import fill, open_umj, prepared, wait_saved

__all__ = ["prepared"]  # the fixture, shared with the transmission test

REQUISITION = {
    "saisine": "requisition",
    "requisition_autorite": "BPM Paris, capitaine Camille DURAND",
    "requisition_numero": "2026/00123",
    "requisition_date": "2026-03-11",
}
COMPLETE = {
    "medecin_nom": "Dr Alix MORAND",
    "examen_datetime": "2026-03-11T15:00",
    "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
    "consentement_mineur": True,
    "faits_datetime": "2026-03-10T22:30",
    "faits_datetime_precision": "exacte",
    "faits_nature": "violences sexuelles",
    "declarations": "il m'a forcée à aller à l'hôtel",
    "examen_general": "Bon état général.",
    "lesions_description": "Aucune lésion.",
    "examen_genital": "realise",
    "examen_genital_constatations": "Pas de lésion.",
    "etat_psychique": "Mineure anxieuse.",
    "itt_jours": 0,
    "prelevements_realises": False,
    "certificat_remis_a": "autorite_requerante",
    **CONFIDENTIAL,
}


def test_missing_items_come_first_then_the_confirmation(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    for field_id, value in REQUISITION.items():
        fill(view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) or False

    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.missing_box is not None and page.missing_box.isVisible(), timeout=15000
    )
    box = page.missing_box
    assert asked == []  # never « Transmettre ? » for a certificate that cannot go
    text = box.text()
    assert text.startswith("Le CMI ne peut pas encore être transmis : ")
    items = [line for line in text.splitlines() if line.startswith("– ")]
    assert len(items) >= 5
    assert f"{len(items)} éléments manquent" in text
    assert any("Signature du médecin" in line for line in items), items
    assert f"{len(items)} éléments manquent" in page.status.text()
    assert "transmis le" not in page.status.text()

    # « Revenir à la checklist »: the box closes on the first missing field's step
    back = box.button(QMessageBox.StandardButton.Ok)
    assert back.text() == "Revenir à la checklist"
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible(), timeout=5000)
    assert view.flow.current != "saisine" or view.flow.show_all
    assert view.flow.show_all  # every missing field is now marked where it is
    assert page.transmit_button.isEnabled()

    # complete: the confirmation is asked, and cancelling it sends nothing
    for field_id, value in {**COMPLETE, "signature_medecin": doctor_signature()}.items():
        fill(view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked), timeout=15000)
    assert "Transmettre le certificat médical initial ?" in asked[0]
    qtbot.waitUntil(lambda: page.status.text() == "CMI non transmis", timeout=10000)
    assert not any(
        w.isVisible() and w.objectName() == "cmi_missing" for w in QApplication.topLevelWidgets()
    )
    sent = []
    controller.ctx.tasks.op(
        lambda s: s.cases_db.execute("SELECT COUNT(*) FROM cmi_transmissions").fetchone()[0]
    ).success(sent.append).run()
    qtbot.waitUntil(lambda: bool(sent), timeout=10000)
    assert sent == [0]
