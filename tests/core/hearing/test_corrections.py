"""M3: a corrected transcript entry keeps its original text, an annulled one stays, and the
sealed PV says both (read back from the real PDF)."""

from __future__ import annotations

import subprocess

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.hearing.corrections import correct_entry, versions, void_entry, voided
from desktop.core.sample import base_time, create_case, demo_data


@pytest.fixture
def hearing(officer_session):
    s = officer_session
    _case, _victim, rec, _end = create_case(s, demo_data(), base_time())
    qr = [e for e in s.transcript.for_record(rec.id) if e.kind == "qr"]
    return s, rec.id, qr


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "pv.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    return " ".join(out.stdout.split())


def test_correction_keeps_the_original_and_the_pv_shows_it(hearing, tmp_path):
    from desktop.core.pv.builder import build_pv
    from desktop.core.seal.documents import render_document

    s, rid, qr = hearing
    first, second = qr[0], qr[1]
    original = first.answer
    correct_entry(s, first.id, answer="Réponse rectifiée à la demande de la mineure.")
    correct_entry(s, first.id, answer="Deuxième rectification.")
    assert s.transcript.get(first.id).answer == "Deuxième rectification."
    meta = s.records.get(rid).meta
    history = versions(meta, first.id)
    assert [h["answer"] for h in history] == [
        original,
        "Réponse rectifiée à la demande de la mineure.",
    ]
    assert history[0]["by"] == s.user_id

    void_entry(s, second.id, "question posée au mauvais témoin")
    assert voided(s.records.get(rid).meta, second.id)["reason"].startswith("question posée")
    assert s.transcript.get(second.id) is not None  # never deleted
    with pytest.raises(InvalidInput, match="annulée"):
        correct_entry(s, second.id, answer="x")
    with pytest.raises(InvalidInput, match="motif"):
        void_entry(s, first.id, "  ")

    doc = build_pv(s, rid)
    assert not any(e.kind == "qr" and e.question == second.question for e in doc.body)
    text = pdf_text(render_document(doc).pdf, tmp_path)
    assert "Deuxième rectification." in text
    assert "rectification faite à" in text
    assert " ".join(original.split()[:6]) in text  # the first transcription is printed
    assert "question et réponse annulées" in text and "mauvais témoin" in text
