"""Screenshots of the real application with fictional data (`make screenshots`).

    python -m devtools.screenshots --out screenshots --size 1366x768

Run under a display of that size (scripts/screenshots.sh starts Xvfb). A throw-away vault
is created in a temporary folder; every person in it is fictional.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

PASSWORD = "démonstration des écrans"


def _seed(home: Path) -> int:
    """A vault with an enquêteur, a few cases and one hearing under way. Returns its id."""
    from desktop.core.records import RecordKind
    from desktop.core.sample import (
        create_persons,
        demo_data,
        hearing_entries,
        new_record,
        record_transcript,
        variant,
    )
    from desktop.core.vault import Vault
    from desktop.core.vault.crypto import KdfParams

    kdf = KdfParams(1, 65536, 1).with_new_salt()
    Vault.create(home, "admin", PASSWORD, kdf=kdf)
    vault = Vault(home, kdf)
    with vault.unlock("admin", PASSWORD) as admin:
        admin.add_user("l.fabre", PASSWORD, "enqueteur")
    with vault.unlock("l.fabre", PASSWORD) as s:
        services = ["BPM — Paris", "Brigade de protection des familles — Créteil"]
        for i, (first, last) in enumerate(
            [
                ("Inès", "Moreau"),
                ("Léa", "Faure"),
                ("Chloé", "Lefèvre"),
                ("Maëlys", "Girard"),
                ("Zoé", "Bonnet"),
                ("Anaïs", "Dupré"),
            ]
        ):
            case = s.cases.create(f"2026/00{4210 + i}", services[i % 2])
            s.persons.add(
                case.id,
                "victime",
                last,
                first,
                f"201{i}-0{i + 1}-1{i}",
                {"pseudonyme": ["Lou", "Nina", "Jade", "Mia", "Lily", "Rose"][i]},
            )
            if i == 1:
                s.cases.set_status(case.id, "transmis")
        data = demo_data()  # the sample case, its hearing under way (4 questions, a pause)
        pairs = data["transcript"]["pairs"][:4]
        data = variant(data, {"transcript": {"pairs": pairs, "pause_after": 3}})
        case, victim = create_persons(s, data, "2026/004242")
        start = datetime.now().astimezone() - timedelta(minutes=42)
        answers = {
            "service": case.service,
            "procedure_numero": case.procedure_number,
            "cadre_enquete": "preliminaire",
            "officier_nom": "Léa Fabre",
            "officier_grade": "Brigadier-chef",
            "officier_qualite": "opj",
            "audition_lieu": "salle_melanie",
            "audition_lieu_precision": "Salle Mélanie, UAPED",
            "audition_debut": start.strftime("%Y-%m-%dT%H:%M"),
            "victime_personne": victim.id,
            "victime_date_naissance": victim.birth_date,
            "faits_date_debut": "2026-13-01",  # the screen shows its error
        }
        record = new_record(s, RecordKind.AUDITION, case, victim, answers)
        s.records.set_current_step(record.id, "victime")
        entries = hearing_entries(data, start, finished=False)[0]
        record_transcript(s, record, entries, start + timedelta(minutes=1))
    return record.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trame-screens-") as tmp:
        home = Path(tmp) / "coffre"
        os.environ["TRAME_HOME"] = str(home)
        os.environ.setdefault("TRAME_KDF_SECONDS", "0.05")
        record_id = _seed(home)
        from devtools import admin_screens

        admin = admin_screens.seed(home, Path(tmp), PASSWORD)
        from devtools import cases_screens as case_screens

        admin["documents_case"] = case_screens.seed(home, PASSWORD, Path(tmp))
        return _shoot(args.out, args.size, home, Path(tmp) / "neuf", record_id, admin)


def _shoot(out: Path, size: str, home: Path, empty_home: Path, record_id: int, admin: dict) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import AppController
    from desktop.ui.context import AppContext

    app = QApplication(sys.argv[:1])
    app.setApplicationName("Trame")

    def shot(name: str) -> None:
        QTest.qWait(500)
        app.primaryScreen().grabWindow(0).save(str(out / f"{name}-{size}.png"))
        print(f"{out / f'{name}-{size}.png'}")

    def wait(cond, ms: int = 15000) -> None:
        for _ in range(ms // 20):
            if cond():
                return
            QTest.qWait(20)
        raise SystemExit("les écrans n'ont pas pu être préparés à temps")

    def type_text(widget, text: str) -> None:
        for ch in text:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )

    # first run: the administrator is created and the recovery keys are shown once
    first_ctx = AppContext.create(app, empty_home)
    first = AppController(first_ctx)
    window = first.start()
    flow = window.stack.currentWidget()
    type_text(flow.password, PASSWORD)
    type_text(flow.confirm, PASSWORD)
    shot("00-premier-demarrage")
    flow._submit()
    wait(lambda: flow.currentWidget() is flow.keys)
    shot("01-cles-de-secours")
    window.close()
    first_ctx.tasks.shutdown()

    ctx = AppContext.create(app, home)
    controller = AppController(ctx)
    window = controller.start()
    form = window.form
    type_text(form.login, "l.fabre")
    type_text(form.password, "mauvais mot de passe")
    form._submit()
    wait(lambda: form.error.isVisible())
    shot("02-deverrouillage-erreur")
    type_text(form.password, PASSWORD)
    form._submit()
    wait(lambda: controller.main is not None and controller.main.isVisible())
    main = controller.main
    cases = main.current_page()
    wait(lambda: cases.model.rowCount() > 0)
    shot("03-dossiers")
    cases.toggle_names()
    wait(lambda: cases.model.rows and cases.model.rows[0].victims is not None)
    shot("04-dossiers-noms-affiches")
    view = main.open_case(cases.model.rows[0].id)
    wait(lambda: view.case is not None)
    shot("05-dossier")
    page = main.open_page("hearing", record_id=record_id)
    wait(lambda: page.wizard.flow is not None and page.transcript.loaded)
    page.wizard.goto("victime")
    shot("06-trame-etape")
    page.wizard.goto("nichd_recit_libre")
    shot("07-trame-etape-nichd")
    page.show_transcript()
    type_text(page.transcript.question, "Doc t'a forcée à aller à l'hôtel, n'est-ce pas ?")
    type_text(page.transcript.answer, "Je sais pas")
    QTest.qWait(300)
    shot("08-transcription")
    from devtools import cases_screens as case_screens

    case_screens.shoot(main, admin["documents_case"], shot, wait)
    controller.lock()
    shot("09-verrouille")
    from devtools import admin_screens

    admin_screens.shoot(controller, admin, PASSWORD, shot, wait, type_text)
    controller.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
