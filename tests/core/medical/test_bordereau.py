"""Issue 18: the « Bordereau de remise des prélèvements », chain of custody of the samples.

Real vault, real seals checked by the real verifier, the real export of the case."""

from __future__ import annotations

import io

import pikepdf
import pytest

from desktop.core.documents.medical.bordereau import KIND, Receiver, seal_bordereau
from desktop.core.documents.medical.transmit import transmit_cmi
from desktop.core.errors import InvalidInput
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.validation import FieldError
from desktop.core.pv.sample import sample_pv, signature_png
from desktop.core.seal.certs import create
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.core.medical.test_transmit import pdf_text
from tests.core.medical.umj_data import NOW, PARIS, complete

CLOCK = fixed_clock(NOW)
RECEIVER = Receiver("Camille DURAND", "capitaine de police, OPJ", "BPM Paris")
SEALS = {1: "SC-2026-041", 2: "SC-2026-042", 3: "SC-2026-043"}


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu"))


@pytest.fixture(scope="module")
def officer_signer():
    return SoftwareSigner(create("Camille DURAND", organization="BPM Paris"))


@pytest.fixture
def umj_case(officer_session, doctor_session, officer_signer):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    hearing = officer_session.records.create(
        case.id, "audition", "audition_mineur", "1.0", person.id
    )
    officer_session.documents.add(
        case.id,
        "pv_audition",
        seal_document(sample_pv(), officer_signer),
        title="PV d'audition",
        record_id=hearing.id,
        sealed=True,
    )
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    for key, value in complete(person.id).items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    return case, record


def test_bordereau_signed_by_both_verifies_and_is_exported(
    umj_case, doctor_session, officer_session, doctor_signer, officer_signer, tmp_path
):
    from desktop.core.export.bundle import export_case

    case, record = umj_case
    transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    stored = seal_bordereau(
        doctor_session,
        record.id,
        receiver=RECEIVER,
        seal_numbers=SEALS,
        officer_png=signature_png("Camille DURAND", 3),
        doctor_png=signature_png("Alix MORAND", 4),
        signer=doctor_signer,
        clock=CLOCK,
        tz=PARIS,
    )
    # the officer reads it from the case database; it verifies
    pdf = officer_session.documents.content(stored.id)
    report = verify_pdf(pdf)
    assert report.valid, report.reason
    text = " ".join(pdf_text(pdf).split())
    assert "BORDEREAU DE REMISE DES PRÉLÈVEMENTS" in text
    for expected in (
        "PRÉLÈVEMENT N° 1",
        "Scellé n° SC-2026-041",
        "SC-2026-043",
        "Recueilli par Dr Alix MORAND, médecin légiste",
        "Conservation Séché à l'air, température ambiante",
        "Remis le 11/03/2026 à 16 h 00",
        "Camille DURAND, capitaine de police, OPJ, BPM Paris",
        "enquêteur recevant les prélèvements",
        "médecin remettant les prélèvements",
        "4 photographies ont été prises",
    ):
        assert expected in text, expected
    # both handwritten signatures are drawn as images
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        images = sum(len(page.get_images()) for page in doc.pages)
    assert images >= 2
    # the hand-over is written back into the medical record
    rows = doctor_session.medical_records.answers(record.id)["prelevements"]
    assert [r["scelle_numero"] for r in rows] == list(SEALS.values())
    assert {r["remis_a"] for r in rows} == {"Camille DURAND"}
    assert {r["remis_le"] for r in rows} == {"2026-03-11T16:00"}
    # … and it leaves with the procedure file
    out = tmp_path / "export"
    export_case(officer_session, case.id, out, signer=officer_signer)
    names = sorted(p.name for p in out.rglob("*.pdf"))
    assert any("bordereau-remise-prelevements" in n for n in names), names
    assert [a.action for a in officer_session.audit.entries("cmi.")] == [
        "cmi.transmit",
        "cmi.bordereau",
    ]


def test_bordereau_needs_seal_numbers_and_both_signatures(
    umj_case, doctor_session, officer_session, doctor_signer
):
    case, record = umj_case
    with pytest.raises(FieldError) as err:
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=Receiver("Camille DURAND", "", "BPM Paris"),
            seal_numbers={1: "SC-1"},
            officer_png=None,
            doctor_png=signature_png("Alix MORAND", 4),
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
        )
    fields = set(err.value.fields)
    assert {"remis_a_qualite", "signature_enqueteur", "prelevements.2.scelle_numero"} <= fields
    assert officer_session.documents.for_case(case.id, KIND) == []


def test_no_bordereau_without_requisition(umj_case, doctor_session, doctor_signer):
    _, record = umj_case
    doctor_session.medical_records.set_answer(record.id, "saisine", "demande_spontanee")
    with pytest.raises(InvalidInput) as err:
        seal_bordereau(
            doctor_session,
            record.id,
            receiver=RECEIVER,
            seal_numbers=SEALS,
            officer_png=signature_png("Camille DURAND", 3),
            doctor_png=signature_png("Alix MORAND", 4),
            signer=doctor_signer,
            clock=CLOCK,
            tz=PARIS,
        )
    assert "226-14" in err.value.message
