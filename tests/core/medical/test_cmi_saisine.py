"""Issue 18: the CMI states the facts and a dated réquisition; without a réquisition nothing
reaches the investigators' database. Real vault, real seal, real PDF read back."""

from __future__ import annotations

import pytest

from desktop.core.documents.medical.transmit import transmissions, transmit_cmi
from desktop.core.errors import InvalidInput
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.validation import FieldError
from desktop.core.seal.certs import create
from desktop.core.seal.signer import SoftwareSigner
from tests.core.medical.test_transmit import case_db_text, pdf_text
from tests.core.medical.umj_data import NOW, PARIS, complete, shareable

CLOCK = fixed_clock(NOW)


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu"))


def make_record(officer_session, doctor_session, **changes):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    answers = {**complete(person.id), **changes}
    for key, value in answers.items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    return case, person, record


def test_cmi_prints_the_facts_and_a_dated_requisition(
    officer_session, doctor_session, doctor_signer
):
    case, _, record = make_record(officer_session, doctor_session)
    sent = transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    text = " ".join(pdf_text(officer_session.documents.content(sent.document_id)).split())
    assert (
        "déclare avoir été victime de violences sexuelles le dix mars deux mille vingt-six "
        "à 22 h 30, dans un hôtel proche de la gare." in text
    )
    assert (
        "Saisine : réquisition de BPM Paris, capitaine Camille DURAND, n° 2026/00123, du onze "
        "mars deux mille vingt-six (article 77-1 du code de procédure pénale, enquête "
        "préliminaire)." in text
    )
    assert "((" not in text and "))" not in text
    assert "à compter des faits déclarés du dix mars deux mille vingt-six" in text
    # the minor's words in quotes, the doctor's account in the conditional outside quotes
    assert "« il m'a forcée à aller à l'hôtel »" in text
    assert "Elle aurait été conduite de force dans un hôtel." in text
    assert "« Elle aurait" not in text
    # wording: no double numbering, lesion size then description, article before the place
    assert "1. n°" not in text and "n° 1 : site vaginal" in text
    assert "3 × 2 cm, arrondie." in text
    assert "à l'UMJ de l'Hôtel-Dieu" in text
    assert "Tanner) : stade 3. Âge apparent : 13 à 14 ans." in text
    assert "4 photographies ont été prises" in text and "carte mémoire scellée" in text


def test_requisition_dated_after_the_exam_is_refused(
    officer_session, doctor_session, doctor_signer
):
    case, _, record = make_record(officer_session, doctor_session, requisition_date="2026-03-12")
    with pytest.raises(FieldError) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert err.value.fields == ("requisition_date",)
    assert "après l'examen du 11/03/2026" in err.value.message
    assert transmissions(officer_session, case.id) == []


def test_requisition_needs_its_number_and_date(officer_session, doctor_session, doctor_signer):
    _, _, record = make_record(
        officer_session, doctor_session, requisition_date=None, requisition_numero=None
    )
    with pytest.raises(InvalidInput) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert "Date de la réquisition" in err.value.message
    assert "N° de réquisition" in err.value.message


def test_spontaneous_request_cmi_is_never_copied_to_the_case_database(
    officer_session, doctor_session, doctor_signer
):
    case, person, record = make_record(
        officer_session,
        doctor_session,
        saisine="demande_spontanee",
        certificat_remis_a="victime",
    )
    before = case_db_text(officer_session)
    with pytest.raises(InvalidInput) as err:
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert "226-14" in err.value.message and "main propre" in err.value.message
    assert transmissions(officer_session, case.id) == []
    assert officer_session.documents.for_case(case.id) == []
    assert officer_session.records.for_case(case.id) == []
    after = case_db_text(officer_session)
    # not one shareable field of the CMI is readable by the officer account
    for key, value in shareable(person.id).items():
        if isinstance(value, str) and len(value) > 6 and value not in before:
            assert value not in after, key


def test_spontaneous_request_certificate_not_addressed_to_an_authority(
    officer_session, doctor_session, doctor_signer
):
    _, _, record = make_record(
        officer_session,
        doctor_session,
        saisine="demande_spontanee",
        certificat_remis_a="autorite_requerante",
    )
    from desktop.core.medical import umj

    answers = doctor_session.medical_records.answers(record.id)
    issues = umj.check_umj(answers, NOW, PARIS)
    assert [i.field for i in issues] == ["certificat_remis_a"]
    assert "226-14" in issues[0].message


def test_spontaneous_request_cmi_handed_to_the_minor_and_signalement_stay_medical(
    officer_session, doctor_session, doctor_signer
):
    from desktop.core.documents.medical.handover import (
        HANDED_KIND,
        SIGNAL_KIND,
        hand_over_cmi,
        medical_documents,
        signal_to_prosecutor,
    )
    from desktop.core.errors import PermissionDenied
    from desktop.core.pv.sample import signature_png
    from desktop.core.seal.verify import verify_pdf

    case, person, record = make_record(
        officer_session,
        doctor_session,
        saisine="demande_spontanee",
        certificat_remis_a="victime",
        requisition_autorite=None,
        requisition_numero=None,
        requisition_date=None,
    )
    before = case_db_text(officer_session)
    handed = hand_over_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    signal = signal_to_prosecutor(
        doctor_session,
        record.id,
        parquet="procureur de la République près le tribunal judiciaire de Paris",
        doctor_png=signature_png("Alix MORAND", 2),
        signer=doctor_signer,
        clock=CLOCK,
        tz=PARIS,
    )
    assert [d.kind for d in medical_documents(doctor_session, record.id)] == [
        HANDED_KIND,
        SIGNAL_KIND,
    ]
    cmi = doctor_session.medical_documents.content(handed.id)
    assert verify_pdf(cmi).valid
    cmi_text = " ".join(pdf_text(cmi).split())
    assert "à la demande de la personne examinée" in cmi_text
    assert "remis en main propre à la personne examinée" in cmi_text
    assert "conservés par le service en lieu sûr" in cmi_text
    assert "remis aux enquêteurs" not in cmi_text
    sig = doctor_session.medical_documents.content(signal.id)
    assert verify_pdf(sig).valid
    sig_text = " ".join(pdf_text(sig).split())
    assert "SIGNALEMENT AU PROCUREUR DE LA RÉPUBLIQUE" in sig_text
    assert "article 226-14 du code pénal" in sig_text
    assert "tribunal judiciaire de Paris" in sig_text
    assert "SECRET-" not in sig_text and "SECRET-" not in cmi_text

    # the officer account reads none of it, by any path
    with pytest.raises(PermissionDenied):
        _ = officer_session.medical_documents
    assert officer_session.documents.for_case(case.id) == []
    assert transmissions(officer_session, case.id) == []
    after = case_db_text(officer_session)
    for key, value in shareable(person.id).items():
        if isinstance(value, str) and len(value) > 6 and value not in before:
            assert value not in after, key
    copies = officer_session.cases_db.execute(
        "SELECT count(*) FROM documents WHERE sha256 IN (?, ?)", (handed.sha256, signal.sha256)
    ).fetchone()[0]
    assert copies == 0
