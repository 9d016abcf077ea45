"""SIGKILL a writer in the middle of committed inserts: no committed row may be lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

from tests.conftest import ADMIN_PASSWORD

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
            if s.has_medical_access():
                pass
            print(f"{rec.id} {i} {entry.id}", flush=True)  # printed only after both commits
            i += 1
    """
)

CYCLES = int(os.environ.get("TRAME_CRASH_CYCLES", "20"))


def test_sigkill_loses_no_committed_row(vault, admin_session):
    case = admin_session.cases.create("2026/CRASH")
    admin_session.close()
    rng = random.Random(1234)
    committed: list[tuple[int, int, int]] = []
    for _cycle in range(CYCLES):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(vault.home), ADMIN_PASSWORD, str(case.id)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        lines = []
        while time.monotonic() < deadline:
            lines.append(proc.stdout.readline())
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines += proc.stdout.read().splitlines()
        committed += [tuple(map(int, ln.split())) for ln in lines if ln.strip()]
    assert len(committed) > CYCLES  # the writer really wrote
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        for db in (s.cases_db,):
            assert db.integrity_errors() == []
        by_record: dict[int, dict] = {}
        for rec_id, i, entry_id in committed:
            answers = by_record.setdefault(rec_id, s.records.answers(rec_id))
            assert answers[f"q{i}"] == i
            entry = s.transcript.get(entry_id)
            assert entry is not None and entry.answer == f"r{i}"
        assert s.audit.verify().ok
    with vault.unlock("medecin", "mot de passe médecin") as doc:
        assert doc.medical_db.integrity_errors() == []
