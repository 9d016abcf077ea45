"""Adversary (issue 18): an overseas service (Guyane) prints its own time on the CMI and
the bordereau and names its zone; the seal stamp agrees. Real vault, seals, PDFs."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desktop.core import servicetime
from desktop.core.documents.medical.bordereau import Receiver, seal_bordereau
from desktop.core.documents.medical.transmit import transmit_cmi
from desktop.core.medical.clock import fixed_clock
from desktop.core.pv.sample import signature_png
from desktop.core.seal.certs import create
from desktop.core.seal.signer import SoftwareSigner
from tests.core.medical.test_transmit import pdf_text
from tests.core.medical.umj_data import complete

CAYENNE = ZoneInfo("America/Cayenne")
NOW = datetime(2026, 3, 11, 16, 0, tzinfo=CAYENNE)
ZONE = "heure de la Guyane, fuseau America/Cayenne"


@pytest.fixture
def guyane(officer_session, doctor_session):
    # after the sessions opened (opening one applies the vault's setting)
    servicetime.set_service_zone("America/Cayenne")
    yield
    servicetime.set_service_zone(None)


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Cayenne"))


def test_overseas_bordereau_and_cmi_name_the_zone_after_each_time(
    officer_session, doctor_session, doctor_signer, guyane
):
    case = officer_session.cases.create("2026/00888", "BPM Cayenne")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    for key, value in complete(person.id).items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    clock = fixed_clock(NOW)
    sent = transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=clock)
    stored = seal_bordereau(
        doctor_session,
        record.id,
        receiver=Receiver("Camille DURAND", "capitaine de police, OPJ", "BPM Cayenne"),
        seal_numbers={1: "SC-1", 2: "SC-2", 3: "SC-3"},
        officer_png=signature_png("Camille DURAND", 3),
        doctor_png=signature_png("Alix MORAND", 4),
        signer=doctor_signer,
        clock=clock,
    )
    for content in (
        officer_session.documents.content(sent.document_id),
        officer_session.documents.content(stored.id),
    ):
        text = " ".join(pdf_text(content).replace("\u00a0", " ").split())
        assert ZONE in text
        # every printed « hh h mm » time is followed by the zone (none left ambiguous)
        times = re.findall(r"\d{1,2} h \d\d(?: \([^)]*\))?", text)
        assert times
        bare = [t for t in times if ZONE not in t]
        assert not bare, bare
