"""What is signed is what was read (A.53-4): real vault, real seals, real PDFs read back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.pv.binding import (
    content_fingerprint,
    heard_person_signed,
    note_edit_after_signature,
    save_answer,
    signature_states,
)
from desktop.core.pv.builder import build_pv, build_report
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from desktop.core.sample import base_time, create_case, create_fiche, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing, seal_report
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf


@pytest.fixture(scope="module")
def signer():
    return SoftwareSigner(certs.create("Camille DURAND"))


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, case, victim, rec, end


def _change_one_answer(s, rec_id) -> None:
    entry = next(e for e in s.transcript.for_record(rec_id) if e.kind == "qr")
    s.transcript.update(entry.id, answer="Je ne me souviens plus de rien.")


def _resign(s, rec_id, *who: int) -> None:
    rows = s.records.answers(rec_id)["signataires"]
    later = datetime.now().astimezone() + timedelta(minutes=5)
    for i in who:
        name = rows[i]["nom"]
        rows[i] = {
            **rows[i],
            "signature": signature_answer(
                "signe", image_png=signature_png(name, 10 + i), name=name, signed_at=later
            ),
        }
    save_answer(s, rec_id, "signataires", rows)


def test_every_signature_records_the_fingerprint_of_the_text(hearing):
    s, case, victim, rec, end = hearing
    doc = build_pv(s, rec.id)
    fp = content_fingerprint(doc)
    assert len(fp) == 64
    assert len(doc.signers) == 4  # minor, representative, 706-53 psychologist, officer
    assert [x.content_sha256 for x in doc.signers] == [fp] * 4
    assert all(x.signed_at for x in doc.signers)
    assert not any(st.stale for st in signature_states(s, rec.id))


def test_changed_answer_after_signature_is_stale_and_sealing_refused(hearing, signer, text_of):
    s, case, victim, rec, end = hearing
    _change_one_answer(s, rec.id)
    states = signature_states(s, rec.id)
    assert [st.stale for st in states] == [True, True, True, True]
    with pytest.raises(IncompleteDocument) as err:
        seal_hearing(s, rec.id, signer=signer)
    assert (
        "les signatures de Léa MARTIN, Noémie LEFÈVRE, M. Étienne ŒHLER et Camille DURAND"
        in err.value.message
    )
    assert "sont périmées : le texte a changé" in err.value.message
    assert s.documents.for_case(case.id) == []

    # the officer re-signs: the minor's signature stays stale (saving the list does not
    # refresh it), sealing is still refused
    _resign(s, rec.id, 3)
    assert [st.stale for st in signature_states(s, rec.id)] == [True, True, True, False]
    with pytest.raises(IncompleteDocument, match="Léa MARTIN"):
        seal_hearing(s, rec.id, signer=signer)

    _resign(s, rec.id, 0, 1, 2)
    stored = seal_hearing(s, rec.id, signer=signer)
    pdf = s.documents.content(stored.id)
    report = verify_pdf(pdf)
    assert report.valid, report.problems
    fp = content_fingerprint(build_pv(s, rec.id))
    assert report.properties["contentSha256"] == fp == stored.meta["content_sha256"]
    assert {x.content_sha256 for x in build_pv(s, rec.id).signers} == {fp}
    text = text_of(pdf)
    assert "Je ne me souviens plus de rien." in text
    assert "Signé le " in text


def test_unbound_signature_is_refused(hearing, signer):
    s, case, victim, rec, end = hearing
    rows = s.records.answers(rec.id)["signataires"]
    rows[0]["signature"].pop("content_sha256")
    s.records.set_answer(rec.id, "signataires", rows)  # stored behind the binder's back
    with pytest.raises(IncompleteDocument, match="Léa MARTIN n'est rattachée à aucun texte"):
        seal_hearing(s, rec.id, signer=signer)
    save_answer(s, rec.id, "signataires", rows)  # the same act saved again stays unbound
    with pytest.raises(IncompleteDocument, match="aucun texte"):
        seal_hearing(s, rec.id, signer=signer)


def test_fiche_signature_is_bound_too(hearing, signer):
    s, case, victim, rec, end = hearing
    fiche = create_fiche(s, demo_data(), case, victim, end)
    assert seal_report(s, fiche.id, signer=signer)
    fiche2 = create_fiche(s, demo_data(), case, victim, end)
    s.records.set_answer(fiche2.id, "parole_mineur", "autre chose")
    assert signature_states(s, fiche2.id)[0].stale
    with pytest.raises(IncompleteDocument, match="périmée"):
        seal_report(s, fiche2.id, signer=signer)
    assert build_report(s, fiche2.id).signers[0].content_sha256


def test_editing_after_the_heard_person_signed_needs_a_reason(hearing):
    s, case, victim, rec, end = hearing
    assert heard_person_signed(s, rec.id)
    with pytest.raises(InvalidInput, match="indiquez la raison"):
        note_edit_after_signature(s, rec.id, "   ")
    before = len(s.audit.entries("signature.edit_after"))
    note_edit_after_signature(s, rec.id, "erreur de frappe signalée par la mineure", "qr 3")
    assert len(s.audit.entries("signature.edit_after")) == before + 1
    log = s.records.get(rec.id).meta["modifications_apres_signature"]
    assert log[-1]["reason"] == "erreur de frappe signalée par la mineure"


def test_render_prints_the_signing_time(hearing, text_of):
    s, case, victim, rec, end = hearing
    text = text_of(render_pv(build_pv(s, rec.id)).pdf)
    local = end.astimezone() if end.tzinfo else end
    assert f"Signé le {local:%d/%m/%Y}" in text


def test_case_screen_counts_a_stale_signature_as_not_given(hearing):
    from desktop.core.documents import case_documents

    s, case, victim, rec, end = hearing
    [row] = [r for r in case_documents(s, case.id) if not r.kind]
    assert row.state == "signe" and (row.signed, row.signers) == (4, 4)
    _change_one_answer(s, rec.id)
    [row] = [r for r in case_documents(s, case.id) if not r.kind]
    assert row.state == "brouillon" and (row.signed, row.signers) == (0, 4)
