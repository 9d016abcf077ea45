"""The PV de renseignement's use cases (issue 17 point 10) on a real vault: its row and
state, what is missing before sealing, the officer's signature required, the seal verified."""

from __future__ import annotations

import pytest

from desktop.cli.demo import ensure_certificate
from desktop.core import documents as docs
from desktop.core.errors import InvalidInput
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, demo_data

KIND = "pv_renseignement"


def _rows(s, case_id):
    return {r.key: r for r in docs.case_documents(s, case_id)}


def test_demo_hearing_renseignement_brouillon_then_sealed_apart_from_the_pv(officer_session):
    s = officer_session
    data = demo_data()
    ensure_certificate(s, data["officer"]["name"], "Brigade fictive")
    case, _victim, hearing, _end = create_case(s, data, base_time())
    row = _rows(s, case.id)[(hearing.id, KIND)]
    assert row.state == "brouillon" and row.title.startswith("PV de renseignement")
    assert row.detail.endswith(", signature de l'officier au scellement")
    p = docs.preview(s, hearing.id, KIND)
    assert p.kind == KIND and not p.sealed and p.missing == () and p.pdf.startswith(b"%PDF")

    with pytest.raises(IncompleteDocument) as no_signature:
        docs.seal(s, hearing.id, KIND, None)
    assert "signature de l'officier" in str(no_signature.value)
    assert _rows(s, case.id)[(hearing.id, KIND)].state == "brouillon"  # nothing written

    doc = docs.seal(s, hearing.id, KIND, signature_png(data["officer"]["name"], 1))
    assert doc.kind == KIND
    rows = _rows(s, case.id)
    assert rows[(hearing.id, KIND)].state == "scelle"
    assert rows[(hearing.id, KIND)].document_id == doc.id
    assert rows[(hearing.id, "")].document_id is None  # the PV itself is not sealed by it
    sealed = docs.preview(s, hearing.id, KIND)
    assert sealed.sealed and sealed.seals[0].startswith("VALIDE")
    assert not docs.preview(s, hearing.id).sealed  # the PV's preview is still its draft
    with pytest.raises(InvalidInput, match="déjà scellé"):
        docs.seal(s, hearing.id, KIND, signature_png(data["officer"]["name"], 1))


def test_incomplete_hearing_lists_what_is_missing_before_sealing(officer_session):
    s = officer_session
    case = s.cases.create("2026/000777", "Brigade de protection des mineurs")
    person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    from desktop.core.records import RecordKind, start_record

    rid = start_record(s, RecordKind.AUDITION, case.id, person.id)
    p = docs.preview(s, rid, KIND)
    assert p.missing and not p.sealable
    with pytest.raises(IncompleteDocument):
        docs.seal(s, rid, KIND, signature_png("Léa FABRE", 1))


def test_apparent_age_comes_from_the_transmitted_cmi(vault, tmp_path):
    """The doctor's « âge apparent » and Tanner stage (UMJ checklist, shareable part) reach the
    renseignement once the CMI is transmitted; before, the hearing's own field is printed."""
    import subprocess

    from desktop.core.documents.medical.transmit import transmit_cmi
    from desktop.core.sample import PARIS, create_umj
    from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD

    data = demo_data()

    def text(s, rid) -> str:
        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(docs.preview(s, rid, KIND).pdf)
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        return " ".join(out.stdout.split())

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case, victim, hearing, _ = create_case(s, data, base_time())
        before = text(s, hearing.id)
    assert "13 à 14 ans" not in before and "compatible avec l'âge déclaré" in before
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        ensure_certificate(s, data["doctor"]["name"], "UMJ fictive")
        rec = create_umj(s, data, s.cases.get(case.id), s.persons.get(victim.id), base_time())
        transmit_cmi(s, rec.id, tz=PARIS)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        after = text(s, hearing.id)
    assert "Selon le certificat médical initial (UMJ)" in after
    assert "13 à 14 ans" in after and "stade 3" in after.lower()
