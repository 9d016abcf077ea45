"""Adversary: the audit grain (one entry per run of saves of an answer) must not hide edits.

Real vault; only the clock is moved, as a user who sets the computer's clock back would.
"""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.core.vault import audit
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def _answer_entries(session, record_id):
    return [
        e for e in session.audit.entries("case.answer") if e.object_id.startswith(f"{record_id}/")
    ]


def test_clock_set_back_does_not_fold_later_edits_into_old_entry(officer_session, monkeypatch):
    s = officer_session
    case = s.cases.create("2026/000777", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1.0")
    times = iter(["2026-11-30T10:00:00.000000Z", "2026-11-30T08:00:00.000000Z"])
    monkeypatch.setattr(audit, "utc_now", lambda: next(times))
    s.records.set_answer(rec.id, "recit", "première version")
    # The clock is set back two hours; an edit made then is a new fact, not the same run.
    s.records.set_answer(rec.id, "recit", "version changée")
    assert len(_answer_entries(s, rec.id)) == 2


def test_edit_after_seal_is_a_new_entry(officer_session):
    s = officer_session
    case = s.cases.create("2026/000778", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1.0")
    s.records.set_answer(rec.id, "recit", "avant le sceau")
    s.documents.add(case.id, "pv", b"%PDF-1.7 fictif", title="PV", record_id=rec.id, sealed=True)
    s.records.set_answer(rec.id, "recit", "après le sceau")
    assert len(_answer_entries(s, rec.id)) == 2


def test_other_account_edit_is_a_new_entry(vault, officer_session):
    s = officer_session
    case = s.cases.create("2026/000779", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1.0")
    s.records.set_answer(rec.id, "recit", "agent")
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.records.set_answer(rec.id, "recit", "administrateur")
    s.records.set_answer(rec.id, "recit", "agent encore")
    users = [e.user_id for e in _answer_entries(s, rec.id)]
    assert len(users) == 3 and users[0] == users[2] != users[1]


def test_audit_verify_cli_after_coalesced_run(vault, vault_home, officer_session):
    s = officer_session
    case = s.cases.create("2026/000780", "BPM")
    rec = s.records.create(case.id, "audition", "audition_mineur", "1.0")
    for i in range(5):
        s.records.set_answer(rec.id, "recit", f"v{i}")
    s.close()
    env = dict(os.environ, TRAME_HOME=str(vault_home), TRAME_USER="enqueteur")
    env["TRAME_PASSWORD"] = OFFICER_PASSWORD
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "audit", "verify"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
