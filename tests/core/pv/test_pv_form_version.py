"""Issue 14: a record is rendered with the definition version it was made with, even after
the service moved the form to a new version (one versioned registry passed to the builder)."""

from __future__ import annotations

import shutil
import subprocess

from desktop.core.formspec import FORMS_DIR, FormRegistry
from desktop.core.pv.builder import build_report
from desktop.core.pv.documents import render_report
from desktop.core.records import RecordKind, start_record
from tests.conftest import UAPED_PASSWORD


def labels(doc) -> set[str]:
    return {label for section in doc.sections for label, _value in section.rows}


def test_a_record_renders_with_its_own_definition_version(vault, officer_session, tmp_path):
    case = officer_session.cases.create("2026/000777", "BPM Valmont (fictive)")
    victim = officer_session.persons.add(case.id, "victime", "Morel", "Nina", "2012-06-01")
    folder = tmp_path / "forms"
    folder.mkdir()
    path = folder / "checklist_uaped.yaml"
    shutil.copy(FORMS_DIR / "checklist_uaped.yaml", path)
    forms = FormRegistry(folder)
    v = int(forms.get("checklist_uaped").version)  # the version shipped today
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        old = start_record(s, RecordKind.UAPED, case.id, victim.id, form=forms.get)
        assert s.records.get(old).form_version == str(v)

        # the service edits the form: the next version renames the field
        text = path.read_text(encoding="utf-8")
        assert 'label: "Mineur accueilli"' in text and f"\nversion: {v}\n" in text
        path.write_text(
            text.replace('label: "Mineur accueilli"', 'label: "Enfant reçu"').replace(
                f"\nversion: {v}\n", f"\nversion: {v + 1}\n"
            ),
            encoding="utf-8",
        )
        forms.reload()
        assert forms.get("checklist_uaped").version == str(v + 1)
        new = start_record(s, RecordKind.UAPED, case.id, victim.id, form=forms.get)

        before = build_report(s, old, draft=True, forms=forms)
        after = build_report(s, new, draft=True, forms=forms)
    assert "Mineur accueilli" in labels(before) and "Enfant reçu" not in labels(before)
    assert "Enfant reçu" in labels(after)
    pdf = tmp_path / "ancien.pdf"
    pdf.write_bytes(render_report(before).pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Mineur accueilli" in text and f"checklist_uaped v{v}" in text
