"""What blocks « Transmettre le CMI », read before any confirmation (issue 13): on a real
vault, the same verdict as the transmission itself."""

from __future__ import annotations

import pytest

from desktop.core.documents.medical.transmit import transmit_cmi
from desktop.core.errors import InvalidInput, PermissionDenied
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.readiness import cmi_readiness
from tests.core.medical.umj_data import NOW, complete

CLOCK = fixed_clock(NOW)


@pytest.fixture
def umj_record(officer_session, doctor_session):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    return person, record


def test_lists_every_missing_item_then_nothing_when_complete(umj_record, doctor_session):
    person, record = umj_record
    answers = complete(person.id)
    for key, value in answers.items():
        if key not in ("signature_medecin", "examen_lieu", "faits_nature"):
            doctor_session.medical_records.set_answer(record.id, key, value)
    ready = cmi_readiness(doctor_session, record.id, clock=CLOCK)
    assert not ready.ready
    fields = {i.field for i in ready.issues}
    assert {"signature_medecin", "examen_lieu", "faits_nature"} <= fields
    assert ready.summary() == f"{len(ready.issues)} éléments manquent ou sont à corriger"
    # the transmission refuses the same record, naming the same items
    with pytest.raises(InvalidInput) as refused:
        transmit_cmi(doctor_session, record.id, clock=CLOCK, seal=lambda *a, **k: b"")
    for line in ready.lines:
        assert line in refused.value.message
    for key in ("signature_medecin", "examen_lieu", "faits_nature"):
        doctor_session.medical_records.set_answer(record.id, key, answers[key])
    assert cmi_readiness(doctor_session, record.id, clock=CLOCK).ready


def test_officer_cannot_read_it(umj_record, officer_session):
    _, record = umj_record
    with pytest.raises(PermissionDenied):
        cmi_readiness(officer_session, record.id, clock=CLOCK)
