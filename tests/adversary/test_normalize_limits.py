"""Adversary: MAX_FIELD_CHARS was documented as « enforced by the UI editors », yet no editor
and no core entry point enforced it: a case file, an import or a paste of a few megabytes
reached the vault and then the PDF engine. The vault's boundary refuses it, in French, and
keeps what was there."""

from __future__ import annotations

import pytest

from desktop.core.text import MAX_FIELD_CHARS, TextRefused


def _record(s):
    case = s.cases.create("2026/ADV-0004", "Brigade de protection des mineurs (fictive)")
    victim = s.persons.add(case.id, "victime", "MARTIN", "Léa", "2011-09-23", {})
    return s.records.create(case.id, "audition", "audition_mineur", "1.0", victim.id)


def test_answer_longer_than_the_limit_is_refused_in_french(officer_session):
    s = officer_session
    rec = _record(s)
    s.records.set_answer(rec.id, "victime_scolarite", "a" * MAX_FIELD_CHARS)
    with pytest.raises(TextRefused) as info:
        s.records.set_answer(rec.id, "victime_scolarite", "a" * (MAX_FIELD_CHARS + 1))
    assert "caractères" in str(info.value)
    assert len(s.records.answers(rec.id)["victime_scolarite"]) == MAX_FIELD_CHARS


def test_transcript_entry_longer_than_the_limit_is_refused(officer_session):
    s = officer_session
    rec = _record(s)
    with pytest.raises(TextRefused):
        s.transcript.append(
            rec.id, "qr", question="Et ensuite ?", answer="b" * (MAX_FIELD_CHARS + 1)
        )
