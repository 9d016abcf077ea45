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
import time
from datetime import datetime, timedelta
from pathlib import Path

PASSWORD = "démonstration des écrans"
WAIT_LIMIT_S = 300.0  # per awaited screen; seconds of wall clock, only against a stuck run


def _seed(home: Path) -> int:
    """A vault with an enquêteur, a few cases and one hearing under way. Returns its id."""
    from desktop.core.records import RecordKind
    from desktop.core.sample import create_persons, demo_data, new_record, record_transcript
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
        case, victim = create_persons(s, demo_data(), "2026/004242")  # the sample's persons
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
        pre = {"phase": "nichd_pre_declaratif"}  # issue 13: each entry records its phase
        entries = [("debut", pre, start)]
        entries.append(
            (
                "qr",
                pre
                | {"speaker": "enqueteur", "question_type": "invitation"}
                | {"question": "Parle-moi des choses que tu aimes faire.", "answer": "Le dessin."},
                start + timedelta(minutes=2),
            )
        )
        talk = [
            (
                "invitation",
                "Raconte-moi tout ce qui s'est passé, du début à la fin.",
                "Au début on se parlait sur Snap, il disait qu'il allait m'aider pour l'argent.",
            ),
            (
                "invitation",
                "Et ensuite ?",
                "Après il m'a emmenée dans un appartement près de la gare, avec deux autres filles.",
            ),
            (
                "invitation_indicee",
                "Tu as parlé d'un appartement. Parle-moi plus de l'appartement.",
                "C'était au troisième étage, il y avait un canapé rouge et des téléphones partout.",
            ),
            (
                "directive",
                "Qui était là dans l'appartement ?",
                "Karim et une fille qu'on appelait Nana.",
            ),
        ]
        for minute, (qtype, question, answer) in enumerate(talk, start=3):
            values = {"speaker": "enqueteur", "question_type": qtype}
            values |= {"question": question, "answer": answer, "phase": "nichd_declaratif"}
            values |= {"warnings": "choice"} if qtype == "choix" else {"warnings": ""}
            entries.append(("qr", values, start + timedelta(minutes=minute * 4)))
        decl = {"phase": "nichd_declaratif"}
        entries.append(
            ("qr", decl | {"speaker": "enqueteur", "question_type": "choix", "warnings": "choice"}
             | {"question": "Il avait une voiture ?", "answer": "Oui, une noire."},
             start + timedelta(minutes=24, seconds=30))
        )  # fmt: skip
        entries.append(
            ("pause", decl | {"note": "Besoin du mineur (boisson, repos)"}, start + timedelta(minutes=25))
        )  # fmt: skip
        entries.append(
            ("fin_enregistrement", decl | {"note": "Suspension de l'audition"},
             start + timedelta(minutes=25, seconds=20))
        )  # fmt: skip
        entries.append(
            ("reprise_enregistrement", decl, start + timedelta(minutes=31, seconds=40))
        )  # fmt: skip
        entries.append(
            ("reprise", decl | {"note": "Le mineur est prêt à reprendre"}, start + timedelta(minutes=32))
        )  # fmt: skip
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

    def wait(cond, what: str = "", limit_s: float = WAIT_LIMIT_S) -> None:
        """Let Qt run until `cond()` holds (the worker's result shown, a dialog open). The
        limit is generous: on a loaded machine the worker's jobs (SQLCipher, seals) are slow;
        it only stops a run that is really stuck, naming what it waited for."""
        deadline = time.monotonic() + limit_s
        while not cond():
            if time.monotonic() > deadline:
                raise SystemExit(_stuck(what))
            QTest.qWait(20)

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
    wait(lambda: flow.currentWidget() is flow.keys, "les clés de secours")
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
    wait(lambda: form.error.isVisible(), "le refus du mauvais mot de passe")
    shot("02-deverrouillage-erreur")
    type_text(form.password, PASSWORD)
    form._submit()
    wait(
        lambda: controller.main is not None and controller.main.isVisible(), "la fenêtre principale"
    )
    main = controller.main
    cases = main.current_page()
    wait(lambda: cases.model.rowCount() > 0, "la liste des dossiers")
    shot("03-dossiers")
    cases.toggle_names()
    wait(lambda: cases.model.rows and cases.model.rows[0].victims is not None, "les noms")
    shot("04-dossiers-noms-affiches")
    view = main.open_case(cases.model.rows[0].id)
    wait(lambda: view.case is not None, "le dossier")
    shot("05-dossier")
    page = main.open_page("hearing", record_id=record_id)
    wait(lambda: page.wizard.flow is not None and page.transcript.loaded, "l'audition")
    page.wizard.goto("victime")
    shot("06-trame-etape")
    page.wizard.goto("nichd_recit_libre")
    shot("07-trame-etape-nichd")
    page.show_transcript()
    type_text(page.transcript.question, "Karim t'a forcée à aller à l'hôtel, n'est-ce pas ?")
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


def _stuck(what: str) -> str:
    """The French message of a run stopped while waiting for `what`, with the text of any
    message box then open (the application's own error, if it showed one)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    message = "les écrans n'ont pas pu être préparés à temps"
    if what:
        message += f" (en attente de : {what})"
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    for box in (b for b in boxes if b.isVisible()):
        message += f"\nmessage affiché : {box.text()}"
    return message


if __name__ == "__main__":
    sys.exit(main())
