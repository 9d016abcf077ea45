"""Sealed addenda (« mention complémentaire »): real vault, real seals, real export bundle."""

from __future__ import annotations

import hashlib

import pytest

from desktop.cli import main
from desktop.core.errors import InvalidInput
from desktop.core.export.bundle import export_case
from desktop.core.export.verify import verify_bundle
from desktop.core.pv.addendum import addenda_of
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.addendum import create_addendum
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.conftest import OFFICER_PASSWORD

QUOTE = "il m'a emmenée à l'hôtel le mardi"


@pytest.fixture(scope="module")
def signer():
    return SoftwareSigner(certs.create("Camille DURAND"))


def _author() -> Signer:
    return Signer(
        "auteur de la mention",
        "Camille DURAND",
        "capitaine de police, OPJ",
        SignStatus.SIGNED,
        image_png=signature_png("Camille DURAND", 1),
    )


@pytest.fixture
def sealed(officer_session, signer):
    s = officer_session
    case, victim, rec, end = create_case(s, demo_data(), base_time())
    pv = seal_hearing(s, rec.id, signer=signer)
    return s, case, rec, pv


def test_addendum_names_its_original_and_verifies(sealed, signer, text_of):
    s, case, rec, pv = sealed
    original = s.documents.content(pv.id)
    doc = create_addendum(
        s,
        pv.id,
        nature="rectification",
        quoted=QUOTE,
        text="Lire « le mercredi » au lieu de « le mardi » (erreur matérielle de saisie).",
        signers=(_author(),),
        signer=signer,
    )
    pdf = s.documents.content(doc.id)
    report = verify_pdf(pdf)
    assert report.valid, report.problems
    sha = hashlib.sha256(original).hexdigest()
    assert report.properties["originalId"] == verify_pdf(original).document_id
    assert report.properties["originalSha256"] == sha
    assert report.properties["documentKind"] == "mention_complementaire"
    text = text_of(pdf)
    assert "MENTION COMPLÉMENTAIRE" in text
    assert verify_pdf(original).document_id in text
    assert " ".join(sha[i : i + 16] for i in range(0, 64, 16)) in text
    assert f"« {QUOTE} »" in text
    assert "Rectification d'une erreur matérielle" in text
    assert "Camille DURAND" in text and "Signé le " in text
    # the original is untouched, and knows its addenda
    assert s.documents.content(pv.id) == original
    assert [d.id for d in addenda_of(s, pv.id)] == [doc.id]
    assert s.audit.entries("addendum.create")


def test_addendum_needs_a_sealed_valid_original_and_a_signature(sealed, signer):
    s, case, rec, pv = sealed
    with pytest.raises(InvalidInput, match="introuvable"):
        create_addendum(s, 9999, nature="observation", text="x", signers=(_author(),))
    from desktop.core.pv.check import IncompleteDocument

    pending = Signer("auteur de la mention", "Camille DURAND")
    with pytest.raises(IncompleteDocument, match="la signature de Camille DURAND"):
        create_addendum(s, pv.id, nature="observation", text="x", signers=(pending,), signer=signer)
    with pytest.raises(InvalidInput, match="Nature de mention inconnue"):
        create_addendum(s, pv.id, nature="autre", text="x", signers=(_author(),), signer=signer)


def test_cli_addendum_and_verify_reports_addenda_in_the_vault(
    vault, officer_session, signer, tmp_path, monkeypatch, capsys
):
    s = officer_session
    case, victim, rec, end = create_case(s, demo_data(), base_time())
    from desktop.core.seal.store import CertificateStore

    CertificateStore(s).create("Camille DURAND")
    pv = seal_hearing(s, rec.id)
    original = tmp_path / "pv.pdf"
    original.write_bytes(s.documents.content(pv.id))
    png = tmp_path / "signature.png"
    png.write_bytes(signature_png("Camille DURAND", 1))
    monkeypatch.setenv("TRAME_USER", "enqueteur")
    monkeypatch.setenv("TRAME_PASSWORD", OFFICER_PASSWORD)
    assert main(["verify", "--coffre", str(original)]) == 0
    assert "aucune mention complémentaire" in capsys.readouterr().out
    args = ["addendum", str(pv.id), "--nature", "observation", "--name", "Camille DURAND"]
    args += ["--text", "La mineure a précisé l'adresse de l'hôtel.", "--signature", str(png)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Mention complémentaire scellée" in out
    assert main(["verify", "--coffre", str(original)]) == 0
    out = capsys.readouterr().out
    assert "1 mention(s) complémentaire(s) à ce document" in out
    assert "Observation ultérieure" in out


def test_verify_bundle_checks_each_addendum_against_its_original(sealed, signer, tmp_path):
    s, case, rec, pv = sealed
    create_addendum(
        s, pv.id, nature="observation", text="Précision.", signers=(_author(),), signer=signer
    )
    result = export_case(s, case.id, tmp_path / "out", signer=signer)
    folder = result.path
    names = sorted(p.name for p in folder.iterdir())
    addendum = next(n for n in names if "mention-complementaire" in n)
    pv_file = next(n for n in names if "proces-verbal" in n)
    good = verify_bundle(folder)
    assert good.valid, good.problems
    assert good.addenda == [(addendum, pv_file)]

    # another valid PV (same case, re-sealed after a change) put in the original's place
    other = create_case(s, demo_data(), base_time())[2]
    other_pv = seal_hearing(s, other.id, signer=signer)
    assert verify_pdf(s.documents.content(other_pv.id)).valid
    (folder / pv_file).write_bytes(s.documents.content(other_pv.id))
    report = verify_bundle(folder)
    assert not report.valid
    reasons = dict(report.problems)
    assert "mention complémentaire" in reasons[addendum]
