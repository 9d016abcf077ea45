"""After the doctor transmits the CMI, the officer's case screen lists it with the PV: sealed,
previewed from the vault with its VALIDE verdict, exported with the case — and nothing of
the confidential part of the UMJ checklist is in what the officer sees."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_documents_box import open_case_by_keyboard
from tests.ui.test_e2e_documents import shown

CONFIDENTIAL = "Données confidentielles fictives"  # « antécédents » of the demo's UMJ checklist


def test_officer_sees_the_transmitted_cmi_and_nothing_confidential(
    qtbot, vault, controller, tmp_path
):
    from desktop.cli.demo import ensure_certificate
    from desktop.core.documents.medical.transmit import transmit_cmi
    from desktop.core.sample import PARIS, base_time, create_case, create_umj, demo_data
    from desktop.core.seal.publish import seal_hearing

    data, base = demo_data(), base_time()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # the PV, sealed
        ensure_certificate(s, data["officer"]["name"], "Brigade fictive")
        case, victim, hearing, _ = create_case(s, data, base)
        seal_hearing(s, hearing.id)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:  # the doctor's side (UI: issue 6 test)
        ensure_certificate(s, data["doctor"]["name"], "UMJ fictive")
        rec = create_umj(s, data, s.cases.get(case.id), s.persons.get(victim.id), base)
        assert CONFIDENTIAL in str(s.medical_records.answers(rec.id))
        transmit_cmi(s, rec.id, tz=PARIS)

    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=3)  # + the PV de renseignement
    box = view.documents
    assert [box.table.item(i, 0).text().split(" du ")[0] for i in range(2)] == [
        "PV d'audition",
        "Certificat médical initial",
    ]
    assert [r.state for r in box.rows] == ["scelle", "scelle", "brouillon"]
    assert box.current() is box.rows[1]  # the latest document, not the renseignement annex
    box.table.setFocus()
    key(Qt.Key.Key_Return)
    preview = shown(qtbot, "preview_dialog")
    assert preview.preview_data.sealed
    assert preview.preview_data.seals[0].startswith("VALIDE")
    cmi = tmp_path / "cmi.pdf"
    cmi.write_bytes(preview.preview_data.pdf)
    text = subprocess.run(["pdftotext", str(cmi), "-"], capture_output=True, text=True).stdout
    assert "CERTIFICAT" in text.upper() and CONFIDENTIAL not in text
    preview.close()

    out = tmp_path / "procedure"
    out.mkdir()
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    type_text(export.out, str(out))
    key(Qt.Key.Key_Return, CTRL, widget=export.out)
    qtbot.waitUntil(lambda: export.result is not None, timeout=30000)
    manifest = json.loads((Path(export.result.path) / "manifest.json").read_text("utf-8"))
    assert sorted(p["kind"] for p in manifest["pieces"]) == ["cmi", "pv_audition"]
    for pdf in Path(export.result.path).glob("*.pdf"):  # read back, text extracted
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert out.stdout.strip() and CONFIDENTIAL not in out.stdout, pdf.name
