"""`trame demo --case FICHIER.yaml --out DIR --pseudonymised`: any text end to end, and a
bad case file refused in French with the key and the line."""

from __future__ import annotations

import subprocess

import pytest

from desktop.cli import main
from desktop.cli.casefile import CaseFileError, load_case_file
from desktop.core.sample import demo_data
from tests.support.glyphcheck import missing_glyphs

PASSWORD = "démonstration du lundi au gratin 31"
LONG = "Il m'a dit « viens » 👑 et je suis allée avec Ayşe à l'hôtel. " * 160

CASE = f"""
# a training case: names of every script, emoji, a long answer (all fictional)
case:
  procedure_number: "2026/FORM-0019"
victim:
  last_name: "Rostaš"
  first_name: "Šukar"
  birth_date: "2011-05-02"
officer:
  name: "Ioana ȘTEFĂNESCU"
administrator: "Awa N’Diaye‑Lefèvre"
hearing:
  observations_mineur: "je veux que Nguyễn et أمينة soient protégées 😂"
transcript:
  pause_after: 2
  pause_reason: "pause demandée"
  pairs:
    - ["Qui est Šukar ?", "C'est moi, Šukar ROSTAŠ, mais on m'appelle Šuki."]
    - ["Raconte.", "{LONG}"]
    - ["Et Milan Dragović ?", "Il conduisait, avec Ayşe Öztürk."]
"""


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('case:\n  procedure_number: "1"\n  servce: x\n', "ligne 3 : clé inconnue « case.servce »"),
        ("hearing:\n  interprete: peut-être\n", "ligne 2 : la clé « hearing.interprete »"),
        ("hearing:\n  pas_un_champ: 1\n", "ligne 2 : clé inconnue « hearing.pas_un_champ »"),
        ("case: [\n", "YAML illisible"),
        ("- une liste\n", "ligne 1 : un fichier de cas est un ensemble de clés"),
    ],
)
def test_a_bad_case_file_names_the_key_and_the_line(tmp_path, text, where):
    path = tmp_path / "cas.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(CaseFileError) as err:
        load_case_file(path, demo_data())
    assert where in err.value.message and "« cas.yaml »" in err.value.message


def test_the_cli_refuses_a_bad_case_file_in_french(vault_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRAME_PASSWORD", PASSWORD)
    path = tmp_path / "cas.yaml"
    path.write_text("victim:\n  prenom: Léa\n", "utf-8")
    assert main(["demo", "--case", str(path), "--out", str(tmp_path / "out")]) != 0
    err = capsys.readouterr().err
    assert "ligne 2" in err and "victim.prenom" in err
    assert not (tmp_path / "out").exists()


def test_demo_from_a_case_file_with_any_text(vault_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRAME_PASSWORD", PASSWORD)
    monkeypatch.delenv("TRAME_USER", raising=False)
    path = tmp_path / "cas.yaml"
    path.write_text(CASE, "utf-8")
    out = tmp_path / "demo"
    code = main(["demo", "--case", str(path), "--out", str(out), "--pseudonymised"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    # PV, PV de renseignement, UAPED, CMI (+ bordereau), fiche, pseudonymised copy
    assert printed.count("\tVALIDE") >= 6 and "INVALIDE" not in printed
    assert "pv-renseignement-minorite-qualification.pdf\tVALIDE" in printed
    pv = (out / "pv-audition.pdf").read_bytes()
    assert missing_glyphs(pv) == []
    text = subprocess.run(["pdftotext", "-", "-"], input=pv, capture_output=True).stdout.decode()
    assert "Šukar" in text and "[émoji : couronne]" in " ".join(text.split())
    copy = next((out / "copie-pseudonymisee").iterdir())
    blob = " ".join(
        subprocess.run(["pdftotext", str(p), "-"], capture_output=True).stdout.decode()
        for p in copy.glob("*.pdf")
    )
    for name in ("Šukar", "Šuki", "Rostaš", "ROSTAŠ", "ȘTEFĂNESCU", "Lefèvre", "Dragović", "Ayşe"):
        assert name not in blob, name
