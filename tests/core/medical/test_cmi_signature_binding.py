"""Issue 16: the doctor's signature on the CMI is bound to the certificate when he signs, not
at transmission: a finding changed between signing and transmission makes it « périmée ».
Real vault (medical database), real seals checked by the real verifier."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.documents.medical.handover import hand_over_cmi
from desktop.core.documents.medical.signing import save_umj_answer
from desktop.core.documents.medical.transmit import transmission_of, transmit_cmi
from desktop.core.medical.clock import fixed_clock
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from desktop.core.seal.certs import create
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.core.medical.test_transmit import pdf_text
from tests.core.medical.umj_data import NOW, PARIS, complete

CLOCK = fixed_clock(NOW)
DOCTOR = "Dr Alix MORAND"


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create(DOCTOR, organization="UMJ Hôtel-Dieu"))


@pytest.fixture
def umj(officer_session, doctor_session):
    """A complete UMJ record on réquisition, the doctor's signature not given yet."""
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    s = doctor_session
    record = s.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    answers = complete(person.id)
    del answers["signature_medecin"]
    for key, value in answers.items():
        save_umj_answer(s, record.id, key, value, clock=CLOCK)
    return record


def _sign(s, record_id, minute: int, clock=CLOCK):
    """The doctor signs on the pad (a new act each time: its own time)."""
    value = signature_answer(
        "signe",
        image_png=signature_png(DOCTOR, 6 + minute),
        name=DOCTOR,
        signed_at=NOW + timedelta(minutes=minute),
    )
    return save_umj_answer(s, record_id, "signature_medecin", value, clock=clock)


def _transmit(s, record_id, signer):
    return transmit_cmi(s, record_id, signer=signer, clock=CLOCK, tz=PARIS)


def test_a_finding_changed_after_signing_makes_the_signature_stale(
    umj, doctor_session, officer_session, doctor_signer
):
    s = doctor_session
    stored = _sign(s, umj.id, 1)
    assert len(stored["content_sha256"]) == 64  # bound when he signs, not at transmission
    save_umj_answer(s, umj.id, "itt_jours", 5, clock=CLOCK)  # the ITT printed on the CMI
    with pytest.raises(IncompleteDocument, match=f"la signature de {DOCTOR} est périmée"):
        _transmit(s, umj.id, doctor_signer)
    assert transmission_of(s, umj.id) is None  # nothing written

    # saving the same signature again does not refresh it: he must sign again
    same = s.medical_records.answers(umj.id)["signature_medecin"]
    save_umj_answer(s, umj.id, "signature_medecin", dict(same), clock=CLOCK)
    with pytest.raises(IncompleteDocument, match="périmée"):
        _transmit(s, umj.id, doctor_signer)

    _sign(s, umj.id, 2)  # he reads the CMI again and signs
    sent = _transmit(s, umj.id, doctor_signer)
    pdf = officer_session.documents.content(sent.document_id)
    assert verify_pdf(pdf).valid
    assert "de cinq (5) jours" in " ".join(pdf_text(pdf).split())  # the ITT he signed again


def test_a_confidential_answer_changed_after_signing_leaves_it_valid(
    umj, doctor_session, doctor_signer
):
    """Only what the CMI prints is approved: the confidential part is not in it."""
    s = doctor_session
    _sign(s, umj.id, 1)
    save_umj_answer(s, umj.id, "antecedents", "SECRET-ANTECEDENTS-changé", clock=CLOCK)
    assert _transmit(s, umj.id, doctor_signer).document_id


def test_the_binding_does_not_depend_on_the_hour_of_signing(umj, doctor_session, doctor_signer):
    """Signed at 16 h, transmitted at the fixed clock's time: same CMI, still valid."""
    s = doctor_session
    later = fixed_clock(NOW + timedelta(hours=3))
    _sign(s, umj.id, 1, clock=later)
    assert _transmit(s, umj.id, doctor_signer).document_id


def test_the_cmi_handed_over_refuses_a_stale_signature(umj, doctor_session, doctor_signer):
    s = doctor_session
    for key, value in (("saisine", "demande_spontanee"), ("certificat_remis_a", "victime")):
        save_umj_answer(s, umj.id, key, value, clock=CLOCK)
    _sign(s, umj.id, 1)
    save_umj_answer(s, umj.id, "examen_general", "Ecchymose ajoutée après signature.", clock=CLOCK)
    with pytest.raises(IncompleteDocument, match=f"la signature de {DOCTOR} est périmée"):
        hand_over_cmi(s, umj.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    _sign(s, umj.id, 2)
    stored = hand_over_cmi(s, umj.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert verify_pdf(s.medical_documents.content(stored.id)).valid
