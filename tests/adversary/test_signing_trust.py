"""Adversary: who vouches for a seal, as `trame verify` prints it.

Real keys, real pyHanko seals, the real `trame verify` / `trame trust` commands."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.cli import main
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustEntry, TrustList

BIDI = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: reverses what follows on screen


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("TRAME_HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture(scope="module")
def forger():
    """Another Trame install: a self-signed certificate in the officer's name."""
    bundle = certs.create("Camille DURAND", "Préfecture de police", "BPM")
    doc = sample_pv(pairs=2)
    first = next(i for i, e in enumerate(doc.body) if e.kind == "qr")
    body = list(doc.body)
    body[first] = dataclasses.replace(body[first], answer="Je ne sais plus rien.")
    rendered = render_pv(dataclasses.replace(doc, body=tuple(body)))
    return bundle, seal_pdf(rendered.pdf, SoftwareSigner(bundle), placements=rendered.seals)


def test_list_signed_by_an_unknown_key_is_not_vouched_for(forger, home, capsys):
    """The forger hands the magistrate, with the forged PV, a trust list signed by his own
    key that names his certificate « BPM Paris — capitaine DURAND ». The list's signature
    is sound, but nothing says whose key it is: it used to be accepted (« certificat
    reconnu », exit 0 with --require-trusted). It is now ignored, says so in French, and
    the seal shows as « certificat inconnu »."""
    bundle, pdf = forger
    trust = TrustList()
    trust.add_certificate(bundle.cert_der, "BPM Paris — capitaine DURAND")
    lst = home / "liste-remise-avec-le-pv.json"
    lst.write_bytes(trust.export_signed(bundle))
    pv = home / "pv.pdf"
    pv.write_bytes(pdf)
    code = main(["verify", "--require-trusted", "--trust", str(lst), str(pv)])
    out = capsys.readouterr().out
    assert code == 1
    assert "certificat reconnu" not in out
    assert f"certificat inconnu : empreinte {bundle.fingerprint}" in out
    line = next(x for x in out.splitlines() if x.startswith("Liste de confiance"))
    assert lst.name in line and "ignorée" in line and "n'est pas épinglé" in line
    assert bundle.fingerprint in line  # what to check with the service
    # without --require-trusted the integrity verdict stands (exit 0), identity unknown
    assert main(["verify", "--trust", str(lst), str(pv)]) == 0
    out = capsys.readouterr().out
    assert "certificat inconnu" in out and "ignorée" in out

    # the CLI import refuses it too: nothing reaches the local list
    assert main(["trust", "import", str(lst)]) == 2
    assert "refusée" in capsys.readouterr().err
    assert not TrustList.local().entries


def test_list_signed_by_a_pinned_key_is_accepted(forger, home, capsys, tmp_path):
    """The genuine service's key, pinned explicitly (--trust-key) or beforehand in the
    config folder (trame trust pin), makes its signed list count; another key does not."""
    bundle, pdf = forger  # here: the service's own key, and a PV it did seal
    trust = TrustList()
    trust.add_certificate(bundle.cert_der, "BPM Paris — capitaine DURAND")
    lst = home / "liste.json"
    lst.write_bytes(trust.export_signed(bundle))
    pv = home / "pv.pdf"
    pv.write_bytes(pdf)
    other = certs.create("Parquet de Valmont", "Ministère de la justice", "Parquet")
    args = ["verify", "--require-trusted", "--trust", str(lst)]
    assert main([*args, "--trust-key", other.fingerprint, str(pv)]) == 1
    assert "certificat inconnu" in capsys.readouterr().out
    assert main([*args, "--trust-key", bundle.fingerprint.lower(), str(pv)]) == 0
    assert "certificat reconnu : BPM Paris — capitaine DURAND" in capsys.readouterr().out
    assert main([*args, "--trust-key", "pas une empreinte", str(pv)]) == 2
    assert "Empreinte invalide" in capsys.readouterr().out

    assert main(["trust", "pin", bundle.fingerprint, "--label", "BPM Paris"]) == 0
    capsys.readouterr()
    assert main([*args, str(pv)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "certificat reconnu" in x)
    assert "clé épinglée « BPM Paris »" in line and bundle.fingerprint in line
    assert main(["trust", "list"]) == 0
    assert f"{bundle.fingerprint}\tBPM Paris" in capsys.readouterr().out
    assert main(["trust", "import", str(lst)]) == 0
    assert TrustList.local().find(bundle.fingerprint).label == "BPM Paris — capitaine DURAND"
    assert main(["trust", "unpin", bundle.fingerprint]) == 0
    assert main(["trust", "unpin", bundle.fingerprint]) == 1


def test_bidi_override_in_a_label_is_refused(forger, home, capsys):
    label = f"BPM Paris — capitaine {BIDI}DNARUD"
    assert main(["trust", "add", forger[0].fingerprint, "--label", label]) != 0
    assert "invisibles" in capsys.readouterr().err
    assert not TrustList.local().entries


def test_bidi_override_in_an_imported_list_is_shown_not_obeyed(forger, home, capsys):
    """A signed list whose label carries a bidi override (made without `trust add`): the
    verifier shows the code point instead of letting it reorder the printed line."""
    bundle, pdf = forger
    trust = TrustList()
    entry = trust.add_certificate(bundle.cert_der, "x")
    trust.entries = [dataclasses.replace(entry, label=f"BPM — cne {BIDI}DNARUD\u200b")]
    assert isinstance(trust.entries[0], TrustEntry)
    lst = home / "liste.json"
    lst.write_bytes(trust.export_signed(bundle))
    pv = home / "pv.pdf"
    pv.write_bytes(pdf)
    assert main(["verify", "--trust", str(lst), "--trust-key", bundle.fingerprint, str(pv)]) == 0
    out = capsys.readouterr().out
    assert BIDI not in out and "\u200b" not in out
    assert "<U+202E>DNARUD<U+200B>" in out
