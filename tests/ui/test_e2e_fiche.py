"""« Nouvelle fiche de signalement » from the case screen: pre-filled from the case, filled by
keyboard, signed on the pad, sealed and exported; `trame verify-bundle` accepts the result."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_e2e_documents import draw_signature, field_row
from tests.ui.test_hearing_keyboard import fill_step_by_keyboard

ALT = Qt.KeyboardModifier.AltModifier


def test_fiche_filled_sealed_and_exported_through_the_window(qtbot, vault, controller, tmp_path):
    from desktop.cli.demo import ensure_certificate
    from desktop.core.sample import base_time, create_case, demo_data
    from desktop.core.seal.publish import seal_hearing

    data = demo_data()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # the case as it stands: a sealed PV
        ensure_certificate(s, data["officer"]["name"], "Brigade fictive")
        case, victim, hearing, _ = create_case(s, data, base_time())
        seal_hearing(s, hearing.id)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None and bool(view.persons), timeout=5000)

    key(Qt.Key.Key_N, CTRL | SHIFT, widget=main)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)
    page = main.current_page()
    wizard = page.wizard
    qtbot.waitUntil(lambda: wizard.flow is not None, timeout=10000)
    answers = wizard.flow.answers
    assert answers["mineur_nom"] == victim.last_name
    assert answers["mineur_prenoms"] == victim.first_name
    assert answers["mineur_date_naissance"] == victim.birth_date
    assert answers["signalant_service"] == case.service
    assert answers["signalant_nom"] == data["officer"]["name"]  # from the hearing

    now = datetime.now()
    values = {
        "text": "Brigadier-chef Léa Fabre",
        "integer": "2",
        "date": (now - timedelta(days=30)).strftime("%d/%m/%Y"),
        "time": (now - timedelta(hours=1)).strftime("%Hh%M"),
        "datetime": (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
    }
    visited = []
    for _ in range(30):
        visited.append(wizard.flow.current)
        fill_step_by_keyboard(qtbot, wizard, values)
        if "signature_signalant" in {f.id for f in wizard.flow.spec.step(visited[-1]).fields}:
            panel = field_row(wizard, "signature_signalant").editor.panel
            if not panel.name_edit.text():
                type_text(panel.name_edit, "Léa FABRE")
            draw_signature(panel.pad)
            qtbot.waitUntil(lambda p=panel: p.status() == "signe", timeout=2000)
        if wizard.flow.is_last:
            break
        key(Qt.Key.Key_PageDown, CTRL)
        qtbot.waitUntil(lambda: wizard.flow.current != visited[-1], timeout=2000)
    main.flush()

    key(Qt.Key.Key_Left, ALT, widget=main)
    qtbot.waitUntil(lambda: main.current_page() is view, timeout=5000)
    box = view.documents
    forms = ["audition_mineur", "fiche_signalement"]
    qtbot.waitUntil(lambda: [r.form_id for r in box.rows if not r.kind] == forms, timeout=10000)
    qtbot.waitUntil(lambda: box.rows[1].state == "signe", timeout=10000)
    assert box.rows[0].state == "scelle"
    box.table.setFocus()
    key(Qt.Key.Key_Down)  # the fiche, chosen with the keyboard
    assert box.current() is box.rows[1]
    key(Qt.Key.Key_O, CTRL, widget=main)  # its form opens again
    qtbot.waitUntil(lambda: main.current_page() is page, timeout=5000)
    key(Qt.Key.Key_Left, ALT, widget=main)
    qtbot.waitUntil(lambda: main.current_page() is view, timeout=5000)
    qtbot.waitUntil(lambda: box.current() is not None, timeout=5000)
    box.table.setFocus()
    box.table.selectRow(1)
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    confirm = dialog(qtbot, "Sceller le document")
    key(Qt.Key.Key_Return, widget=confirm.focusWidget() or confirm)
    qtbot.waitUntil(lambda: box.rows[1].state == "scelle", timeout=20000)
    dialog(qtbot, "Document scellé").close()

    out = tmp_path / "procedure"
    out.mkdir()
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    type_text(export.out, str(out))
    key(Qt.Key.Key_Return, CTRL, widget=export.out)
    qtbot.waitUntil(lambda: export.result is not None or bool(export.message.text()), timeout=30000)
    assert export.result is not None, export.message.text()
    export.close()
    qtbot.waitUntil(
        lambda: [r.state for r in box.rows if not r.kind] == ["exporte"] * 2, timeout=10000
    )
    manifest = json.loads((Path(export.result.path) / "manifest.json").read_text("utf-8"))
    assert sorted(p["kind"] for p in manifest["pieces"]) == ["fiche_signalement", "pv_audition"]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "verify-bundle", str(export.result.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
