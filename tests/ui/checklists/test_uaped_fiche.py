"""Issue 13: the UAPED coordinator starts a « Nouvelle fiche de signalement » from the UAPED
screen, on the same step-form view as the officer's, pre-filled from what the case knows
(the minor, the dates of the facts from the hearing, the coordination's own checklist; not
the officer's name), fills and signs it, previews it and seals it, through the real window.
The UAPED screen lists the case's fiches only, never the hearing's PV."""

from __future__ import annotations

from datetime import datetime, timedelta

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.core.records import RecordKind, start_record
from desktop.core.seal.store import CertificateStore
from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, dialog, key
from tests.ui.test_e2e_documents import draw_signature, field_row, shown
from tests.ui.test_hearing_keyboard import fill_step_by_keyboard


def prepare(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/004242", "BPM Paris")
        person = s.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
        start_record(
            s,
            RecordKind.AUDITION,
            case.id,
            person.id,
            answers={
                "officier_nom": "Camille DURAND",
                "officier_grade": "Capitaine",
                "faits_date_debut": "2026-01-15",
                "faits_date_fin": "2026-02-20",
            },
        )
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        start_record(
            s,
            RecordKind.UAPED,
            case.id,
            person.id,
            answers={"juge_enfants_saisi": "oui", "juge_enfants_details": "TJ Paris, cabinet 3"},
        )
        CertificateStore(s).create("Sam LEROY", organization="UAPED fictive")
    return case, person


def settled_box(qtbot, home, states: list[str]):
    """The home's fiches box once loaded with `states` (the side is rebuilt at each reload)."""

    def box():
        b = getattr(home, "fiches", None)
        return b if b is not None and shiboken6.isValid(b) else None

    qtbot.waitUntil(
        lambda: box() is not None and [r.state for r in box().rows] == states, timeout=15000
    )
    qtbot.wait(300)  # a reload queued by page_shown may rebuild it once more
    qtbot.waitUntil(
        lambda: box() is not None and [r.state for r in box().rows] == states, timeout=15000
    )
    return box()


def test_uaped_fiche_prefilled_signed_previewed_sealed_printed(qtbot, vault, controller, tmp_path):
    case, person = prepare(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    box = settled_box(qtbot, home, [])
    assert box.case_id == case.id
    assert home.victim.currentData() == person.id

    qtbot.mouseClick(box.buttons["fiche"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)
    page = main.current_page()
    wizard = page.wizard
    qtbot.waitUntil(lambda: wizard.flow is not None, timeout=10000)
    answers = dict(wizard.flow.answers)
    assert answers["mineur_nom"] == "MARTIN" and answers["mineur_prenoms"] == "Léa"
    assert answers["faits_debut"] == "2026-01-15" and answers["faits_fin"] == "2026-02-20"
    assert answers["juge_enfants_saisi"] == "oui"  # the coordination's own checklist
    assert answers["signalant_qualite"] == "Coordination UAPED"
    assert "signalant_nom" not in answers  # the officer is not the author here
    assert answers["mesures"] == ["uaped"]
    assert page.back_button.text() == "← UAPED"

    now = datetime.now()
    values = {
        "text": "Sam LEROY",
        "integer": "2",
        "date": (now - timedelta(days=30)).strftime("%d/%m/%Y"),
        "time": (now - timedelta(hours=1)).strftime("%Hh%M"),
        "datetime": (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "signalant_telephone": "01 23 45 67 89",
        "signalant_service": "UAPED du centre hospitalier fictif",
    }
    visited = []
    for _ in range(30):
        visited.append(wizard.flow.current)
        fill_step_by_keyboard(qtbot, wizard, values)
        if "signature_signalant" in {f.id for f in wizard.flow.spec.step(visited[-1]).fields}:
            panel = field_row(wizard, "signature_signalant").editor.panel
            if not panel.name_edit.text():
                type_text(panel.name_edit, "Sam LEROY")
            draw_signature(panel.pad)
            qtbot.waitUntil(lambda p=panel: p.status() == "signe", timeout=2000)
        if wizard.flow.is_last:
            break
        key(Qt.Key.Key_PageDown, CTRL)
        qtbot.waitUntil(lambda: wizard.flow.current != visited[-1], timeout=2000)
    main.flush()

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: main.current_page() is home, timeout=5000)
    box = settled_box(qtbot, home, ["signe"])
    assert [r.form_id for r in box.rows] == ["fiche_signalement"]  # no hearing PV here

    # « Aperçu »: the PDF, nothing missing, sealable
    qtbot.mouseClick(box.buttons["preview"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(box, "preview_dialog", None) is not None, timeout=20000)
    preview = box.preview_dialog.preview_data
    assert preview.pdf.startswith(b"%PDF") and not preview.missing, preview.missing
    box.preview_dialog.close()

    # « Sceller… » with the coordinator's certificate
    qtbot.mouseClick(box.buttons["seal"], Qt.MouseButton.LeftButton)
    confirm = dialog(qtbot, "Sceller le document")
    assert "Sam LEROY" in confirm.text()
    key(Qt.Key.Key_Return, widget=confirm.focusWidget() or confirm)
    qtbot.waitUntil(lambda: [r.state for r in box.rows] == ["scelle"], timeout=30000)
    dialog(qtbot, "Document scellé").close()

    # the sealed fiche, read back and checked by the real verifier
    doc_id = box.rows[0].document_id
    got = []
    controller.ctx.tasks.op(lambda s: s.documents.content(doc_id)).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    from desktop.core.seal.verify import verify_pdf

    report = verify_pdf(got[0])
    assert report.valid, report

    # « Imprimer… »: the Qt print dialog; printing to a PDF file stands for the printer
    qtbot.mouseClick(box.buttons["print"], Qt.MouseButton.LeftButton)
    printing = shown(qtbot, "print_dialog")
    printed = tmp_path / "fiche-imprimee.pdf"
    name = printing.findChild(QLineEdit, "filename")
    name.clear()
    type_text(name, str(printed))
    key(Qt.Key.Key_Return, widget=name)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 10_000, timeout=20000)
    assert printed.read_bytes().startswith(b"%PDF")
