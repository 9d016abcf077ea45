"""`trame demo` on an empty TRAME_HOME: five sealed documents, each VALIDE, poppler agrees."""

from __future__ import annotations

import io
import stat

import pikepdf

from desktop.cli import main
from tests.core.seal.conftest import pdfsig

PASSWORD = "démonstration du lundi au gratin 31"


def test_demo_writes_five_valid_sealed_documents(vault_home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TRAME_PASSWORD", PASSWORD)
    monkeypatch.delenv("TRAME_USER", raising=False)
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    names = [
        "pv-audition.pdf",
        "rapport-uaped.pdf",
        "certificat-medical-initial.pdf",
        "fiche-signalement.pdf",
        "pv-renseignement-minorite-qualification.pdf",
    ]
    for name in names:
        path = out / name
        assert f"{path}\tVALIDE" in printed
        assert main(["verify", str(path)]) == 0
        assert capsys.readouterr().out.startswith("VALIDE")
        report = pdfsig(path)
        assert "Signature is Valid" in report and "Total document signed" in report, report
        with pikepdf.open(io.BytesIO(path.read_bytes())) as pdf:
            assert pdf.open_metadata().pdfa_status == "2B"
    keys = out / "cles-de-secours-demo.txt"
    assert "Clé de secours médicale" in keys.read_text("utf-8")
    assert stat.S_IMODE(keys.stat().st_mode) == 0o600
    # the PV holds the complete hearing: 44 questions and the pause
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(out / "pv-audition.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert text.count("QUESTION :") >= 40
    assert "L'audition est suspendue" in text and "L'audition reprend" in text
    # the confidential medical answers never reach the CMI
    cmi = subprocess.run(
        ["pdftotext", str(out / "certificat-medical-initial.pdf"), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "confidentielles fictives" not in cmi

    # issue 16: signed CMI and UAPED report, one addendum, and a trust list that vouches
    trust = out / "liste-de-confiance-demo.json"
    assert f"{out / 'mention-complementaire.pdf'}\tVALIDE" in printed
    for name, label in (
        ("pv-audition.pdf", "capitaine de police Camille DURAND"),
        ("mention-complementaire.pdf", "capitaine de police Camille DURAND"),
        ("rapport-uaped.pdf", "UAPED de Valmont (fictive) — Inès ROUSSEAU"),
        ("certificat-medical-initial.pdf", "UMJ de Valmont (fictive) — Dr"),
    ):
        args = ["verify", "--require-trusted", "--trust", str(trust), str(out / name)]
        assert main(args) == 0, name
        assert "certificat reconnu : " in (said := capsys.readouterr().out) and label in said
    assert main(["verify", str(out / "mention-complementaire.pdf")]) == 0
    assert "Mention complémentaire au document PV-" in capsys.readouterr().out
    for name in ("certificat-medical-initial.pdf", "rapport-uaped.pdf"):
        signed = subprocess.run(
            ["pdftotext", str(out / name), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert "Signature manuscrite recueillie" in signed and "Signé le" in signed, name

    # a second run on the same vault adds a second case and still succeeds
    assert main(["demo", "--out", str(tmp_path / "demo2")]) == 0


def test_demo_without_password_is_a_clear_error(vault_home, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TRAME_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["demo", "--out", str(tmp_path / "x")]) == 1
    assert "TRAME_PASSWORD" in capsys.readouterr().err
