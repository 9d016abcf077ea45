"""Adversary (issue 16): attacks on the signed text that held, kept as tests.

Real vault (demo case), real PV model, PDF and seal. Each changes something printed in the
PV after everyone signed, by a path that asks no reason (README « Limites connues »: values
filled by the application and events added to the transcript), or tries a Unicode variant
of an answer: the signatures must be « périmée » exactly when the printed text changed."""

from __future__ import annotations

import re
import unicodedata

import pytest

from desktop.core.pv.binding import content_fingerprint, signature_states
from desktop.core.pv.builder import build_pv
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.pv import render_pv
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.core.pv.conftest import flat, pdftotext


@pytest.fixture
def hearing(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    s = officer_session
    assert not any(st.stale for st in signature_states(s, rec.id))
    return s, rec


def _all_stale(s, rid) -> bool:
    return all(st.stale for st in signature_states(s, rid) if st.status == "signe")


def _none_stale(s, rid) -> bool:
    return not any(st.stale for st in signature_states(s, rid))


def _text(s, rid) -> str:
    """The printed text without the audit head (it moves at every write, left out)."""
    text = flat(pdftotext(render_pv(build_pv(s, rid, draft=True)).pdf))
    return re.sub(r"entrée n° \d+, empreinte [0-9a-f]{64}", "", text)


def _seal(s, rid):
    return seal_hearing(s, rid, signer=SoftwareSigner(certs.create("Camille DURAND")))


def _last_time(s, rid) -> str:
    return s.transcript.for_record(rid)[-1].wall_time


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("pause", {"note": "suspension : la mineure demande à boire"}),
        ("reprise", {"note": "reprise"}),
        ("observation", {"note": "la mineure pleure"}),
        ("qr", {"question": "Autre chose ?", "answer": "Non."}),
    ],
)
def test_an_event_added_after_the_signatures_stales_them(hearing, kind, values):
    s, rec = hearing
    s.transcript.append(rec.id, kind, wall_time=_last_time(s, rec.id), **values)
    assert _all_stale(s, rec.id)
    with pytest.raises(IncompleteDocument, match="périmée"):
        _seal(s, rec.id)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("enregistrement_sha256", "ab" * 32),  # « Choisir le fichier… » fills it
        ("audition_fin", "2026-11-30T17:05"),  # filled from the transcript's end
        ("procedure_numero", "2026/999999"),  # the header
        ("officier_nom", "Camille DUPONT"),  # the officer's profile
        ("officier_grade", "commandant de police"),
    ],
)
def test_a_value_printed_in_the_pv_changed_after_the_signatures_stales_them(hearing, field, value):
    s, rec = hearing
    s.records.set_answer(rec.id, field, value)
    assert _all_stale(s, rec.id)


def test_an_entry_the_pv_does_not_print_changes_nothing(hearing):
    """An empty note is not printed: the signatures stay valid (no stale without a change)."""
    s, rec = hearing
    before = _text(s, rec.id)
    s.transcript.append(rec.id, "note", note="", wall_time=_last_time(s, rec.id))
    assert _none_stale(s, rec.id) and _text(s, rec.id) == before


@pytest.mark.parametrize(
    "variant",
    [
        lambda t: unicodedata.normalize("NFD", t),
        lambda t: t.replace(" ", " \u200b", 1),  # zero-width space
        lambda t: t.replace(" ", "\u2060", 1).replace("\u2060", " \u2060", 1),  # word joiner
    ],
)
def test_an_invisible_variant_of_an_answer_is_the_same_text(hearing, variant):
    """Stored normalised (NFC, no invisible characters): the same printed text, the same
    fingerprint; nothing the PDF shows differs from what the hash saw."""
    s, rec = hearing
    entry = next(e for e in s.transcript.for_record(rec.id) if e.kind == "qr")
    before = _text(s, rec.id)
    s.transcript.update(entry.id, answer=variant(entry.answer))
    assert s.transcript.get(entry.id).answer == entry.answer
    assert _none_stale(s, rec.id) and _text(s, rec.id) == before


def test_a_visible_change_of_one_letter_in_an_answer_stales(hearing):
    """Composed vs decomposed is the same; a different letter (é → e) is not."""
    s, rec = hearing
    entry = next(e for e in s.transcript.for_record(rec.id) if e.kind == "qr" and "é" in e.answer)
    s.transcript.update(entry.id, answer=entry.answer.replace("é", "e", 1))
    assert _all_stale(s, rec.id)


def test_the_sealed_pv_carries_the_fingerprint_every_signature_approved(hearing):
    s, rec = hearing
    fp = content_fingerprint(build_pv(s, rec.id))
    stored = _seal(s, rec.id)
    report = verify_pdf(s.documents.content(stored.id))
    assert report.valid
    assert report.properties["contentSha256"] == fp == stored.meta["content_sha256"]
    bound = {r["signature"]["content_sha256"] for r in s.records.answers(rec.id)["signataires"]}
    assert bound == {fp}


def test_a_definition_changed_after_the_signatures_stales_them(hearing, tmp_path):
    """The definition (YAML) changes under a signed hearing: a label printed in the PV
    (« Enquête préliminaire ») reworded in a new version, the record's version unknown to the
    process (the PV is then rendered with the current one). The printed text changed: every
    signature is « périmée » for that rendering, none is taken as approving it."""
    import shutil

    from desktop.core.formspec.registry import FORMS_DIR, FormRegistry
    from desktop.core.law.table import default_law_keys
    from desktop.core.pv.binding import stale_signers

    s, rec = hearing
    folder = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, folder)
    path = folder / "audition_mineur.yaml"
    text = path.read_text("utf-8")
    assert "\nversion: 2\n" in text and 'label: "Enquête préliminaire"' in text
    text = text.replace("\nversion: 2\n", "\nversion: 3\n")
    text = text.replace('label: "Enquête préliminaire"', 'label: "Enquête de flagrance"', 1)
    path.write_text(text, "utf-8")
    newer = FormRegistry(folder, legal_keys=default_law_keys())
    before, after = build_pv(s, rec.id), build_pv(s, rec.id, forms=newer)
    if before.header.cadre == after.header.cadre:
        pytest.skip("the demo hearing does not print this label")
    signed = [x for x in after.signers if x.status.value == "signe"]
    assert content_fingerprint(after) != content_fingerprint(before)
    assert {id(x) for x in stale_signers(after)} >= {id(x) for x in signed}
