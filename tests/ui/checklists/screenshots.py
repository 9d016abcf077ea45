"""Screenshots of the checklist screens at 1366×768, into screenshots/ (issue 6).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.checklists.screenshots [DIR]

Builds a throw-away vault with fictional people, fills a UMJ checklist (three lesions,
three samples), transmits the CMI, then captures: the UMJ examination step (body diagram),
the samples step, the consent step, the UAPED checklist, the officers' CMI view and the
body diagram alone. Look at them: accents, truncation, layout.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1366, 768)


def _wait(app, predicate, seconds: float = 300) -> None:
    """Let Qt run until `predicate()` holds; the limit only stops a stuck run (the machine
    may be loaded: the worker's seals and SQLCipher reads are then slow)."""
    import time

    end = time.monotonic() + seconds
    while not predicate():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("l'écran ne s'est pas chargé à temps")
        time.sleep(0.01)


def _vault(home: Path):
    from desktop.core.seal.store import CertificateStore
    from desktop.core.vault import Vault
    from desktop.core.vault.crypto import KdfParams

    kdf = KdfParams(1, 65536, 1).with_new_salt()
    from desktop.core.vault.enrolment import enrol_first_doctor, issue_medical_enrolment

    Vault.create(home, "admin", "administrateur du phare de Kerbihan, 1987", kdf=kdf)
    v = Vault(home, kdf)
    with v.unlock("admin", "administrateur du phare de Kerbihan, 1987") as admin:
        admin.add_user("enqueteur", "enquêteur au képi vert pomme", "enqueteur")
        admin.add_user("uaped", "coordination des goélands rieurs", "uaped")
        case = admin.cases.create("2026/00123", "Brigade de protection des mineurs — Paris")
        person = admin.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
        hearing = admin.records.create(case.id, "audition", "audition_mineur", "1", person.id)
        admin.records.set_answer(hearing.id, "audition_debut", "2026-03-12T10:00")
        code = issue_medical_enrolment(admin)
    enrol_first_doctor(v, code, "medecin", "médecin des dunes en été 1991")  # the médecin enrols
    with v.unlock("medecin", "médecin des dunes en été 1991") as doctor:
        CertificateStore(doctor).create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu")
    return case, person


def _session(app, home: Path, login: str, password: str, clock):
    from desktop.ui.app import AppController
    from desktop.ui.context import AppContext

    ctx = AppContext.create(app, home)
    ctx.clock = clock
    controller = AppController(ctx)
    window = controller.start()
    info = []
    ctx.tasks.unlock(login, password).success(info.append).run()
    _wait(app, lambda: bool(info))
    window.unlocked.emit(info[0])
    _wait(app, lambda: controller.main is not None)
    controller.main.setGeometry(0, 0, *SIZE)
    controller.main.resize(*SIZE)
    return ctx, controller


def _shot(app, widget, path: Path) -> None:
    import time

    end = time.monotonic() + 0.4  # let the step states timer (150 ms) and layouts settle
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    widget.grab().save(str(path))
    print(path)


def main(out: str = "screenshots") -> int:
    from PySide6.QtCore import QDateTime
    from PySide6.QtWidgets import QApplication, QWidget

    from desktop.core.medical.bodymap import clock_point
    from desktop.core.medical.clock import fixed_clock
    from desktop.ui.checklists.body_diagram import BodyDiagram
    from tests.core.medical.umj_data import CONFIDENTIAL, NOW, shareable

    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    home = Path(tempfile.mkdtemp(prefix="trame-shots-")) / "home"
    os.environ["TRAME_HOME"] = str(home)
    os.environ["TRAME_KDF_SECONDS"] = "0.02"
    case, person = _vault(home)
    clock = fixed_clock(NOW)

    ctx, doctor = _session(app, home, "medecin", "médecin des dunes en été 1991", clock)
    main = doctor.main
    home_page = main.open_page("checklist.umj")
    _wait(app, lambda: home_page.case_id == case.id and home_page.victim.count() == 2)
    _shot(app, main, out_dir / "umj-0-accueil.png")
    home_page.create_record()
    _wait(app, lambda: main.stack.currentWidget().objectName() == "umj_page")
    page = main.stack.currentWidget()
    view = page.view
    _wait(app, lambda: view.flow is not None)

    def fill(field_id, value):
        step = view.spec.step_of(field_id)
        if view.flow.current != step.id:
            view.goto(step.id)
        view.rows[field_id].editor.set_value(value)
        view._changed(field_id)

    # the CMI's complete shareable part (what readiness asks for grows with the features);
    # lesions and samples are placed through their panels below, as the doctor does
    drawn = {"lesions", "prelevements", "prelevements_realises"}
    answers = {k: v for k, v in shareable(person.id).items() if k not in drawn}
    answers["declarations"] = "il m'aurait forcée à aller à l'hôtel"
    signature = answers.pop("signature_medecin", None)  # signed last, on the finished CMI
    for field_id, value in {**answers, **CONFIDENTIAL}.items():
        fill(field_id, value)
    view.goto("examen")
    panel = view.rows["lesions"].editor.panel
    for (view_id, nx, ny), kind, colour in (
        (("face", 0.4, 0.25), "ecchymose", "violacée"),
        (("dos", 0.45, 0.5), "excoriation", "rouge"),
        (("anal", *clock_point(6, 0.3)), "dechirure", ""),
    ):
        panel._picked(view_id, nx, ny)
        panel.set_type(kind)
        panel.colour_box.setEditText(colour)
        panel.length.setValue(30 if kind == "ecchymose" else 8)
        panel.width_.setValue(20 if kind == "ecchymose" else 0)
        panel.submit()
    panel._picked("face", 0.6, 0.62)  # a fourth one being placed
    panel.set_type("morsure")
    view.scroll.ensureWidgetVisible(view.rows["lesions"])
    _shot(app, main, out_dir / "umj-1-schema-corporel.png")
    fill("prelevements_realises", True)
    samples = view.rows["prelevements"].editor.panel
    for site, nature, minute in (
        ("vaginal", "ecouvillon_sec", 20),
        ("anal", "ecouvillon_sec", 25),
        ("sang", "tube", 30),
    ):
        samples.site.setCurrentIndex(samples.site.findData(site))
        samples.nature.setCurrentIndex(samples.nature.findData(nature))
        samples.taken.setDateTime(QDateTime(datetime(2026, 3, 11, 15, minute)))
        samples.submit()
    samples.number.setValue(2)  # a number used twice, refused next to the field
    samples.site.setCurrentIndex(samples.site.findData("buccal"))
    samples.submit()
    _shot(app, main, out_dir / "umj-2-prelevements.png")
    view.goto("consentement")
    _shot(app, main, out_dir / "umj-3-consentement.png")
    fill("examen_datetime", "2026-03-10T20:00")  # before the facts: refused next to the field
    app.processEvents()
    view.scroll.ensureWidgetVisible(view.rows["examen_lieu"], 0, 0)
    _shot(app, main, out_dir / "umj-4-erreur-date.png")
    fill("examen_datetime", "2026-03-11T15:00")
    if signature is not None:  # the doctor signs what he has finished (bound at signing)
        fill("signature_medecin", signature)
    ctx.saver.flush()
    _wait(app, lambda: not ctx.saver.dirty())
    page.confirm = lambda text: True
    page.transmit()
    _wait(app, lambda: page.transmit_button.isEnabled())
    missing = getattr(page, "missing_box", None)
    if missing is not None:  # the CMI the officers' screen shows was refused: say why
        raise SystemExit(missing.text())
    view.goto("conclusion")
    _shot(app, main, out_dir / "umj-5-cmi-transmis.png")
    doctor._discard_windows()
    ctx.tasks.shutdown()

    ctx, officer = _session(app, home, "enqueteur", "enquêteur au képi vert pomme", clock)
    cmi = officer.main.open_page("checklist.cmi", case_id=case.id)
    _wait(app, lambda: cmi.verify_button.isEnabled())
    cmi.verify()
    _wait(app, lambda: cmi.result.text() != "")
    _shot(app, officer.main, out_dir / "cmi-enqueteur.png")
    officer._discard_windows()
    ctx.tasks.shutdown()

    ctx, uaped = _session(app, home, "uaped", "coordination des goélands rieurs", clock)
    uhome = uaped.main.open_page("checklist.uaped")
    _wait(app, lambda: uhome.case_id == case.id and uhome.victim.count() == 2)
    _wait(app, lambda: uhome.side_box.findChild(QWidget, "hearing_schedule") is not None)
    _shot(app, uaped.main, out_dir / "uaped-0-accueil.png")
    uhome.create_record()
    _wait(app, lambda: uaped.main.stack.currentWidget().objectName() == "uaped_page")
    upage = uaped.main.stack.currentWidget()
    _wait(app, lambda: upage.view.flow is not None)
    _shot(app, uaped.main, out_dir / "uaped-checklist.png")
    upage.view.goto("audition")
    _shot(app, uaped.main, out_dir / "uaped-audition.png")
    uaped._discard_windows()
    ctx.tasks.shutdown()

    diagram = BodyDiagram()
    diagram.resize(900, 640)
    diagram.set_markers(
        [
            (1, "face", 0.4, 0.25),
            (2, "dos", 0.45, 0.5),
            (3, "anal", *clock_point(6, 0.3)),
            (4, "genital", *clock_point(3, 0.35)),
        ]
    )
    _shot(app, diagram, out_dir / "schema-corporel.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
