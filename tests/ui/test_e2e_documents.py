"""The main job, in the application only: from a new case to a sealed, previewed, printed and
exported PV that `trame verify-bundle` accepts. Real main window, real vault, offscreen.

The test body presses keys and draws strokes; it reads the vault and files only to check.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_hearing_keyboard import fill_step_by_keyboard

ALT = Qt.KeyboardModifier.AltModifier


def draw_signature(pad) -> None:
    """Three strokes with the mouse, like a hand on the pad."""
    w, h = pad.width(), pad.height()
    for k in range(3):
        points = [
            QPoint(int(w * (0.1 + 0.25 * k + 0.02 * i)), int(h * (0.3 + 0.05 * (i % 5))))
            for i in range(12)
        ]
        QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for p in points[1:]:
            QTest.mouseMove(pad, p)
        QTest.mouseRelease(
            pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
        )


def shown(qtbot, name: str):
    """The visible top-level window with this object name."""

    def find():
        return next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == name),
            None,
        )

    qtbot.waitUntil(lambda: find() is not None, timeout=10000)
    return find()


def field_row(wizard, field_id: str):
    return wizard.findChild(QWidget, f"field_{field_id}")


def add_signer(qtbot, wizard, role_steps: int, name: str) -> None:
    """« Ajouter : signataire » by keyboard, the role chosen with the arrows, the name typed,
    then the signature drawn on the pad."""
    editor = field_row(wizard, "signataires").editor
    before = len(editor.rows)
    editor.add_button.setFocus()
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(editor.rows) == before + 1, timeout=2000)
    row = editor.rows[-1]
    row["role"].editor.setFocus()
    for _ in range(role_steps):
        key(Qt.Key.Key_Down)
    type_text(row["nom"].editor, name)
    panel = row["signature"].editor.panel
    panel.name_edit.setFocus()
    if not panel.name_edit.text():
        type_text(panel.name_edit, name)
    panel.pad.setFocus()
    draw_signature(panel.pad)
    qtbot.waitUntil(lambda: panel.status() == "signe", timeout=2000)


def run_hearing_to_the_end(qtbot, main, wizard, page) -> None:
    now = datetime.now()
    values = {
        "text": "Brigadier-chef Léa Fabre",
        "integer": "2",
        "date": (now - timedelta(days=60)).strftime("%d/%m/%Y"),
        "time": (now - timedelta(hours=1)).strftime("%Hh%M"),
        "datetime": (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "audition_fin": (now - timedelta(minutes=5)).strftime("%d/%m/%Y %H:%M"),
    }
    visited = []
    for _ in range(60):
        visited.append(wizard.flow.current)
        step_fields = {f.id for f in wizard.flow.spec.step(wizard.flow.current).fields}
        if "pv_numero" in step_fields:
            type_text(field_row(wizard, "pv_numero").editor, "2026/009911-4")
        if "interprete" in step_fields:  # no interpreter: the box ticked, then unticked
            field_row(wizard, "interprete").editor.setFocus()
            key(Qt.Key.Key_Space)
            key(Qt.Key.Key_Space)
            qtbot.waitUntil(lambda: wizard.flow.answers.get("interprete") is False, timeout=2000)
        fill_step_by_keyboard(qtbot, wizard, values)
        if wizard.flow.is_last:
            break
        key(Qt.Key.Key_PageDown, CTRL)
        qtbot.waitUntil(lambda: wizard.flow.current != visited[-1], timeout=2000)
    assert "signatures" in visited
    key(Qt.Key.Key_T, CTRL)
    panel = page.transcript
    key(Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    type_text(panel.question, "Raconte-moi tout ce qui s'est passé.")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "On allait à l'hôtel près de la gare.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)
    panel.question.setFocus()
    key(Qt.Key.Key_F, CTRL | SHIFT)
    box = dialog(qtbot, "Fin de l'audition")
    key(Qt.Key.Key_Return, widget=box.focusWidget() or box)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 3, timeout=5000)
    # issue 16: the PV is read, then signed: each signature is bound to the final text
    key(Qt.Key.Key_G, CTRL)
    assert wizard.flow.current == "signatures"
    add_signer(qtbot, wizard, 1, "Éloïse MARTIN")
    add_signer(qtbot, wizard, 2, "Léa FABRE")
    main.flush()


def test_case_to_sealed_printed_exported_pv(qtbot, vault, controller, tmp_path):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    # a case and its victim, by keyboard
    key(Qt.Key.Key_N, CTRL, widget=main)
    new = dialog(qtbot, "Nouveau dossier")
    type_text(new.number, "2026/009911")
    key(Qt.Key.Key_Tab, widget=new.number)
    type_text(new.service.lineEdit(), "Brigade de protection des mineurs")
    key(Qt.Key.Key_Return, widget=new.service.lineEdit())
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    key(Qt.Key.Key_P, CTRL | SHIFT, widget=main)
    person = dialog(qtbot, "Ajouter une personne")
    type_text(person.last_name, "Martin")
    type_text(person.first_name, "Éloïse")
    type_text(person.pseudonym, "Lou")
    type_text(person.birth, "02/04/2011")
    key(Qt.Key.Key_Return, widget=person.birth)
    qtbot.waitUntil(lambda: view.person_table.rowCount() == 1, timeout=5000)

    # the hearing, to the end, by keyboard; the signatures drawn
    key(Qt.Key.Key_A, CTRL | SHIFT, widget=main)
    start = dialog(qtbot, "Nouvelle audition")
    key(Qt.Key.Key_Return, widget=start.person)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "hearing_page", timeout=10000)
    page = main.current_page()
    wizard = page.wizard
    qtbot.waitUntil(lambda: wizard.flow is not None and page.transcript.loaded, timeout=10000)
    run_hearing_to_the_end(qtbot, main, wizard, page)

    # back to the case: the document is there, signed, not sealed
    key(Qt.Key.Key_Left, ALT, widget=main)
    qtbot.waitUntil(lambda: main.current_page() is view, timeout=5000)
    box = view.documents
    qtbot.waitUntil(lambda: box.table.rowCount() == 2, timeout=10000)  # PV, PV de renseignement
    qtbot.waitUntil(lambda: box.rows[0].state == "signe", timeout=10000)
    assert box.table.item(0, 1).text() == "signé"
    menu = main.page_menu
    assert menu.title() == "D&ocuments" and menu.menuAction() in main.menuBar().actions()
    assert [a.shortcut().toString() for a in menu.actions()] == [
        "Ctrl+Shift+O",
        "Ctrl+Shift+S",
        "Ctrl+P",
        "Ctrl+Shift+E",
        "Ctrl+Shift+V",
        "Ctrl+O",
        "Ctrl+Shift+N",
        "Ctrl+Shift+M",  # issue 16: « Ajouter une mention »
    ]

    # « Sceller »: first use creates the certificate in a guided dialog
    view.setFocus()
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    cert = dialog(qtbot, "Créer un certificat de sceau")
    type_text(cert.name, "Léa FABRE")
    type_text(cert.org, "Préfecture de police (fictive)")
    key(Qt.Key.Key_Return, widget=cert.org)
    confirm = dialog(qtbot, "Sceller le document")
    assert "Léa FABRE" in confirm.text()
    key(Qt.Key.Key_Return, widget=confirm.focusWidget() or confirm)
    qtbot.waitUntil(lambda: box.rows and box.rows[0].state == "scelle", timeout=20000)
    assert box.table.item(0, 2).text().startswith("scellé le ")
    sealed = dialog(qtbot, "Document scellé")
    sealed.close()

    # « Aperçu du PV »: the sealed PDF, and the verifier's verdict
    key(Qt.Key.Key_O, CTRL | SHIFT, widget=main)
    preview = shown(qtbot, "preview_dialog")
    assert preview.view.page_count() >= 2
    assert "Vérification" in preview.view.notice.text() or "VALIDE" in preview.view.notice.text()
    assert not preview.missing.isVisible()

    # « Imprimer »: the Qt print dialog; printing to a PDF file stands for the printer
    key(Qt.Key.Key_P, CTRL, widget=preview)
    printing = shown(qtbot, "print_dialog")
    printed = tmp_path / "imprime.pdf"
    name = printing.findChild(QLineEdit, "filename")
    name.clear()
    type_text(name, str(printed))
    key(Qt.Key.Key_Return, widget=name)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 10_000, timeout=20000)
    assert printed.read_bytes().startswith(b"%PDF")
    preview.close()

    # « Exporter vers la procédure » with the recording file and its scellé number
    recording = tmp_path / "audition.mp4"
    recording.write_bytes(os.urandom(3 << 20))
    out = tmp_path / "procedure"
    out.mkdir()
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    type_text(export.out, str(out))
    export.recording.setFocus()  # the user clicks in the field, types, then Tab
    type_text(export.recording, str(recording))
    key(Qt.Key.Key_Tab, widget=export.recording)  # M8: the hash, computed in the worker
    digest = hashlib.sha256(recording.read_bytes()).hexdigest()  # to compare with
    qtbot.waitUntil(lambda: digest in export.recording_hash.text(), timeout=20000)
    type_text(export.scelle, "SC-2026-17")
    key(Qt.Key.Key_Return, CTRL, widget=export.scelle)
    qtbot.waitUntil(lambda: export.result is not None, timeout=30000)
    export.close()
    qtbot.waitUntil(lambda: box.rows and box.rows[0].state == "exporte", timeout=10000)
    bundle = export.result.path
    assert Path(bundle).parent == out

    done = subprocess.run(
        [sys.executable, "-m", "desktop", "verify-bundle", str(bundle)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SC-2026-17" in (Path(bundle) / "manifest.json").read_text("utf-8")

    # « Vérifier un document… »: a file picker, then the verifier's verdict in French
    pv = next(Path(bundle).glob("*proces-verbal*.pdf"))
    tampered = tmp_path / "pv-modifie.pdf"
    data = pv.read_bytes()
    i = data.index(b"/Producer")
    tampered.write_bytes(data[:i] + data[i:].replace(b"Trame", b"Tramf", 1))
    for path, verdict in ((pv, "VALIDE — "), (tampered, "INVALIDE — ")):
        view.setFocus()
        key(Qt.Key.Key_V, CTRL | SHIFT, widget=main)
        picker = shown(qtbot, "verify_file_dialog")
        name = picker.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(path))  # as pasted: typing « / » makes the dialog browse as it goes
        key(Qt.Key.Key_Return, widget=name)
        result = shown(qtbot, "verdict_dialog")
        assert result.panel.verdict.text().startswith(verdict), result.panel.verdict.text()
        assert str(path) in result.file.text()
        key(Qt.Key.Key_Escape, widget=result)
        qtbot.waitUntil(lambda r=result: not r.isVisible(), timeout=2000)
