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


def test_list_signed_by_an_unknown_key_says_who_signed_it(forger, home, capsys):
    """The forger hands the magistrate, with the forged PV, a trust list signed by his own
    key that names his certificate « BPM Paris — capitaine DURAND ». The list's signature
    is sound, so it is accepted: the verifier must then at least say whose key vouches, so
    that the fingerprint can be checked with the service; it used to print a bare
    « certificat reconnu : BPM Paris — capitaine DURAND »."""
    bundle, pdf = forger
    trust = TrustList()
    trust.add_certificate(bundle.cert_der, "BPM Paris — capitaine DURAND")
    lst = home / "liste-remise-avec-le-pv.json"
    lst.write_bytes(trust.export_signed(bundle))
    pv = home / "pv.pdf"
    pv.write_bytes(pdf)
    code = main(["verify", "--require-trusted", "--trust", str(lst), str(pv)])
    out = capsys.readouterr().out
    assert "certificat reconnu : BPM Paris — capitaine DURAND" in out
    line = next(x for x in out.splitlines() if "certificat reconnu" in x)
    assert bundle.fingerprint in line, "nothing says who vouches for this label"
    assert "liste de confiance" in line and lst.name in line
    assert code == 0  # the magistrate chose the list; the provenance is now printed


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
    assert main(["verify", "--trust", str(lst), str(pv)]) == 0
    out = capsys.readouterr().out
    assert BIDI not in out and "\u200b" not in out
    assert "<U+202E>DNARUD<U+200B>" in out
