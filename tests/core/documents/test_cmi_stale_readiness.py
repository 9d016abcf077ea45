"""Issue 16: the check run before « Transmettre le CMI » lists a stale signature of the doctor
(a printed finding changed since he signed), never one made stale by a confidential answer.
Real vault (medical database)."""

from __future__ import annotations

from desktop.core.documents.medical.signing import (
    STALE_DOCTOR_SIGNATURE,
    doctor_signature_stale,
    save_umj_answer,
    transmit_readiness,
)
from tests.core.medical.test_cmi_signature_binding import CLOCK, _sign, doctor_signer, umj

__all__ = ["doctor_signer", "umj"]  # the fixtures, shared with the binding test


def _stale_lines(s, record_id) -> list[str]:
    ready = transmit_readiness(s, record_id, clock=CLOCK)
    return [i.message for i in ready.issues if i.field == "signature_medecin"]


def test_a_changed_finding_is_listed_before_transmission(umj, doctor_session):
    s = doctor_session
    _sign(s, umj.id, 1)
    assert transmit_readiness(s, umj.id, clock=CLOCK).ready
    assert not doctor_signature_stale(s, umj.id, clock=CLOCK)

    save_umj_answer(s, umj.id, "itt_jours", 5, clock=CLOCK)  # printed on the CMI
    assert doctor_signature_stale(s, umj.id, clock=CLOCK)
    ready = transmit_readiness(s, umj.id, clock=CLOCK)
    assert not ready.ready
    assert _stale_lines(s, umj.id) == [STALE_DOCTOR_SIGNATURE]
    assert ready.summary() == "1 élément manque ou est à corriger"

    _sign(s, umj.id, 2)  # he reads it again and signs
    assert transmit_readiness(s, umj.id, clock=CLOCK).ready


def test_a_confidential_answer_leaves_the_signature_valid(umj, doctor_session):
    s = doctor_session
    _sign(s, umj.id, 1)
    save_umj_answer(s, umj.id, "antecedents", "SECRET-ANTECEDENTS-0001", clock=CLOCK)
    assert not doctor_signature_stale(s, umj.id, clock=CLOCK)
    assert _stale_lines(s, umj.id) == []
    assert transmit_readiness(s, umj.id, clock=CLOCK).ready
