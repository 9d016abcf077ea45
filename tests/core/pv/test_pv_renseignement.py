"""The « PV de renseignement — minorité et qualification » (issue 17, point 10; préconisations
18 and 19): built from the demo hearing in a real vault, sealed, verified, exported."""

from __future__ import annotations

import pytest

from desktop.core.pv.check import IncompleteDocument, missing_elements
from desktop.core.pv.documents import render_report
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.renseignement import age_references, build_renseignement
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing, seal_renseignement
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.core.pv.conftest import flat, pdftotext


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, case, rec


def _author():
    return Signer(
        "officier de police judiciaire",
        "Camille DURAND",
        "capitaine de police",
        SignStatus.SIGNED,
        image_png=signature_png("Camille DURAND", 1),
    )


def test_renseignement_says_how_age_is_established_and_what_each_knew(hearing):
    s, case, rec = hearing
    doc = build_renseignement(s, rec.id, author=_author())
    assert missing_elements(doc) == []
    text = flat(pdftotext(render_report(doc).pdf))
    assert "PROCÈS-VERBAL DE RENSEIGNEMENT — MINORITÉ ET QUALIFICATION" in text
    # how the date of birth was established, which document, seen by whom
    assert "Établie par Acte de naissance, Dossier de l'aide sociale à l'enfance" in text
    assert "vu par le capitaine Camille DURAND avant l'audition" in text
    assert "Âge au moment des faits 14 ans" in text
    # the apparent age as the doctor wrote it, never the officer's estimate
    assert "Selon le médecin : « âge apparent compatible avec l'âge déclaré »" in text
    # per suspect and per client, with the quoted Q/R and their time codes
    assert "CONNAISSANCE DE L'ÂGE — mis en cause : « Doc »" in text
    assert "[00:25:40] Q : « Que savait Doc de ton âge ? »" in text
    assert "CONNAISSANCE DE L'ÂGE — client : Homme à la montre dorée" in text
    assert "Q : « Est-ce que les hommes qui venaient à l'hôtel savaient ton âge ? »" in text
    # « Tito » is not credited with what the hearing says of Doc
    tito = text.index("mis en cause : « Tito »")
    client = text.index("client : Homme à la montre")
    assert "Que savait Doc" not in text[tito:client]
    # the qualification aid: retained and to consider, with sources
    for label in (
        "Traite des êtres humains à l'égard d'un mineur (article 225-4-1 du code pénal)",
        "Traite des êtres humains aggravée à l'égard d'un mineur (article 225-4-2",
        "Proxénétisme à l'égard d'un mineur de quinze ans (article 225-7-1",
        "Recours à la prostitution d'un mineur (article 225-12-1",
        "Viol sur mineur de quinze ans (article 222-23-1",
        "(article 227-22-1 du code pénal)",
        "(article 227-23 du code pénal)",
    ):
        assert label in text, label
    assert "Qualification envisagée au cadre de l'enquête." in text
    assert "Qualification à envisager au vu des réponses." in text
    assert (
        "documenté — source : procès-verbal d'audition n° 17, rubriques « Date de naissance »"
        in (text)
    )
    assert "à documenter" in text


def test_age_references_need_the_person_and_the_age():
    from desktop.core.pv.model import BodyEntry

    body = (
        BodyEntry("qr", "Que savait Doc de ton âge ?", "Que j'avais 14 ans.", time_code="[1]"),
        BodyEntry("qr", "Parle-moi de Doc.", "Il conduisait.", time_code="[2]"),
        BodyEntry("qr", "Quel âge as-tu ?", "Quatorze ans.", time_code="[3]"),
    )
    assert age_references(body, "« Doc »") == [
        "[1] Q\u00a0: «\u00a0Que savait Doc de ton âge ?\u00a0» — R\u00a0: «\u00a0Que j'avais "
        "14 ans.\u00a0»"
    ]
    assert age_references(body, "« Tito », cousin de « Doc »") == []


def test_renseignement_without_the_officers_signature_cannot_be_sealed(hearing):
    s, case, rec = hearing
    signer = SoftwareSigner(certs.create("Camille DURAND"))
    with pytest.raises(IncompleteDocument):
        seal_renseignement(s, rec.id, author=None, signer=signer)
    assert s.documents.for_case(case.id) == []


def test_renseignement_is_sealed_verifies_and_is_exported_with_the_pv(hearing, tmp_path):
    from desktop.core.export.bundle import export_case

    s, case, rec = hearing
    signer = SoftwareSigner(certs.create("Camille DURAND"))
    seal_hearing(s, rec.id, signer=signer)
    stored = seal_renseignement(s, rec.id, author=_author(), signer=signer)
    assert stored.kind == "pv_renseignement" and stored.sealed
    report = verify_pdf(s.documents.content(stored.id))
    assert report.valid, report.problems
    export_case(s, case.id, tmp_path / "out", signer=signer)
    names = sorted(p.name for p in (tmp_path / "out").rglob("*.pdf"))
    assert "01-proces-verbal-audition.pdf" in names
    assert "02-proces-verbal-renseignement-minorite.pdf" in names
    exported = next((tmp_path / "out").rglob("02-proces-verbal-renseignement-minorite.pdf"))
    assert verify_pdf(exported.read_bytes()).valid
