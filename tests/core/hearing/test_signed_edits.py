"""Issue 16, core: which answers a signed text is built from, and changing it with a reason
(real vault; the demo hearing is signed by the minor, the AAH, a person present, the OPJ)."""

from __future__ import annotations

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.pv.binding import signature_states
from desktop.core.records.kinds import RecordKind
from desktop.core.records.signed_edits import (
    confirmation_text,
    save_answer_with_reason,
    signed_text,
    void_entry_signed,
)
from desktop.core.records.start import start_record
from desktop.core.sample import base_time, create_case, create_fiche, demo_data

NOTES = "modifications_apres_signature"


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, rec.id


def _audited(s) -> int:
    return len(s.audit.entries("signature.edit_after"))


def test_the_signed_text_names_its_signers_and_the_answers_it_is_built_from(hearing):
    s, rid = hearing
    state = signed_text(s, rid)
    assert state.signers[0] == "Léa MARTIN (personne entendue)"
    assert "Camille DURAND (officier de police judiciaire)" in state.signers
    assert state.asks("pv_numero") and state.asks("objet_affaire") and state.asks("lecture")
    assert not state.asks("signataires")  # signing again never asks
    assert not state.asks("suspects")  # investigation notes are not in the PV
    said = confirmation_text(state.signers)
    assert said.startswith("Léa MARTIN (personne entendue), ") and "signer de nouveau" in said


def test_nobody_signed_nothing_asks(officer_session):
    s = officer_session
    case = s.cases.create("2026/000777", "Brigade de protection des mineurs")
    person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    rid = start_record(s, RecordKind.AUDITION, case.id, person.id)
    assert signed_text(s, rid).signers == ()
    assert not signed_text(s, rid).asks("pv_numero")


def test_a_change_with_a_reason_is_kept_and_makes_every_signature_stale(hearing):
    s, rid = hearing
    before = s.records.answers(rid)["pv_numero"]
    with pytest.raises(InvalidInput, match="raison"):
        save_answer_with_reason(s, rid, "pv_numero", "999", "   ")
    assert s.records.answers(rid)["pv_numero"] == before  # nothing written
    assert NOTES not in s.records.get(rid).meta and _audited(s) == 0
    assert not any(st.stale for st in signature_states(s, rid))

    save_answer_with_reason(s, rid, "pv_numero", "999", "numéro  corrigé ")
    assert s.records.answers(rid)["pv_numero"] == "999"
    note = s.records.get(rid).meta[NOTES][-1]
    assert note["reason"] == "numéro corrigé" and note["what"] == "réponse pv_numero"
    assert _audited(s) == 1
    assert all(st.stale for st in signature_states(s, rid))
    assert signed_text(s, rid).signers == ()  # stale: the next change asks nothing


def test_voiding_a_signed_entry_notes_its_reason(hearing):
    s, rid = hearing
    first, second = [e for e in s.transcript.for_record(rid) if e.kind == "qr"][:2]
    assert void_entry_signed(s, first.id, "erreur de saisie") is True
    assert s.records.get(rid).meta[NOTES][-1]["reason"] == "erreur de saisie"
    assert _audited(s) == 1 and all(st.stale for st in signature_states(s, rid))
    # stale now: a second voiding is not a change of a signed text
    assert void_entry_signed(s, second.id, "doublon") is False
    assert len(s.records.get(rid).meta[NOTES]) == 1 and _audited(s) == 1


def test_the_fiche_signed_by_its_author_asks_too(officer_session):
    s = officer_session
    case, victim, rec, end = create_case(s, demo_data(), base_time())
    fiche = create_fiche(s, demo_data(), case, victim, end)
    state = signed_text(s, fiche.id)
    assert len(state.signers) == 1 and state.signers[0].startswith("Camille DURAND")
    assert state.asks("faits_debut") and not state.asks("signature_signalant")
    save_answer_with_reason(s, fiche.id, "faits_debut", "2026-01-02", "date rectifiée")
    assert signed_text(s, fiche.id).signers == ()
    assert s.records.get(fiche.id).meta[NOTES][-1]["reason"] == "date rectifiée"
