"""SIGKILL a writer in the middle of committed inserts: no committed row may be lost."""

from __future__ import annotations

import os
import textwrap

from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD
from tests.support.crash import kill_cycles

WRITER = textwrap.dedent(
    """
    import sys
    from desktop.core.vault import Vault
    from desktop.core.vault.crypto import KdfParams
    home, password, case_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Vault(home, KdfParams(1, 65536, 1).with_new_salt()).unlock("admin", password) as s:
        rec = s.records.create(case_id, "audition", "audition_mineur", "1")
        print("ready", flush=True)
        i = 0
        while True:
            s.records.set_answer(rec.id, f"q{i}", i)
            entry = s.transcript.append(rec.id, "qr", question=f"q{i}", answer=f"r{i}")
            print(f"{rec.id} {i} {entry.id}", flush=True)  # printed only after both commits
            i += 1
    """
)

CYCLES = int(os.environ.get("TRAME_CRASH_CYCLES", "20"))


def test_sigkill_loses_no_committed_row(vault, admin_session):
    case = admin_session.cases.create("2026/CRASH")
    admin_session.close()
    lines = kill_cycles(WRITER, [str(vault.home), ADMIN_PASSWORD, str(case.id)], CYCLES)
    committed = [tuple(map(int, ln.split())) for ln in lines]
    assert len(committed) > CYCLES  # the writer really wrote
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.cases_db.integrity_errors() == []
        by_record: dict[int, dict] = {}
        for rec_id, i, entry_id in committed:
            answers = by_record.setdefault(rec_id, s.records.answers(rec_id))
            assert answers[f"q{i}"] == i
            entry = s.transcript.get(entry_id)
            assert entry is not None and entry.answer == f"r{i}"
        assert s.audit.verify().ok
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        assert doc.medical_db.integrity_errors() == []
