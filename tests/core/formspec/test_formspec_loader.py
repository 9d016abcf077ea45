"""Malformed definitions are refused with the expected message at the expected line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.formspec import FormRegistry, FormSpecError, load_form, load_form_text
from desktop.core.law import default_law_keys

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "forms"
BAD = sorted(p for p in FIXTURES.glob("*.yaml") if p.read_text().startswith("# expect:"))


def _expectation(path: Path) -> tuple[int, list[str]]:
    m = re.match(r"# expect: (\d+): (.+)", path.read_text(encoding="utf-8").splitlines()[0])
    assert m, path
    return int(m[1]), [part.strip() for part in m[2].split("|")]


def test_there_are_many_malformed_fixtures():
    assert len(BAD) >= 18


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_malformed_fixture_is_refused_at_the_right_line(path: Path):
    line, fragments = _expectation(path)
    with pytest.raises(FormSpecError) as info:
        load_form(path, legal_keys=default_law_keys())  # the caller gives the law's keys
    problems = info.value.problems
    matching = [p for p in problems if p.line == line and fragments[0] in p.message]
    assert matching, f"attendu ligne {line} « {fragments[0]} », obtenu : {list(map(str, problems))}"
    problem = matching[0]
    assert problem.file == str(path)
    for extra in fragments[1:]:
        assert extra in problem.message + " " + problem.hint, str(problem)
    # the error names file and line, the way `trame forms check` prints it
    assert str(problem).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_cli_check_reports_file_and_line(path: Path, capsys):
    line, fragments = _expectation(path)
    assert main(["forms", "check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:{line}: " in err
    assert fragments[0] in err


def test_cli_check_mixed_files_exits_one_but_reports_the_good_one(capsys):
    good = FIXTURES / "valid_minimal.yaml"
    assert main(["forms", "check", str(good), str(FIXTURES / "cycle.yaml")]) == 1
    captured = capsys.readouterr()
    assert f"{good}: ok" in captured.out
    assert "1 fichier(s) refusé(s) sur 2" in captured.err


def test_cli_check_missing_file(capsys, tmp_path):
    assert main(["forms", "check", str(tmp_path / "absent.yaml")]) == 1
    assert "fichier illisible" in capsys.readouterr().err


def test_several_problems_are_all_reported():
    text = """
id: essai
version: 1
title: "Essai"
kind: checklist
steps:
  - id: etape
    title: "Étape"
    fields:
      - id: a
        type: texte
        label: "A"
      - id: b
        type: text
        label: "B"
        visible_if: "c == 1"
"""
    with pytest.raises(FormSpecError) as info:
        load_form_text(text, "essai.yaml", legal_keys=None)
    lines = {p.line for p in info.value.problems}
    assert 11 in lines  # unknown type, with a suggestion
    assert any("vouliez-vous dire « text »" in p.hint for p in info.value.problems)


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes('id: essai\ntitle: "Caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(FormSpecError) as info:
        load_form(path)
    assert info.value.line == 2
    assert "UTF-8" in info.value.message


def test_top_level_not_a_mapping(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(FormSpecError, match="doit décrire un formulaire"):
        load_form(path)


def test_registry_keeps_last_valid_version(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    path = folder / "essai.yaml"
    shutil.copy(FIXTURES / "valid_minimal.yaml", path)
    registry = FormRegistry(folder)
    forms = registry.reload()
    assert forms["essai"].field("nom").label == "Nom"
    assert not registry.problems

    # an edit with a typo: refused, the previous version stays in use
    path.write_text(path.read_text().replace('label: "Nom"', 'lable: "Nom complet"'))
    forms = registry.reload()
    assert forms["essai"].field("nom").label == "Nom"
    assert path in registry.problems
    assert registry.problems[path].line == 12

    # the fix is picked up
    path.write_text(path.read_text().replace("lable:", "label:") + "\n")
    forms = registry.reload()
    assert forms["essai"].field("nom").label == "Nom complet"
    assert not registry.problems


def test_registry_invalid_new_file_is_reported_not_loaded(tmp_path):
    shutil.copy(FIXTURES / "cycle.yaml", tmp_path / "cycle.yaml")
    registry = FormRegistry(tmp_path)
    assert registry.reload() == {}
    assert (tmp_path / "cycle.yaml") in registry.problems


def test_registry_duplicate_form_id(tmp_path):
    shutil.copy(FIXTURES / "valid_minimal.yaml", tmp_path / "a.yaml")
    shutil.copy(FIXTURES / "valid_minimal.yaml", tmp_path / "b.yaml")
    registry = FormRegistry(tmp_path)
    forms = registry.reload()
    assert list(forms) == ["essai"]
    assert "déjà défini" in registry.problems[tmp_path / "b.yaml"].message


def test_spec_is_frozen():
    spec = load_form(FIXTURES / "valid_minimal.yaml")
    with pytest.raises(AttributeError):
        spec.id = "autre"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        spec.field("nom").required = False  # type: ignore[misc]


class _DictStore(dict):
    """Stands in for vault settings in the pure-core test; the vault test below uses the real one."""

    def set(self, key, value):
        self[key] = value


def test_registry_keeps_old_versions_for_old_records(tmp_path):
    path = tmp_path / "essai.yaml"
    shutil.copy(FIXTURES / "valid_minimal.yaml", path)
    registry = FormRegistry(tmp_path)
    registry.reload()
    v2 = path.read_text().replace("version: 1", "version: 2").replace('"Nom"', '"Nom de famille"')
    path.write_text(v2 + "\n")
    registry.reload()
    assert registry.get("essai").version == "2"
    assert registry.get("essai", version=1).field("nom").label == "Nom"
    assert registry.get("essai", version="2").field("nom").label == "Nom de famille"
    assert registry.versions("essai") == ["1", "2"]
    with pytest.raises(KeyError):
        registry.get("essai", version=3)


def test_registry_warns_when_content_changes_without_version(tmp_path):
    path = tmp_path / "essai.yaml"
    shutil.copy(FIXTURES / "valid_minimal.yaml", path)
    registry = FormRegistry(tmp_path)
    registry.reload()
    path.write_text(path.read_text().replace('"Nom"', '"Nom complet"') + "\n")
    registry.reload()
    assert "sans changement de version" in registry.warnings[path]


def test_registry_store_survives_restart_with_a_broken_file(tmp_path):
    store = _DictStore()
    path = tmp_path / "essai.yaml"
    shutil.copy(FIXTURES / "valid_minimal.yaml", path)
    FormRegistry(tmp_path, store=store).reload()
    path.write_text(path.read_text().replace("type: text", "type: texte"))
    # a new process: nothing in memory, the file is broken, the store has the last valid text
    registry = FormRegistry(tmp_path, store=store)
    forms = registry.reload()
    assert forms["essai"].field("nom").type == "text"
    assert path in registry.problems
    assert "dernière version valide" in forms["essai"].source
    # a tampered stored text is not used
    key = next(k for k in store if k.startswith("formspec.essai.v1."))
    store[key] = store[key].replace('"Nom"', '"Nom modifié"')
    assert FormRegistry(tmp_path, store=store).reload() == {}


def test_registry_store_in_a_real_vault(tmp_path, admin_session):
    path = tmp_path / "essai.yaml"
    shutil.copy(FIXTURES / "valid_minimal.yaml", path)
    FormRegistry(tmp_path, store=admin_session.settings).reload()
    path.write_text("id: essai\n  cassé: [\n")
    forms = FormRegistry(tmp_path, store=admin_session.settings).reload()
    assert forms["essai"].field("nom").label == "Nom"
