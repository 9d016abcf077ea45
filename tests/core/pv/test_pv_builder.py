"""The PV built from a real hearing record in a real vault (the demo's fictional case)."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.pv.builder import build_pv, build_report
from desktop.core.pv.check import IncompleteDocument, missing_elements
from desktop.core.pv.model import SignStatus
from desktop.core.pv.pv import render_pv
from desktop.core.sample import base_time, create_case, create_fiche, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf


@pytest.fixture
def hearing(officer_session):
    data = demo_data()
    case, victim, rec, end = create_case(officer_session, data, base_time())
    return officer_session, case, victim, rec, end


def test_pv_from_vault_record_is_complete(hearing, text_of):
    s, case, victim, rec, end = hearing
    doc = build_pv(s, rec.id)
    assert missing_elements(doc) == []
    assert doc.header.procedure_number == "2026/DEMO-0417"
    assert doc.header.cadre == "Enquête préliminaire"
    assert doc.articles[0] == "75 et suivants"
    assert {"10-2", "706-50", "706-52", "706-53", "706-57"} <= set(doc.articles)
    assert doc.person.display_name == "Léa MARTIN"
    assert doc.person.age_years == 14
    assert doc.recording.mode == "audiovisuel"
    assert len(doc.evvi) == 5
    assert len(doc.rights_notified) == 9  # 10-2, 1° to 9°
    qr = [e for e in doc.body if e.kind == "qr"]
    assert len(qr) >= 40
    assert [e.kind for e in doc.body].count("pause") == 2  # the minor's, a recording incident
    assert [s.status for s in doc.signers] == [SignStatus.SIGNED] * 4
    assert doc.footer.audit_seq and len(doc.footer.audit_hash) == 64
    assert doc.started_at.hour == 14 and doc.started_at.minute == 30

    text = text_of(render_pv(doc).pdf)
    assert "Vu les articles 75 et suivants, 10-2, 10-4, 10-5, 706-50, 706-52, 706-53 et " in text
    assert "en fonction à la Brigade de protection des mineurs (fictive)" in text
    assert "Nous trouvant dans les locaux de l'unité d'accueil pédiatrique" in text
    assert "administrateur ad hoc" in text and "article 706-50 du code de procédure pénale" in text
    assert "droit d'obtenir réparation du préjudice (article 10-2, 1° du code" in text
    assert "L'audition est suspendue à" in text and "pause demandée par la mineure" in text
    # questions in the order they were asked, each followed by its answer
    pos = 0
    for e in qr:
        i = text.find(e.question[:40].replace("\u00a0", " ").split(" ?")[0], pos)
        assert i >= pos, e.question
        pos = i


def test_missing_elements_block_the_seal_and_nothing_is_stored(hearing):
    s, case, victim, rec, end = hearing
    rows = s.records.answers(rec.id)["signataires"]
    rows[0] = {**rows[0], "signature": None}
    s.records.set_answer(rec.id, "signataires", rows)
    s.records.set_answer(rec.id, "enregistrement", "impossible")
    signer = SoftwareSigner(certs.create("Camille DURAND"))
    with pytest.raises(IncompleteDocument) as err:
        seal_hearing(s, rec.id, signer=signer)
    message = err.value.message
    assert "la signature de Léa MARTIN" in message
    assert "la nature de l'impossibilité technique d'enregistrer" in message
    assert "le magistrat avisé de l'impossibilité d'enregistrer" in message
    assert s.documents.for_case(case.id) == []


def test_refusal_and_reading_by_officer_from_answers(hearing, text_of):
    s, case, victim, rec, end = hearing
    rows = s.records.answers(rec.id)["signataires"]
    rows[0] = {**rows[0], "signature": {"status": "refuse", "motif": "a peur des représailles"}}
    s.records.set_answer(rec.id, "signataires", rows)
    s.records.set_answer(rec.id, "lecture", "lecture_par_enqueteur")
    # the reading mode is printed above the signatures: the others re-read and sign again
    from desktop.core.pv.binding import save_answer

    rows = s.records.answers(rec.id)["signataires"]
    from desktop.core.pv.sample import signature_png
    from desktop.core.pv.signature import encode_png

    for n, row in enumerate(rows[1:]):  # a new drawing (the old one stays bound to the old text)
        row["signature"] = {
            **row["signature"],
            "image": encode_png(signature_png(row["signature"].get("name") or "X", 99 + n)),
            "signed_at": "2030-01-01T10:00:00+01:00",
        }
    save_answer(s, rec.id, "signataires", rows)
    doc = build_pv(s, rec.id)
    assert doc.signers[0].status is SignStatus.REFUSED
    assert missing_elements(doc) == []
    text = text_of(render_pv(doc).pdf)
    assert "Refuse de signer. Motif : a peur des représailles." in text
    assert "lecture m'a été faite de la déclaration ci-dessus par l'officier" in text


def test_seal_hearing_stores_a_valid_sealed_document(hearing):
    s, case, victim, rec, end = hearing
    signer = SoftwareSigner(certs.create("Camille DURAND"))
    stored = seal_hearing(s, rec.id, signer=signer)
    assert stored.sealed and stored.kind == "pv_audition"
    report = verify_pdf(s.documents.content(stored.id))
    assert report.valid, report.problems
    assert report.document_id == build_pv(s, rec.id).footer.document_id
    assert s.records.get(rec.id).status == "scellé"


def test_fiche_de_signalement_from_answers(hearing, text_of):
    s, case, victim, rec, end = hearing
    fiche = create_fiche(s, demo_data(), case, victim, end)
    doc = build_report(s, fiche.id)
    assert missing_elements(doc) == []
    assert doc.signers[0].name == "Camille DURAND"
    text = text_of(__import__("desktop.core.pv.documents", fromlist=["x"]).render_report(doc).pdf)
    assert "« il a dit que je devais rembourser le taxi et l'hôtel »" in text
    assert "Copie adressée à la cellule de recueil des informations préoccupantes" in text
    assert "LE MINEUR" in text


def test_draft_of_an_unfinished_hearing_still_renders(officer_session, text_of):
    from desktop.core.formspec import FormRegistry

    case = officer_session.cases.create("2026/0001", "BPM")
    spec = FormRegistry().get("audition_mineur")
    rec = officer_session.records.create(case.id, "audition", spec.id, str(spec.version))
    doc = dataclasses.replace(build_pv(officer_session, rec.id), draft=True)
    missing = missing_elements(doc)
    assert "le numéro de procès-verbal" in missing
    assert "au moins une question et sa réponse (article 429)" in missing
    assert "PROJET" in text_of(render_pv(doc).pdf)
