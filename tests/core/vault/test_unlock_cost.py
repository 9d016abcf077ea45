"""Unlock does not grow with the vault (issue 20): no whole-file scan on the unlock path.

Counted, not timed: the SQL statements that unlock sends are the same for a small and a
large vault, and none of them is an integrity scan (that runs after unlock, off the UI path).
"""

from __future__ import annotations

import re

import pytest

from desktop.core.vault import db as dbmod
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD


@pytest.fixture
def traced(monkeypatch):
    statements: list[str] = []
    real = dbmod.sqlcipher.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(dbmod.sqlcipher, "connect", connect)
    return statements


def _grow(vault, cases: int) -> None:
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        with s.cases_db.transaction():
            for n in range(cases):
                case = s.cases.create(f"2026/{n:06d}")
                rec = s.records.create(case.id, "audition", "audition_mineur", "1")
                s.records.set_answer(rec.id, "recit_libre", "texte fictif " * 40)
        s.medical_db  # noqa: B018 - the medical base exists and is migrated


def _unlock_statements(vault, traced, login, password) -> list[str]:
    traced.clear()
    with vault.unlock(login, password) as s:
        if s.has_medical_access():
            s.medical_db  # noqa: B018
        seen = list(traced)
    return seen


def _normalise(statements: list[str]) -> list[str]:
    # the unlock entry's own values (time, hashes) differ from run to run, and so does the
    # sequence number of the last head seen on this computer (anchors)
    return [re.sub(r"seq = \d+", "seq = N", st.split("VALUES")[0]) for st in statements]


@pytest.mark.parametrize(
    "login,password", [("admin", ADMIN_PASSWORD), ("medecin", DOCTOR_PASSWORD)]
)
def test_unlock_sends_no_scan_and_the_same_statements_at_any_size(vault, traced, login, password):
    small = _unlock_statements(vault, traced, login, password)
    _grow(vault, 300)
    large = _unlock_statements(vault, traced, login, password)
    for st in large:
        low = st.lower()
        assert "integrity_check" not in low and "quick_check" not in low, st
    assert _normalise(small) == _normalise(large)


def test_the_full_check_is_still_there_and_reads_every_page(vault, traced):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        traced.clear()
        assert s.integrity_problems() == []
        checks = [st for st in traced if "integrity_check" in st.lower()]
        assert len(checks) == 2  # the case base and the medical base
