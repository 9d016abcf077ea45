"""Issue 16, « chaque auteur signe son document »: the UAPED report is signed by the
coordination UAPED account that seals it, under its certificate's name, with its quality.
Real vault, real seals checked by the real verifier, the PDF read back with pdftotext."""

from __future__ import annotations

import subprocess

import pytest

from desktop.core.documents import case_documents, preview, seal
from desktop.core.documents.uaped import seal_uaped_report, uaped_author
from desktop.core.errors import InvalidInput
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, create_uaped, demo_data
from desktop.core.seal.publish import seal_report
from desktop.core.seal.store import CertificateStore
from desktop.core.seal.verify import verify_pdf
from tests.conftest import UAPED_PASSWORD

AUTHOR = "Inès ROUSSEAU"
PAD = signature_png(AUTHOR, 5)


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())


@pytest.fixture
def coordinator(vault, officer_session):
    """The case (officer), then the coordinator's session with her certificate and report."""
    data = demo_data()
    case, victim, _rec, _end = create_case(officer_session, data, base_time())
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        CertificateStore(s).create(AUTHOR, "Centre hospitalier fictif de Valmont")
        report = create_uaped(s, data, s.cases.get(case.id), victim, base_time())
        yield s, case, report


def _sealed(s, case, record_id):
    return [d for d in s.documents.for_case(case.id) if d.sealed and d.record_id == record_id]


def test_the_coordinator_signs_and_seals_her_report(coordinator):
    s, case, report = coordinator
    row = next(r for r in case_documents(s, case.id) if r.record_id == report.id)
    assert row.title.startswith("Rapport UAPED du ") and row.state == "brouillon"
    assert "signature de l'auteur (coordination UAPED) au scellement" in row.detail
    draft = preview(s, report.id)
    assert draft.sealable, draft.missing  # only her signature, given on the pad, is missing

    with pytest.raises(IncompleteDocument, match="signature de l'auteur du rapport"):
        seal(s, report.id, "", None, "puéricultrice coordinatrice")
    stored = seal(s, report.id, "", PAD, "  puéricultrice   coordinatrice ")
    pdf = s.documents.content(stored.id)
    assert verify_pdf(pdf).valid
    text = _text(pdf)
    block = text[text.index("Signé le ") - 200 : text.index("Signé le ") + 60]
    assert AUTHOR in block and "puéricultrice coordinatrice" in block, block
    assert "auteur du rapport" in block, block
    assert " à " in block[block.index("Signé le ") :], block  # the time of the signature
    row = next(r for r in case_documents(s, case.id) if r.record_id == report.id)
    assert row.state == "scelle" and row.document_id == stored.id


def test_a_doctors_pad_on_the_coordinators_session_is_refused(coordinator):
    s, case, report = coordinator
    doctor = Signer(
        "médecin légiste",
        "Dr Alix MORAND",
        "médecin légiste",
        SignStatus.SIGNED,
        image_png=signature_png("Dr Alix MORAND", 7),
    )
    with pytest.raises(InvalidInput, match="celle d'un médecin légiste"):
        seal_report(s, report.id, author=doctor)
    assert not _sealed(s, case, report.id)


def test_a_signature_in_another_name_than_the_account_is_refused(coordinator):
    """A colleague's signature drawn on Inès ROUSSEAU's session: she does not sign for others."""
    s, case, report = coordinator
    colleague = Signer(
        "auteur du rapport",
        "Marion FICTIVE",
        "coordination de l'UAPED",
        SignStatus.SIGNED,
        image_png=signature_png("Marion FICTIVE", 3),
    )
    with pytest.raises(InvalidInput, match="au nom de Marion FICTIVE.*certificat de Inès"):
        seal_report(s, report.id, author=colleague)
    assert not _sealed(s, case, report.id)


def test_the_author_is_the_account_not_the_caller(coordinator):
    s, _case, _report = coordinator
    author = uaped_author(s, PAD, "")
    assert (author.name, author.quality, author.role) == (
        AUTHOR,
        "coordination de l'UAPED",
        "auteur du rapport",
    )
    assert author.status is SignStatus.SIGNED and author.signed_at
    with pytest.raises(InvalidInput, match="120 caractères"):
        uaped_author(s, PAD, "x" * 121)


def test_an_officer_cannot_sign_or_seal_the_uaped_report(vault, coordinator):
    from tests.conftest import OFFICER_PASSWORD

    _s, case, report = coordinator
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as officer:
        CertificateStore(officer).create("Camille DURAND", "Brigade fictive")
        with pytest.raises(InvalidInput, match="votre compte « enquêteur"):
            seal_uaped_report(officer, report.id, signature_png("Camille DURAND", 2))
        with pytest.raises(InvalidInput, match="coordination de l'UAPED"):
            seal(officer, report.id, "", signature_png("Camille DURAND", 2))
        assert not _sealed(officer, case, report.id)
