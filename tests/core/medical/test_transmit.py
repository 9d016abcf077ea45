"""« Transmettre le CMI » on a real vault: real seal, real verifier, real SQLCipher keys."""

from __future__ import annotations

import subprocess

import pytest

from desktop.core.documents.medical.transmit import transmission_of, transmissions, transmit_cmi
from desktop.core.errors import PermissionDenied, VaultCorrupt
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.validation import FieldError
from desktop.core.seal.certs import create
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from desktop.core.vault.db import Database
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY
from tests.core.medical.umj_data import NOW, PARIS, complete, sentinels

CLOCK = fixed_clock(NOW)


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu"))


@pytest.fixture
def umj_case(officer_session, doctor_session):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    for key, value in complete(person.id).items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    return case, person, record


def pdf_text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode().replace("\u00a0", " ")


def case_db_text(session) -> str:
    """Every text value of every table of the case database, as the enquêteur reads it."""
    db = session.cases_db
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_search%'"
        ).fetchall()
    ]
    chunks = []
    for name in names:
        for row in db.execute(f'SELECT * FROM "{name}"').fetchall():  # noqa: S608 - own tables
            chunks += [str(v) for v in row if isinstance(v, str)]
    return "\n".join(chunks)


def test_doctor_transmits_and_officer_sees_only_the_cmi(
    umj_case, doctor_session, officer_session, doctor_signer, vault
):
    case, person, record = umj_case
    sent = transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)

    # officers see « examen réalisé le …, CMI transmis le … »
    seen = transmissions(officer_session, case.id)
    assert [t.id for t in seen] == [sent.id]
    assert (
        seen[0]
        .summary()
        .startswith("Examen réalisé le 11/03/2026 à 15\u00a0h\u00a000, CMI transmis le ")
    )

    # … and the sealed CMI, valid, with the shareable findings
    pdf = officer_session.documents.content(seen[0].document_id)
    report = verify_pdf(pdf)
    assert report.valid, report.reason
    assert report.seals[0].signer.startswith("Dr Alix MORAND")
    text = pdf_text(pdf)
    for expected in (
        "CERTIFICAT MÉDICAL INITIAL",
        "Dr Alix MORAND",
        "Léa MARTIN",
        "face antérieure",
        "région anale",
        "trois (3) jours",
        "écouvillon sec",
        "« il m'a forcée à aller à l'hôtel »",
        "Elle aurait été conduite de force",
    ):
        assert expected.lower() in text.lower(), expected
    # the body diagram's view titles (capitalised, unlike the lesion table): it is drawn
    assert "Face postérieure" in text and "Région génitale" in text

    # none of the confidential fields, neither in the PDF nor anywhere in the case database
    everything = case_db_text(officer_session)
    for secret in sentinels():
        assert secret not in text
        assert secret not in everything
    copied = officer_session.records.answers(sent.findings_record_id)
    assert "lesions" in copied and "itt_jours" in copied
    for key in (
        "antecedents",
        "depistages",
        "tpe_vih",
        "opposition_information_parents",
        "contacts_declares",
        "heures_depuis_faits",
        "tpe_delai_max",
    ):
        assert key not in copied

    # the medical record itself stays out of reach of the enquêteur
    with pytest.raises(PermissionDenied):
        officer_session.medical_records.answers(record.id)
    with pytest.raises(PermissionDenied):
        _ = officer_session.medical_db

    # the act is audited; the medical record is marked transmitted
    actions = [e.action for e in officer_session.audit.entries("cmi.")]
    assert actions == ["cmi.transmit"]
    assert doctor_session.medical_records.get(record.id).status == "transmis"
    assert transmission_of(doctor_session, record.id).document_id == sent.document_id


def test_officer_keys_cannot_open_the_medical_database(officer_session, vault):
    assert MEDICAL_KEY not in officer_session._keys
    assert officer_session.has_medical_access() is False
    for key in officer_session._keys.values():
        with pytest.raises(VaultCorrupt):
            Database(vault.medical_path, bytes(key), "la base médicale")
    # and the case key does open the case database (the test above is not vacuous)
    Database(vault.cases_path, bytes(officer_session._keys[CASE_KEY]), "la base").close()


def test_only_a_doctor_may_transmit(umj_case, officer_session, doctor_signer):
    _, _, record = umj_case
    with pytest.raises(PermissionDenied):
        transmit_cmi(officer_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)


def test_exam_before_the_facts_refused_and_nothing_written(
    umj_case, doctor_session, officer_session, doctor_signer
):
    case, _, record = umj_case
    doctor_session.medical_records.set_answer(record.id, "examen_datetime", "2026-03-10T20:00")
    with pytest.raises(FieldError) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert "examen_datetime" in err.value.fields
    assert "avant les faits" in err.value.message
    assert transmissions(officer_session, case.id) == []
    assert officer_session.documents.for_case(case.id) == []


def test_duplicate_sample_number_refused(umj_case, doctor_session, doctor_signer):
    _, _, record = umj_case
    samples = doctor_session.medical_records.answers(record.id)["prelevements"]
    samples[2] = {**samples[2], "numero": 2}
    doctor_session.medical_records.set_answer(record.id, "prelevements", samples)
    with pytest.raises(FieldError) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert "prelevements.3.numero" in err.value.fields


def test_opposition_forbids_handing_the_certificate_to_the_parents(
    umj_case, doctor_session, doctor_signer
):
    _, _, record = umj_case
    doctor_session.medical_records.set_answer(record.id, "certificat_remis_a", "representant_legal")
    with pytest.raises(FieldError) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert err.value.fields == ("certificat_remis_a",)


def test_missing_shareable_field_blocks(umj_case, doctor_session, doctor_signer):
    _, _, record = umj_case
    doctor_session.medical_records.set_answer(record.id, "etat_psychique", None)
    with pytest.raises(Exception) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert "État psychique" in err.value.message
