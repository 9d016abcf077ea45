"""Issue 16 in the application: the doctor signs the CMI in the UMJ form, then changes the
ITT; « Transmettre le CMI » lists his stale signature before any confirmation, and is accepted
once he signs again. Real main window, real vault (medical database), offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from tests.core.medical.umj_data import CONFIDENTIAL, NOW, doctor_signature
from tests.ui.checklists import test_umj_transmission as umj_ui
from tests.ui.checklists.test_umj_saisine_ui import run_in_worker
from tests.ui.checklists.test_umj_transmission import fill, open_umj, wait_saved

prepared = umj_ui.prepared  # a case, a victim, the doctor's certificate

FINDINGS = {
    "saisine": "requisition",
    "requisition_autorite": "BPM Paris, capitaine Camille DURAND",
    "requisition_numero": "2026/00123",
    "requisition_date": "2026-03-11",
    "medecin_nom": "Dr Alix MORAND",
    "examen_datetime": "2026-03-11T15:00",
    "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
    "consentement_mineur": True,
    "faits_datetime": "2026-03-10T22:30",
    "faits_datetime_precision": "exacte",
    "faits_nature": "violences sexuelles",
    "declarations": "il m'a forcée à aller à l'hôtel",
    "examen_genital": "realise",
    "examen_genital_constatations": "Déchirure à 6 heures.",
    "prelevements_realises": False,
    "examen_general": "Bon état général.",
    "etat_psychique": "Mineure anxieuse.",
    "itt_jours": 3,
    "certificat_remis_a": "autorite_requerante",
    **CONFIDENTIAL,
}


def _stored_signature(ctx, record_id: int) -> dict:
    return run_in_worker(
        ctx, lambda s: s.medical_records.answers(record_id).get("signature_medecin") or {}
    )


def _transmit(qtbot, page) -> None:
    page.confirm = lambda text: True  # the confirmation box, answered « Transmettre »
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("CMI "), timeout=30000)  # outcome


def test_a_cmi_changed_after_the_doctor_signed_is_not_transmitted(
    qtbot, vault, controller, prepared
):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view, ctx = page.view, controller.ctx
    for field_id, value in FINDINGS.items():
        fill(view, field_id, value)
    fill(view, "signature_medecin", doctor_signature())  # he signs the CMI he read
    wait_saved(qtbot, ctx)
    first = _stored_signature(ctx, page.record_id)
    assert len(first.get("content_sha256", "")) == 64  # bound when he signed

    fill(view, "itt_jours", 8)  # the ITT changed after his signature
    wait_saved(qtbot, ctx)
    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) or True
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.missing_box is not None, timeout=30000)
    assert page.status.text() == "CMI non transmis : 1 élément manque ou est à corriger."
    assert asked == []  # listed before « Transmettre ? » (the seal refuses it too: core tests)
    assert "Signature périmée : le certificat a changé" in page.missing_box.text()
    page.missing_box.close()

    again = signature_answer(  # he reads the CMI again and signs on the pad
        "signe", image_png=signature_png("Dr Alix MORAND", 9), name="Dr Alix MORAND", signed_at=NOW
    )
    fill(view, "signature_medecin", again)
    wait_saved(qtbot, ctx)
    assert _stored_signature(ctx, page.record_id)["content_sha256"] != first["content_sha256"]
    _transmit(qtbot, page)
    assert "CMI transmis le" in page.status.text(), page.status.text()
