"""Adversary (issue 16, A.53-4): changing what stands beside or under a given signature
without making it « périmée ». Real vault (demo case), real PV model and PDF, real seal."""

from __future__ import annotations

import copy

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.pv.binding import save_answer, signature_states
from desktop.core.pv.builder import build_pv
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.pv import render_pv
from desktop.core.pv.signature import signature_answer
from desktop.core.records.signed_edits import save_answer_with_reason
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from tests.core.pv.conftest import flat, pdftotext


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, rec, case, victim


def _rows(s, rid):
    return copy.deepcopy(s.records.answers(rid)["signataires"])


def _stale(s, rid):
    return [st.stale for st in signature_states(s, rid)]


def _signatures_text(s, rid) -> str:
    text = flat(pdftotext(render_pv(build_pv(s, rid, draft=True)).pdf))
    return text[text.find("SIGNATURES") :]


def _refused(s, rid):
    with pytest.raises(IncompleteDocument, match="périmée"):
        seal_hearing(s, rid, signer=SoftwareSigner(certs.create("Camille DURAND")))


def test_blank_row_name_lets_the_pad_name_show_another_signer(hearing):
    """The row's « Prénom et nom » emptied: the PV prints the name stored with the pad's
    signature instead, which was changed to someone else. The administratrice ad hoc's
    drawing now stands under « Zoé FICTIVE »; it stayed « valide » (the rename check only
    looked at the row's own name)."""
    s, rec, _case, _victim = hearing
    rows = _rows(s, rec.id)
    assert rows[1]["role"] == "administrateur_ad_hoc"
    rows[1]["nom"] = ""
    rows[1]["signature"]["name"] = "Zoé FICTIVE"
    save_answer(s, rec.id, "signataires", rows)
    assert "Zoé FICTIVE administrateur ad hoc" in _signatures_text(s, rec.id)
    assert _stale(s, rec.id) == [False, True, False, False]
    _refused(s, rec.id)


def test_blank_row_name_lets_a_linked_person_show_through(hearing):
    """The row's name emptied and the row linked to another person of the case: that
    person's name is printed under the psychologist's drawing."""
    s, rec, case, _victim = hearing
    other = s.persons.add(case.id, "autre", last_name="Fictif", first_name="Zoé")
    rows = _rows(s, rec.id)
    assert rows[2]["role"] == "tiers_present"
    rows[2] = {**rows[2], "nom": "", "personne": other.id}
    save_answer(s, rec.id, "signataires", rows)
    assert "Zoé FICTIF" in _signatures_text(s, rec.id)
    assert _stale(s, rec.id)[2]


def test_renaming_the_linked_person_of_an_unnamed_row_is_a_rename(hearing):
    """A row without its own name prints its linked person's name: renaming that person in
    the case changes the name under the signature."""
    s, rec, case, _victim = hearing
    other = s.persons.add(case.id, "autre", last_name="Œhler", first_name="Étienne")
    rows = _rows(s, rec.id)
    rows[2] = {"role": "tiers_present", "personne": other.id, "signature": None}
    rows[2]["signature"] = signature_answer("refuse", name="", motif="ne souhaite pas")
    save_answer(s, rec.id, "signataires", rows)
    assert not _stale(s, rec.id)[2]
    s.persons.update(other.id, first_name="Zoé", last_name="Fictif")
    assert "Zoé FICTIF" in _signatures_text(s, rec.id)
    assert _stale(s, rec.id)[2]


def test_a_stale_drawing_is_not_refreshed_by_a_motif(hearing):
    """After a confirmed change, every signature is stale. Saving the minor's very drawing
    again with a motif (or another time) bound it afresh to the changed text: the minor
    never re-read it, her old drawing now approves the new text."""
    s, rec, _case, _victim = hearing
    save_answer_with_reason(s, rec.id, "objet_affaire", "autre qualification", "relecture")
    assert _stale(s, rec.id)[0]
    for change in ({"motif": " "}, {"signed_at": "2026-12-01T09:00:00+01:00"}):
        rows = _rows(s, rec.id)
        rows[0]["signature"].update(change)
        save_answer(s, rec.id, "signataires", rows)
        assert _stale(s, rec.id)[0], change
    _refused(s, rec.id)


def test_a_stale_refusal_is_not_refreshed_by_retyping_its_reason(hearing):
    """The minor refused to sign; the text is then changed (confirmed). Retyping the reason of
    her refusal (same act, same time printed) bound the old refusal to the new text: the PV
    said she refused, at the old time, a text she was never read."""
    s, rec, _case, _victim = hearing
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer("refuse", name="Léa MARTIN", motif="ne veut pas")
    save_answer(s, rec.id, "signataires", rows)
    assert not _stale(s, rec.id)[0]
    save_answer_with_reason(s, rec.id, "objet_affaire", "autre qualification", "relecture")
    rows = _rows(s, rec.id)
    rows[0]["signature"]["motif"] = "ne veut toujours pas"
    save_answer(s, rec.id, "signataires", rows)
    assert _stale(s, rec.id)[0]
    # asked again (a new act, at a new time): bound to today's text
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer("refuse", name="Léa MARTIN", motif="ne veut pas")
    rows[0]["signature"]["signed_at"] = "2030-01-01T10:00:00+01:00"
    save_answer(s, rec.id, "signataires", rows)
    assert not _stale(s, rec.id)[0]


def test_a_given_signature_turned_into_absent_is_asked_or_kept(hearing):
    """The minor's given signature turned into « absent au moment de la signature »: the
    core refuses it without a reason (nothing written); with one, it is noted and audited."""
    s, rec, _case, _victim = hearing
    before = _rows(s, rec.id)
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer("absent", name="Léa MARTIN")
    with pytest.raises(InvalidInput, match="Léa MARTIN.*raison"):
        save_answer(s, rec.id, "signataires", rows)
    assert _rows(s, rec.id) == before  # her signature is still there
    rows.pop(1)  # a signed row removed: withdrawn too
    with pytest.raises(InvalidInput, match="raison"):
        save_answer(s, rec.id, "signataires", _rows(s, rec.id)[:1])
    save_answer(s, rec.id, "signataires", rows, reason="elle avait quitté la salle")
    noted = s.records.get(rec.id).meta.get("modifications_apres_signature")
    assert noted[-1]["reason"] == "elle avait quitté la salle"
    assert s.audit.entries("signature.edit_after")
    # signed anew in her row (another act on the same text): no reason asked
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer("refuse", name="Léa MARTIN", motif="ne veut pas")
    save_answer(s, rec.id, "signataires", rows)


def test_the_reason_of_a_valid_refusal_retyped_afterwards_stales_it(hearing):
    """Everyone signed; the minor had refused, « ne veut pas ». The officer then retypes the
    reason printed beside her refusal (« dit que tout est faux »): no signature covers that
    line (the signers are left out of the content), so it changed in the sealed PV with every
    act « valide »."""
    s, rec, _case, _victim = hearing
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer(
        "refuse", name="Léa MARTIN", motif="ne veut pas", signed_at=base_time()
    )  # she refused first, the others signed after
    save_answer(s, rec.id, "signataires", rows)
    assert not any(_stale(s, rec.id))
    rows = _rows(s, rec.id)
    rows[0]["signature"]["motif"] = "dit que tout est faux"
    save_answer(s, rec.id, "signataires", rows)
    assert "dit que tout est faux" in _signatures_text(s, rec.id)
    assert _stale(s, rec.id) == [True, False, False, False]
    _refused(s, rec.id)
    # the same reason typed back (spaces aside): valid again
    rows = _rows(s, rec.id)
    rows[0]["signature"]["motif"] = " ne  veut pas "
    save_answer(s, rec.id, "signataires", rows)
    assert _stale(s, rec.id) == [False] * 4


def test_the_reason_typed_just_after_choosing_the_refusal_is_part_of_it(hearing):
    """The pad saves the refusal when it is chosen, then at each letter of its reason: while
    nobody signed after it and the text is the same, the reason is still being recorded."""
    s, rec, _case, _victim = hearing
    rows = _rows(s, rec.id)
    rows[0]["signature"] = signature_answer("refuse", name="Léa MARTIN")  # now: the last act
    save_answer(s, rec.id, "signataires", rows)
    for typed in ("ne", "ne veut", "ne veut pas"):
        rows = _rows(s, rec.id)
        rows[0]["signature"]["motif"] = typed
        save_answer(s, rec.id, "signataires", rows)
        assert not any(_stale(s, rec.id)), typed
    assert "ne veut pas" in _signatures_text(s, rec.id)
