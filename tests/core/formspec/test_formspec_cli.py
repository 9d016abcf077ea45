"""`trame forms show` and `trame forms list`."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "forms"


def test_show_prints_structure(capsys):
    assert main(["forms", "show", "audition_mineur"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("audition_mineur v2 — Audition du mineur victime")
    assert "enregistrement_impossibilite_nature (long_text)" in out
    assert "obligatoire si enregistrement == 'impossible'" in out
    assert "(Protocole NICHD : phase déclarative)" in out
    assert "suspects (repeat)" in out and "        connaissait_age (yes_no_unknown)" in out


def test_show_umj_marks_confidentiality(capsys):
    assert main(["forms", "show", "checklist_umj"]) == 0
    out = capsys.readouterr().out
    assert "tpe_vih (choice) « Traitement post-exposition VIH » [obligatoire; confidentiel]" in out
    assert "= hours_between(faits_datetime, examen_datetime)" in out


def test_show_unknown_id(capsys):
    assert main(["forms", "show", "n_existe_pas"]) == 1
    err = capsys.readouterr().err
    assert "formulaire « n_existe_pas » inconnu" in err
    assert "audition_mineur" in err


def test_show_a_file(capsys):
    assert main(["forms", "show", str(FIXTURES / "valid_minimal.yaml")]) == 0
    assert "nom (text) « Nom » [obligatoire]" in capsys.readouterr().out


def test_list_reports_refused_files(tmp_path, capsys):
    shutil.copy(FIXTURES / "valid_minimal.yaml", tmp_path / "essai.yaml")
    shutil.copy(FIXTURES / "unknown_type.yaml", tmp_path / "casse.yaml")
    assert main(["forms", "list", "--dir", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("essai\tv1\tchecklist\tEssai")
    assert "refusé : casse.yaml" in captured.err and ":11: type de champ" in captured.err
