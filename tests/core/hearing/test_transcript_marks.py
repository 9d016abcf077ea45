"""Issue 13: what a transcript entry records beside its text (NICHD phase, warning codes),
the recording's stop and resumption marks, and what the PV prints of them."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.hearing.marks import (
    RECORDING_RESUME,
    RECORDING_STOP,
    can_mark,
    phase_text,
    recording_state,
    warning_codes,
    warning_labels,
)
from desktop.core.hearing.transcript import RECORDING_START, analyse
from desktop.core.pv.builder import build_pv
from desktop.core.pv.pv import render_pv
from desktop.core.vault import migrations
from desktop.core.vault.crypto import new_key
from desktop.core.vault.db import Database
from tests.core.pv.conftest import flat, pdftotext

T = "2026-11-28T{}:00+01:00"


def test_an_older_vault_keeps_its_entries_with_no_phase_nor_warnings(tmp_path):
    db = Database(tmp_path / "v4.db", new_key(), "old")
    migrations.migrate(db.conn, migrations.CASES, target=4)
    now = "2026-11-28T09:00:00Z"
    db.execute(
        "INSERT INTO cases (id, procedure_number, created_at, updated_at) VALUES (1, 'P', ?, ?)",
        (now, now),
    )
    db.execute(
        "INSERT INTO records (id, case_id, kind, form_id, form_version, created_at, updated_at)"
        " VALUES (1, 1, 'audition', 'audition_mineur', '1', ?, ?)",
        (now, now),
    )
    db.execute(
        "INSERT INTO transcript (record_id, seq, kind, question, answer, wall_time, updated_at)"
        " VALUES (1, 1, 'qr', 'Raconte-moi.', 'Oui.', ?, ?)",
        (now, now),
    )
    before, after = migrations.migrate(db.conn, migrations.CASES)
    assert (before, after) == (4, migrations.latest(migrations.CASES))
    row = db.execute("SELECT question, phase, warnings FROM transcript").fetchone()
    assert tuple(row) == ("Raconte-moi.", None, None)
    db.close()
    assert phase_text(None) == "non renseignée"


def test_only_codes_are_stored_never_the_warning_text(officer_session):
    s = officer_session
    case = s.cases.create("2026/0013", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1")
    alerts = analyse("Je te promets que ça restera secret, il t'a frappée, hein ?").alerts
    codes = warning_codes(alerts)
    assert {"promise", "tag"} <= set(codes.split(","))
    entry = s.transcript.append(
        rec.id, "qr", question="Q", answer="R", phase="nichd_declaratif", warnings=codes
    )
    stored = s.transcript.get(entry.id)
    assert stored.phase == "nichd_declaratif" and stored.warnings == codes
    assert "promesse" in warning_labels(codes) and "question à queue" in warning_labels(codes)
    for bad in ({"warnings": alerts[0].message}, {"phase": "Protocole NICHD : clôture"}):
        with pytest.raises(InvalidInput, match="seuls des identifiants"):
            s.transcript.append(rec.id, "qr", question="Q", answer="R", **bad)
    assert len(s.transcript.for_record(rec.id)) == 1


def test_recording_marks_alternate_once_the_start_is_noted():
    class E:
        def __init__(self, kind, phase=None):
            self.kind, self.phase = kind, phase

    assert recording_state([], None) == "non noté"
    assert not can_mark(RECORDING_STOP, [], None)
    assert can_mark(RECORDING_STOP, [E("qr")], T.format("10:00"))
    stopped = [E("qr"), E(RECORDING_STOP)]
    assert not can_mark(RECORDING_STOP, stopped, T.format("10:00"))
    assert can_mark(RECORDING_RESUME, stopped, T.format("10:00"))
    assert can_mark(RECORDING_STOP, [*stopped, E(RECORDING_RESUME)], T.format("10:00"))


def test_pv_prints_phase_headings_and_recording_marks_never_warnings(officer_session):
    s = officer_session
    case = s.cases.create("2026/0014", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1")
    s.records.set_answer(rec.id, "enregistrement", "audiovisuel")
    s.records.set_meta(rec.id, {RECORDING_START: T.format("10:00")})
    add = s.transcript.append
    add(rec.id, "debut", wall_time=T.format("10:00"), phase="preparation")
    add(rec.id, "qr", question="Parle-moi de ce que tu aimes.", answer="Le dessin.",
        wall_time=T.format("10:02"), phase="nichd_pre_declaratif")  # fmt: skip
    add(rec.id, "qr", question="Et quoi d'autre ?", answer="La danse.",
        wall_time=T.format("10:03"), phase="nichd_pre_declaratif")  # fmt: skip
    add(rec.id, RECORDING_STOP, note="Incident technique de l'enregistrement",
        wall_time=T.format("10:05"), phase="nichd_pre_declaratif")  # fmt: skip
    add(rec.id, RECORDING_RESUME, wall_time=T.format("10:09"), phase="nichd_pre_declaratif")
    add(rec.id, "qr", question="Je te promets que tout ira bien, il t'a emmenée, hein ?",
        answer="Oui.", wall_time=T.format("10:12"), phase="nichd_declaratif",
        warnings="suggestive,tag,promise")  # fmt: skip
    doc = dataclasses.replace(build_pv(s, rec.id), draft=True)
    kinds = [e.kind for e in doc.body]
    assert kinds == [
        "phase", "qr", "qr", RECORDING_STOP, RECORDING_RESUME, "phase", "qr",
    ]  # fmt: skip
    text = flat(pdftotext(render_pv(doc).pdf))
    pre, decl = "Protocole NICHD : phase pré-déclarative", "Protocole NICHD : phase déclarative"
    assert text.count(pre) == 1 and text.count(decl) == 1
    assert "Préparation" not in text  # the start prints nothing: no empty heading
    assert text.index(pre) < text.index("Parle-moi de ce que tu aimes.")
    assert text.index("La danse.") < text.index(decl) < text.index("Je te promets")
    assert ", fin de l'enregistrement audiovisuel. Motif : Incident technique" in text
    assert ", reprise de l'enregistrement audiovisuel." in text
    assert "impossibilité technique partielle" in text  # the 706-52 mention of the incident
    stop_at = text.index("fin de l'enregistrement audiovisuel")
    assert text.rindex("À ", 0, stop_at) > text.index("La danse.")
    for label in warning_labels("suggestive,tag,promise"):  # the review's, not the PV's
        assert label not in text
    assert "Alertes" not in text
