"""Adversary: changes printed above or next to a signature that left it « valide ».

Real vault (demo case), real model the PDF is rendered from."""

from __future__ import annotations

import pytest

from desktop.core.pv.binding import save_answer, signature_states
from desktop.core.pv.builder import build_pv
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.pv import render_pv
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from tests.core.pv.conftest import flat, pdftotext


@pytest.fixture
def text_of():
    return lambda pdf: flat(pdftotext(pdf))


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, rec, case, victim


def test_signer_name_changed_after_signature_is_stale(hearing, text_of):
    """The name printed beside the minor's signature is changed after she signed: another
    person now appears to have signed. Her signature must be « périmée »."""
    s, rec, case, victim = hearing
    rows = s.records.answers(rec.id)["signataires"]
    assert rows[0]["role"] == "mineur"
    rows[0] = {**rows[0], "nom": "Zoé FICTIVE"}
    save_answer(s, rec.id, "signataires", rows)
    assert "Zoé FICTIVE" in text_of(render_pv(build_pv(s, rec.id, draft=True)).pdf)
    states = signature_states(s, rec.id)
    assert states[0].stale, "the printed name changed, the minor's signature is still fresh"
    with pytest.raises(IncompleteDocument, match="périmée"):
        seal_hearing(s, rec.id, signer=SoftwareSigner(certs.create("Camille DURAND")))


def test_signer_role_changed_after_signature_is_stale(hearing, text_of):
    """The administratrice ad hoc's row turned into « représentant légal » after she signed:
    the quality printed beside her signature changed."""
    s, rec, case, victim = hearing
    rows = s.records.answers(rec.id)["signataires"]
    assert rows[1]["role"] == "administrateur_ad_hoc"
    rows[1] = {**rows[1], "role": "representant_legal"}
    save_answer(s, rec.id, "signataires", rows)
    states = signature_states(s, rec.id)
    assert states[1].stale and not states[0].stale


def test_reading_mode_changed_after_signature_is_stale(hearing, text_of):
    """« Lu par la personne entendue » turned into « lecture faite par l'enquêteur (ne sait
    pas lire) » after everyone signed: the mention above the signatures changed."""
    s, rec, case, victim = hearing
    before = text_of(render_pv(build_pv(s, rec.id, draft=True)).pdf)
    save_answer(s, rec.id, "lecture", "lecture_par_enqueteur", reason="lue par l'enquêteur")
    after = text_of(render_pv(build_pv(s, rec.id, draft=True)).pdf)
    assert before != after  # the printed PV says something else
    assert all(st.stale for st in signature_states(s, rec.id) if st.status == "signe")


@pytest.mark.parametrize("field", ["signalant_nom", "signalant_qualite"])
def test_fiche_author_renamed_after_signature_is_stale(hearing, field):
    """The fiche's author, or her quality, changed after she signed."""
    from desktop.core.sample import create_fiche

    s, rec, case, victim = hearing
    fiche = create_fiche(s, demo_data(), case, victim, base_time())
    assert not signature_states(s, fiche.id)[0].stale
    s.records.set_answer(fiche.id, field, "Zoé FICTIVE, éducatrice")
    assert signature_states(s, fiche.id)[0].stale


def test_a_doctors_pad_cannot_sign_the_uaped_report(hearing):
    from desktop.core.errors import InvalidInput
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.pv.sample import signature_png
    from desktop.core.sample import create_uaped
    from desktop.core.seal.publish import seal_report

    s, rec, case, victim = hearing
    data = demo_data()
    uaped = create_uaped(s, data, case, victim, base_time())
    doctor = Signer(
        "médecin légiste",
        "Dr Alix MORAND",
        "médecin légiste",
        SignStatus.SIGNED,
        image_png=signature_png("Dr Alix MORAND", 7),
    )
    with pytest.raises((InvalidInput, IncompleteDocument), match="coordination de l'UAPED"):
        seal_report(s, uaped.id, author=doctor, signer=SoftwareSigner(certs.create("Inès R")))
    assert not [d for d in s.documents.for_case(case.id) if d.record_id == uaped.id]
