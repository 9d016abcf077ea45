"""The case screen's use cases on a real vault: state, preview, seal, verify, export."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core import documents as docs
from desktop.core.pv.check import IncompleteDocument
from desktop.core.sample import base_time, create_case, create_fiche, demo_data
from desktop.core.seal.certs import CertificateError


@pytest.fixture
def case(officer_session):
    s = officer_session
    data = demo_data()
    case, victim, hearing, end = create_case(s, data, base_time())
    fiche = create_fiche(s, data, case, victim, end + timedelta(minutes=30))
    return s, case.id, hearing.id, fiche.id


def test_states_go_from_signed_to_sealed_to_exported(case, tmp_path):
    from desktop.core.export.bundle import export_case

    s, case_id, hearing_id, fiche_id = case
    rows = {r.record_id: r for r in docs.case_documents(s, case_id) if not r.kind}
    assert rows[hearing_id].state == "signe"
    assert rows[hearing_id].signed == rows[hearing_id].signers == 4  # the 706-53 psychologist signs
    assert rows[fiche_id].title.startswith("Fiche de signalement du ")
    assert rows[hearing_id].detail.startswith("commencé le ")
    assert rows[hearing_id].detail.endswith(", 4/4 signatures")

    with pytest.raises(CertificateError):
        docs.seal(s, hearing_id)
    assert docs.seal_certificate(s) is None
    docs.create_seal_certificate(s, "Léa FABRE", "Brigade fictive")
    assert docs.seal_certificate(s).subject == "Léa FABRE"

    before = docs.preview(s, hearing_id)
    assert not before.sealed and before.missing == () and before.sealable
    assert before.pdf.startswith(b"%PDF")

    sealed = docs.seal(s, hearing_id)
    rows = {r.record_id: r for r in docs.case_documents(s, case_id) if not r.kind}
    assert rows[hearing_id].state == "scelle"
    assert rows[hearing_id].document_id == sealed.id
    assert rows[hearing_id].detail.startswith("scellé le ")
    assert rows[fiche_id].state == "signe"
    with pytest.raises(Exception, match="déjà scellé"):
        docs.seal(s, hearing_id)

    after = docs.preview(s, hearing_id)
    assert after.sealed and after.pdf == s.documents.content(sealed.id)
    assert after.seals[0].startswith("VALIDE")

    export_case(s, case_id, tmp_path)
    rows = {r.record_id: r for r in docs.case_documents(s, case_id) if not r.kind}
    assert rows[hearing_id].state == "exporte"
    assert "exporté le " in rows[hearing_id].detail


def test_preview_lists_what_is_missing_first(case):
    s, case_id, hearing_id, _ = case
    s.records.set_answer(hearing_id, "signataires", [])
    p = docs.preview(s, hearing_id)
    assert p.pdf.startswith(b"%PDF") and not p.sealable
    assert any("personne entendue" in m for m in p.missing)
    rows = {r.record_id: r for r in docs.case_documents(s, case_id) if not r.kind}
    assert rows[hearing_id].state == "brouillon"
    docs.create_seal_certificate(s, "Léa FABRE")
    with pytest.raises(IncompleteDocument):
        docs.seal(s, hearing_id)
    assert s.documents.for_case(case_id) == []


def test_verify_file_says_valid_invalid_or_unreadable(case, tmp_path):
    s, _, hearing_id, _ = case
    docs.create_seal_certificate(s, "Léa FABRE")
    pdf = s.documents.content(docs.seal(s, hearing_id).id)
    good = tmp_path / "pv.pdf"
    good.write_bytes(pdf)
    assert docs.verify_file(good).valid
    bad = tmp_path / "pv-modifie.pdf"
    i = pdf.index(b"/Producer")
    bad.write_bytes(pdf[:i] + pdf[i:].replace(b"Trame", b"Tramf", 1))
    v = docs.verify_file(bad)
    assert not v.valid and v.lines[0].startswith(("INVALIDE", "ILLISIBLE"))
    junk = tmp_path / "note.pdf"
    junk.write_bytes(b"pas un pdf")
    assert docs.verify_file(junk).lines[0].startswith("ILLISIBLE")
    assert docs.verify_file(tmp_path / "absent.pdf").lines[0].startswith("ILLISIBLE")
    with pytest.raises(Exception, match="Indiquez vos prénom et nom"):
        docs.create_seal_certificate(s, "  ")


def test_new_fiche_is_prefilled_from_the_case_and_its_hearing(case):
    from desktop.core.documents.fiche import new_fiche

    s, case_id, hearing_id, _ = case
    victim = s.persons.get(s.records.get(hearing_id).person_id)
    rid = new_fiche(s, case_id, victim.id)
    a = s.records.answers(rid)
    hearing = s.records.answers(hearing_id)
    assert s.records.get(rid).form_id == "fiche_signalement"
    assert a["mineur_nom"] == victim.last_name and a["mineur_personne"] == victim.id
    assert a["mineur_date_naissance"] == victim.birth_date
    assert a["signalant_nom"] == hearing["officier_nom"]
    assert a["faits_debut"] == hearing["faits_date_debut"]
    assert a["signalant_service"] == s.cases.get(case_id).service
    with pytest.raises(Exception, match="n'appartient pas"):
        new_fiche(s, case_id, 999)
