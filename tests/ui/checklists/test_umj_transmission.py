"""Issue 6, end to end in the real application: a doctor fills a UMJ checklist (lesions on
the diagram, three samples) and transmits the CMI; an enquêteur then sees the CMI and none of
the confidential fields; the enquêteur's keys cannot open the medical database."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime, QPoint, Qt

from desktop.core.errors import PermissionDenied, VaultCorrupt
from desktop.core.medical.bodymap import clock_point
from desktop.core.medical.clock import fixed_clock
from desktop.core.seal.store import CertificateStore
from desktop.core.vault.db import Database
from desktop.ui.app import AppController
from desktop.ui.context import AppContext
from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD
from tests.core.medical.umj_data import CONFIDENTIAL, NOW, PARIS, doctor_signature, sentinels
from tests.ui.conftest import unlock


@pytest.fixture
def prepared(vault, officer_session, doctor_session):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    CertificateStore(doctor_session).create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu")
    return case, person


def wait_saved(qtbot, ctx) -> None:
    ctx.saver.flush()
    qtbot.waitUntil(lambda: not ctx.saver.dirty(), timeout=10000)


def fill(view, field_id: str, value) -> None:
    """Go to the field's step and set it through its editor, as typing would."""
    step = view.spec.step_of(field_id)
    if view.flow.current != step.id:
        view.goto(step.id)
    row = view.rows[field_id]
    row.editor.set_value(value)
    view._changed(field_id)


def click_diagram(qtbot, panel, view_id: str, nx: float, ny: float) -> None:
    p = panel.diagram.to_pixels(view_id, nx, ny)
    qtbot.mouseClick(
        panel.diagram, Qt.MouseButton.LeftButton, pos=QPoint(round(p.x()), round(p.y()))
    )


def open_umj(qtbot, controller, case_id: int):
    controller.ctx.clock = fixed_clock(NOW)
    main = unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    home = main.open_page("checklist.umj")
    qtbot.waitUntil(lambda: home.case_id == case_id and home.victim.count() == 2, timeout=10000)
    assert home.victim.itemText(0) == "Léa MARTIN"
    home.create_record()
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "umj_page", timeout=10000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    return main, page


def test_doctor_fills_and_transmits_officer_sees_only_the_cmi(
    qtbot, vault, controller, prepared, qapp, tmp_path, monkeypatch
):
    case, person = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    assert view.answers["patient_personne"] == person.id  # pre-filled from the case

    # -- the checklist, field by field, through the real editors
    for field_id, value in {
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
        "examen_general": "Bon état général.",
        "lesions_description": "Trois lésions, décrites dans le tableau.",
        "examen_genital": "realise",
        "examen_genital_constatations": "Déchirure à 6 heures.",
        "etat_psychique": "Mineure anxieuse.",
        "itt_jours": 3,
        "certificat_remis_a": "autorite_requerante",
        **CONFIDENTIAL,
    }.items():
        fill(view, field_id, value)

    # live alerts follow the facts: 17 h 30 after them, TPE still possible until 12/03 22 h 30
    tpe = next(a for a in page.alerts.alerts if a.window.id == "tpe_vih")
    assert tpe.status == "ouvert" and "12/03/2026 à 22\u00a0h\u00a030" in tpe.message
    # the opposition decides what is printed for whom
    view.goto("consentement")
    assert "Représentant légal : rien de médical" in page.plan_label.text()

    # -- three lesions on the body diagram, with real clicks
    view.goto("examen")
    panel = view.rows["lesions"].editor.panel
    panel.resize(1000, 480)
    for (view_id, nx, ny), kind in (
        (("face", 0.4, 0.25), "ecchymose"),
        (("dos", 0.45, 0.5), "excoriation"),
        (("anal", *clock_point(6, 0.3)), "dechirure"),
    ):
        click_diagram(qtbot, panel, view_id, nx, ny)
        panel.set_type(kind)
        panel.length.setValue(12)
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [x.number for x in panel.lesions] == [1, 2, 3]
    assert view.answers["lesions"][2]["clock"] == 6

    # -- three numbered samples
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
    assert [r["numero"] for r in view.answers["prelevements"]] == [1, 2, 3]
    assert samples.labels_bytes().startswith(b"%PDF")
    fill(view, "signature_medecin", doctor_signature())  # he signs the CMI he read, last
    wait_saved(qtbot, controller.ctx)

    # -- « Transmettre le CMI »: explicit, confirmed
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.transmit_button.isEnabled(), timeout=30000)
    assert "CMI transmis le" in page.status.text(), page.status.text()
    assert "secret médical" in asked[0]

    # -- an enquêteur, in a second application instance on the same vault
    ctx2 = AppContext.create(qapp, vault.home)
    officer = AppController(ctx2)
    try:
        main2 = unlock(qtbot, officer, "enqueteur", OFFICER_PASSWORD)
        assert main2.spec("checklist.umj") is None and main2.spec("checklist.cmi") is not None
        cmi = main2.open_page("checklist.cmi", case_id=case.id)
        qtbot.waitUntil(lambda: cmi.verify_button.isEnabled(), timeout=10000)
        assert cmi.lines[0].startswith(
            "Examen réalisé le 11/03/2026 à 15\u00a0h\u00a000, CMI transmis le "
        )
        qtbot.mouseClick(cmi.verify_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: cmi.result.text() != "", timeout=20000)
        said = cmi.result.text()
        assert said.startswith(
            "VALIDE — document non modifié depuis son sceau ; certificat inconnu"
        )
        assert "émetteur « Dr Alix MORAND »" in said and "n'est pas établie" in said
        # the doctor's certificate put on this machine's trust list: now it is recognized
        from desktop.core.seal.trust import TrustList

        trust = TrustList.local()
        trust.add_fingerprint(said.split("empreinte ")[1].split(",")[0], "UMJ — Dr Alix MORAND")
        trust.save()
        qtbot.mouseClick(cmi.verify_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "reconnu" in cmi.result.text(), timeout=20000)
        assert "certificat reconnu : UMJ — Dr Alix MORAND" in cmi.result.text()
        # « Enregistrer en PDF » writes the sealed CMI (issue 14: the job raised TypeError)
        saved = tmp_path / "cmi.pdf"
        monkeypatch.setattr(
            "desktop.ui.checklists.cmi_page.QFileDialog.getSaveFileName",
            lambda *a, **k: (str(saved), "PDF (*.pdf)"),
        )
        qtbot.mouseClick(cmi.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: saved.exists(), timeout=10000)
        assert saved.read_bytes().startswith(b"%PDF")

        results = {}

        def probe(s):
            from desktop.core.documents.medical.transmit import transmissions
            from tests.core.medical.test_transmit import case_db_text, pdf_text

            sent = transmissions(s, case.id)[0]
            results["pdf"] = pdf_text(s.documents.content(sent.document_id))
            results["db"] = case_db_text(s)
            results["keys"] = [bytes(k) for k in s._keys.values()]
            results["data_keys"] = sorted(n for n in s._keys if n not in ("box", "sign"))
            try:
                s.medical_records.answers(sent.medical_record_id)
            except PermissionDenied as exc:
                results["denied"] = exc.message

        ctx2.tasks.op(probe).run().result(20)
        assert "secret médical" in results["denied"]
        assert "Léa MARTIN" in results["pdf"] and "trois (3) jours" in results["pdf"]
        for secret in sentinels():
            assert secret not in results["pdf"]
            assert secret not in results["db"]
        # storage level: none of the enquêteur's keys opens the medical database
        # (besides the case key, only the account's own key pairs: issue 15)
        assert results["data_keys"] == ["case"]
        for key in results["keys"]:
            with pytest.raises(VaultCorrupt):
                Database(vault.medical_path, key, "la base médicale")
    finally:
        ctx2.saver.flush()
        officer._discard_windows()
        qapp.removeEventFilter(officer.idle)
        officer.idle.stop()
        ctx2.tasks.shutdown()


def test_bad_input_next_to_the_field_nothing_lost(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    fill(view, "faits_datetime", "2026-03-10T22:30")
    # an examination before the facts: French message next to the field, value kept
    fill(view, "examen_datetime", "2026-03-10T20:00")
    row = view.rows["examen_datetime"]
    assert row.error.isVisible() and "avant les faits" in row.error.text()
    assert view.answers["examen_datetime"] == "2026-03-10T20:00"
    # … or in the future (the clock says 11/03/2026 16 h 00)
    fill(view, "examen_datetime", "2026-03-12T09:00")
    assert "futur" in view.rows["examen_datetime"].error.text()
    fill(view, "examen_datetime", "2026-03-11T15:00")
    assert not view.rows["examen_datetime"].error.isVisible()
    # a lesion without a position
    view.goto("examen")
    panel = view.rows["lesions"].editor.panel
    panel.set_type("plaie")
    panel.description.setPlainText("linéaire")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "sans position" in panel.errors.labels["position"].text()
    assert panel.description.toPlainText() == "linéaire" and panel.lesions == []
    # a sample number used twice
    fill(view, "prelevements_realises", True)
    samples = view.rows["prelevements"].editor.panel
    samples.site.setCurrentIndex(samples.site.findData("anal"))
    samples.taken.setDateTime(QDateTime(datetime(2026, 3, 11, 15, 20)))
    assert samples.submit()
    samples.number.setValue(1)
    samples.site.setCurrentIndex(samples.site.findData("buccal"))
    assert not samples.submit()
    assert "déjà utilisé" in samples.errors.labels["numero"].text()
    assert samples.site.currentData() == "buccal"
    wait_saved(qtbot, controller.ctx)
    assert view.answers["prelevements"] == [
        {"numero": 1, "site": "anal", "recueilli_le": "2026-03-11T15:20"}
    ]


def test_uaped_coordination_has_no_medical_access(qtbot, vault, controller, prepared):
    from tests.conftest import UAPED_PASSWORD

    case, _ = prepared
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    assert main.spec("checklist.umj") is None and main.spec("checklist.umj.record") is None
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: home.case_id == case.id and home.victim.count() == 2, timeout=10000)
    home.create_record()
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "uaped_page", timeout=10000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    assert page.view.answers["audition_procedure_numero"] == "2026/00123"
    denied = []
    controller.ctx.tasks.op(lambda s: s.medical_records).failure(denied.append).run()
    qtbot.waitUntil(lambda: bool(denied), timeout=10000)
    assert isinstance(denied[0], PermissionDenied)
    assert PARIS  # the shared data module is importable from the UI tests
