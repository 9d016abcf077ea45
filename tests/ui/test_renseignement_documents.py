"""Issue 17 point 10 in the application: the « PV de renseignement — minorité et
qualification » of a hearing is listed in the case's documents, previewed (what is missing
first), signed by the officer on the pad, sealed, and exported with the PV; the bundle
passes `trame verify-bundle`. Real main window, real vault, offscreen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_documents_box import open_case_by_keyboard
from tests.ui.test_e2e_documents import draw_signature, shown

LABEL = "PV de renseignement — minorité et qualification"


def _case_with_sealed_pv(vault):
    from desktop.cli.demo import ensure_certificate
    from desktop.core.sample import base_time, create_case, demo_data
    from desktop.core.seal.publish import seal_hearing

    data = demo_data()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # setup: the hearing and its PV
        ensure_certificate(s, data["officer"]["name"], "Brigade fictive")
        _case, _victim, hearing, _ = create_case(s, data, base_time())
        seal_hearing(s, hearing.id)
        return hearing.id


def test_renseignement_listed_previewed_signed_sealed_exported(qtbot, vault, controller, tmp_path):
    hearing_id = _case_with_sealed_pv(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=2)
    box = view.documents
    titles = [box.table.item(i, 0).text() for i in range(2)]
    assert titles[0].startswith("PV d'audition")
    assert titles[1].startswith(LABEL)
    assert box.table.item(1, 1).text() == "brouillon"
    assert box.current().kind == "", "the PV stays the selected document"

    # preview of the renseignement: a draft, nothing missing but the signature given at sealing
    box.table.setFocus()
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    preview = shown(qtbot, "preview_dialog")
    data = preview.preview_data
    assert data.kind == "pv_renseignement" and data.record_id == hearing_id
    assert not data.sealed and data.missing == ()
    draft = tmp_path / "projet.pdf"
    draft.write_bytes(data.pdf)
    text = subprocess.run(["pdftotext", str(draft), "-"], capture_output=True, text=True).stdout
    assert "RENSEIGNEMENT" in text.upper() and "minorité" in text.lower()
    assert preview.seal_button.isVisible()
    preview.seal_button.click()

    # the officer signs on the pad: « Sceller » is disabled until something is drawn
    sign = shown(qtbot, "renseignement_seal_dialog")
    assert not sign.seal_button.isEnabled()
    draw_signature(sign.pad)
    qtbot.waitUntil(sign.seal_button.isEnabled, timeout=2000)
    sign.seal_button.click()
    qtbot.waitUntil(lambda: len(box.rows) == 2 and box.rows[1].state == "scelle", timeout=30000)
    assert box.rows[0].state == "scelle"  # the PV's row still shows the PV's own seal
    assert box.rows[0].document_id != box.rows[1].document_id
    dialog(qtbot, "Document scellé").close()

    # its preview is now the sealed PDF, with the verifier's VALIDE
    box.table.setFocus()
    box.table.selectRow(1)
    key(Qt.Key.Key_O, CTRL | SHIFT, widget=main)
    qtbot.waitUntil(
        lambda: (
            getattr(box, "preview_dialog", None) is not None
            and box.preview_dialog.preview_data.sealed
        ),
        timeout=20000,
    )
    sealed = box.preview_dialog.preview_data
    assert sealed.kind == "pv_renseignement" and sealed.seals[0].startswith("VALIDE")
    box.preview_dialog.close()

    out = tmp_path / "procedure"
    out.mkdir()
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    type_text(export.out, str(out))
    key(Qt.Key.Key_Return, CTRL, widget=export.out)
    qtbot.waitUntil(lambda: export.result is not None or bool(export.message.text()), timeout=30000)
    assert export.result is not None, export.message.text()
    export.close()
    qtbot.waitUntil(lambda: [r.state for r in box.rows] == ["exporte"] * 2, timeout=10000)
    manifest = json.loads((Path(export.result.path) / "manifest.json").read_text("utf-8"))
    assert sorted(p["kind"] for p in manifest["pieces"]) == ["pv_audition", "pv_renseignement"]
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "verify-bundle", str(export.result.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
