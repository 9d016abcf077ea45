"""Every author signs his document (issue 16): the doctor the CMI, the UAPED coordinator the
UAPED report. Real vault, real seals, the PDFs read back with poppler."""

from __future__ import annotations

import subprocess

import pytest

from desktop.core.documents.medical.transmit import transmission_of, transmit_cmi
from desktop.core.errors import InvalidInput
from desktop.core.medical.clock import fixed_clock
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, create_uaped, demo_data
from desktop.core.seal.certs import create
from desktop.core.seal.publish import seal_report
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.conftest import UAPED_PASSWORD
from tests.core.medical.umj_data import NOW, PARIS, complete

CLOCK = fixed_clock(NOW)


@pytest.fixture(scope="module")
def doctor_signer():
    return SoftwareSigner(create("Dr Alix MORAND", organization="UMJ Hôtel-Dieu"))


def _text(pdf: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())


def _images_on_last_page(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True)
    last = next(
        int(x.split()[-1]) for x in pages.stdout.decode().splitlines() if x.startswith("Pages:")
    )
    out = subprocess.run(
        ["pdfimages", "-list", "-f", str(last), "-l", str(last), str(path)],
        capture_output=True,
        check=True,
    )
    png = tmp_path / "last"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", str(last), "-l", str(last), str(path), str(png)],
        check=True,
    )
    return len(out.stdout.decode().splitlines()) - 2  # two header lines


@pytest.fixture
def umj(officer_session, doctor_session):
    case = officer_session.cases.create("2026/00123", "BPM Paris")
    person = officer_session.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-05-02")
    record = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1", person.id)
    return case, person, record


def test_unsigned_cmi_is_not_transmitted(umj, doctor_session, doctor_signer):
    case, person, record = umj
    answers = complete(person.id)
    del answers["signature_medecin"]
    for key, value in answers.items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    with pytest.raises((InvalidInput, IncompleteDocument), match="Signature du médecin"):
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert transmission_of(doctor_session, record.id) is None


def test_sealed_cmi_carries_the_doctors_signature(
    umj, doctor_session, officer_session, doctor_signer, tmp_path
):
    case, person, record = umj
    for key, value in complete(person.id).items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    sent = transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    pdf = officer_session.documents.content(sent.document_id)
    assert verify_pdf(pdf).valid
    text = _text(pdf)
    block = text[text.index("Signé le ") - 200 : text.index("Signé le ") + 40]
    assert "Dr Alix MORAND" in block and "médecin" in block, block
    assert _images_on_last_page(pdf, tmp_path) >= 1  # the handwritten signature is drawn


def test_uaped_report_needs_and_prints_its_authors_signature(vault, officer_session, tmp_path):
    data = demo_data()
    case, victim, rec, end = create_case(officer_session, data, base_time())
    with vault.unlock("uaped", UAPED_PASSWORD) as s:  # the coordinator's own session
        uaped = create_uaped(s, data, s.cases.get(case.id), victim, base_time())
        signer = SoftwareSigner(create("Inès ROUSSEAU"))
        with pytest.raises(IncompleteDocument, match="la signature de auteur du rapport"):
            seal_report(s, uaped.id, signer=signer)
        pad = Signer(
            "auteur du rapport",
            "Inès ROUSSEAU",
            "infirmière coordinatrice",
            SignStatus.SIGNED,
            image_png=signature_png("Inès ROUSSEAU", 5),
        )
        stored = seal_report(s, uaped.id, author=pad, signer=signer)
        pdf = s.documents.content(stored.id)
    assert verify_pdf(pdf).valid
    text = _text(pdf)
    block = text[text.index("Signé le ") - 200 : text.index("Signé le ") + 40]
    assert "Inès ROUSSEAU" in block and "infirmière coordinatrice" in block, block
    assert _images_on_last_page(pdf, tmp_path) >= 1
    assert verify_pdf(pdf).properties["contentSha256"] == stored.meta["content_sha256"]


def test_an_author_cannot_refuse_to_sign_his_own_certificate(umj, doctor_session, doctor_signer):
    from desktop.core.pv.signature import signature_answer

    case, person, record = umj
    answers = complete(person.id)
    answers["signature_medecin"] = signature_answer("refuse", name="Dr Alix MORAND")
    for key, value in answers.items():
        doctor_session.medical_records.set_answer(record.id, key, value)
    with pytest.raises(IncompleteDocument, match="la signature manuscrite de Dr Alix MORAND"):
        transmit_cmi(doctor_session, record.id, signer=doctor_signer, clock=CLOCK, tz=PARIS)
    assert transmission_of(doctor_session, record.id) is None
