"""Issue 18 in the real application: the saisine decides what the doctor can do with the CMI,
and the bordereau de remise is filled, signed on screen by the officer and the doctor, sealed."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QPoint, Qt
from PySide6.QtTest import QTest

from tests.ui.checklists import test_umj_transmission as umj_ui
from tests.ui.checklists.test_umj_transmission import fill, open_umj, wait_saved

prepared = umj_ui.prepared  # the same fixture: a case, a victim, the doctor's certificate


def draw(pad, dy: int = 0) -> None:
    points = [QPoint(30, 40 + dy), QPoint(90, 80), QPoint(160, 50 + dy), QPoint(240, 90)]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        QTest.mouseMove(pad, p)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def run_in_worker(ctx, job):
    """Run `job(session)` in the application's worker and return its value."""
    out = {}
    ctx.tasks.op(lambda s: out.setdefault("value", job(s))).run().result(30)
    return out["value"]


def test_spontaneous_request_cannot_be_transmitted(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    fill(page.view, "saisine", "demande_spontanee")
    assert not page.transmit_button.isEnabled()
    assert "226-14" in page.transmit_button.toolTip()
    assert page.hand_over_button.isEnabled() and page.signal_button.isEnabled()
    assert not page.bordereau_button.isEnabled()
    # the keyboard shortcut does not bypass it
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    QTest.keyClick(
        page, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    page.transmit()
    assert asked == []
    assert "pas de réquisition" in page.status.text()
    from desktop.core.documents.medical.transmit import transmissions

    assert run_in_worker(controller.ctx, lambda s: transmissions(s, case.id)) == []
    # on réquisition, the transmission is possible again
    fill(page.view, "saisine", "requisition")
    assert page.transmit_button.isEnabled() and not page.hand_over_button.isEnabled()


def test_bordereau_signed_on_screen_by_officer_and_doctor(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    for field_id, value in {
        "saisine": "requisition",
        "requisition_autorite": "BPM Paris, capitaine Camille DURAND",
        "requisition_numero": "2026/00123",
        "requisition_date": "2026-03-11",
        "medecin_nom": "Dr Alix MORAND",
        "examen_datetime": "2026-03-11T15:00",
        "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
        "faits_datetime": "2026-03-10T22:30",
        "prelevements_realises": True,
    }.items():
        fill(view, field_id, value)
    # 17 h 30 after the facts: GHB is past its hours, still a warning that invites sampling
    ghb = [
        page.alerts.rows.itemAt(i).widget()
        for i in range(page.alerts.rows.count())
        if page.alerts.rows.itemAt(i).widget().property("window") == "toxicologie_ghb_sang"
    ]
    assert ghb and "AU-DELÀ DU DÉLAI" in ghb[0].text()
    assert "au-delà des délais usuels : prélever si doute" in ghb[0].text()
    samples = view.rows["prelevements"].editor.panel
    samples.collected_by.setText("Dr Alix MORAND, médecin légiste")
    for site, nature, minute in (("vaginal", "ecouvillon_sec", 20), ("sang", "tube", 30)):
        samples.site.setCurrentIndex(samples.site.findData(site))
        samples.nature.setCurrentIndex(samples.nature.findData(nature))
        samples.kept.setCurrentIndex(samples.kept.findData("refrigere"))
        samples.taken.setDateTime(QDateTime(datetime(2026, 3, 11, 15, minute)))
        qtbot.mouseClick(samples.add_button, Qt.MouseButton.LeftButton)
    assert view.answers["prelevements"][0]["recueilli_par"] == "Dr Alix MORAND, médecin légiste"
    assert view.answers["prelevements"][1]["conservation"] == "refrigere"
    wait_saved(qtbot, controller.ctx)
    assert page.bordereau_button.isEnabled()

    qtbot.mouseClick(page.bordereau_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    # nothing signed yet: refused, with the reasons next to the fields, nothing lost
    qtbot.keyClicks(dialog.officer_name, "Camille DURAND")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=20000)
    assert "signature" in dialog.errors.text("signature_enqueteur").lower()
    assert dialog.errors.text("prelevements.1.scelle_numero")
    assert dialog.officer_name.text() == "Camille DURAND"
    # the officer completes and signs, the doctor signs
    qtbot.keyClicks(dialog.officer_quality, "capitaine de police, OPJ")
    qtbot.keyClicks(dialog.officer_service, "BPM Paris")
    qtbot.keyClicks(dialog.seal_edits[1], "SC-41")
    qtbot.keyClicks(dialog.seal_edits[2], "SC-42")
    draw(dialog.officer_pad)
    draw(dialog.doctor_pad, dy=12)  # another hand: not the same drawing
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result_document is not None, timeout=30000)
    assert "Bordereau de remise scellé" in page.status.text()

    def probe(s):
        from desktop.core.seal.verify import verify_pdf

        [doc] = s.documents.for_case(case.id, "bordereau_prelevements")
        return verify_pdf(s.documents.content(doc.id))

    report = run_in_worker(controller.ctx, probe)
    assert report.valid, report.reason


def test_admin_sets_the_service_time_zone(qtbot, vault, controller):
    from desktop.core import servicetime
    from tests.conftest import ADMIN_PASSWORD
    from tests.ui.conftest import unlock

    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    page = main.open_page("admin.accounts")
    assert page.zone.currentText() == "Europe/Paris"
    try:
        page.zone.setCurrentText("Indian/Reunion")
        page.save_zone()
        qtbot.waitUntil(lambda: "La Réunion" in page.message.text(), timeout=10000)
        assert servicetime.service_zone_name() == "Indian/Reunion"
        stored = run_in_worker(controller.ctx, lambda s: s.settings.get(servicetime.SETTING_KEY))
        assert stored == "Indian/Reunion"
    finally:
        servicetime.set_service_zone(None)


def test_spontaneous_request_signalement_sealed_and_kept_medical(
    qtbot, vault, controller, prepared
):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    for field_id, value in {
        "saisine": "demande_spontanee",
        "medecin_nom": "Dr Alix MORAND",
        "examen_datetime": "2026-03-11T15:00",
        "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
        "faits_datetime": "2026-03-10T22:30",
        "faits_nature": "violences sexuelles",
        "declarations": "il m'a forcée à aller à l'hôtel",
        "etat_psychique": "Mineure anxieuse.",
    }.items():
        fill(page.view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    delivered = []
    page.deliver = lambda pdf, title, name: delivered.append((pdf, title, name))
    qtbot.mouseClick(page.signal_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.parquet.text().startswith("procureur de la République près")
    qtbot.keyClicks(dialog.parquet, "Paris")
    draw(dialog.pad)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(delivered), timeout=30000)
    pdf, title, name = delivered[0]
    assert name == "signalement-procureur.pdf" and pdf.startswith(b"%PDF")
    assert "Signalement scellé" in page.status.text()

    def probe(s):
        from desktop.core.seal.verify import verify_pdf

        return (
            verify_pdf(pdf).valid,
            s.documents.for_case(case.id),
            len(s.medical_documents.for_case(case.id)),
        )

    valid, case_docs, medical_docs = run_in_worker(controller.ctx, probe)
    assert valid and case_docs == [] and medical_docs == 1
