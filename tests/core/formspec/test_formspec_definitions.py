"""Every shipped definition loads and `trame forms check` accepts them."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.formspec import FORMS_DIR, load_all, load_form

FILES = sorted(FORMS_DIR.glob("*.yaml"))
EXPECTED = {"audition_mineur", "checklist_uaped", "checklist_umj", "fiche_signalement"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_definition_loads(path: Path):
    spec = load_form(path)
    assert spec.id == path.stem
    assert spec.version
    assert spec.steps


def test_all_expected_forms_present():
    assert EXPECTED <= set(load_all())


def test_cli_check_accepts_shipped_forms(capsys):
    assert main(["forms", "check", *map(str, FILES)]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok") == len(FILES)


def test_medical_form_marks_every_field():
    spec = load_form(FORMS_DIR / "checklist_umj.yaml")
    assert spec.store == "medical"
    for path, field in spec.iter_fields():
        if field.has_value:
            assert field.confidentiality in ("shareable", "confidential"), path
