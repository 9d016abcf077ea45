"""Crash: SIGKILL at random points while answers, transcript entries and medical answers are
written. Zero committed entries lost, zero corrupt databases."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import DOCTOR_PASSWORD
from tests.reliability.conftest import report, scale
from tests.support.crash import kill_cycles

pytestmark = pytest.mark.timeout(scale(300, 3600))  # the torture run takes minutes

WRITER = textwrap.dedent(
    """
    import sys
    from desktop.core.vault import Vault
    from desktop.core.vault.crypto import KdfParams
    home, password, case_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Vault(home, KdfParams(1, 65536, 1).with_new_salt()).unlock("medecin", password) as s:
        rec = s.records.create(case_id, "audition", "audition_mineur", "1")
        med = s.medical_records.create(case_id, "umj", "checklist_umj", "1")
        print("ready", flush=True)
        i = 0
        while True:
            kind = i % 3
            if kind == 0:
                s.records.set_answer(rec.id, f"q{i}", {"texte": f"réponse {i}"})
                print(f"A {rec.id} {i}", flush=True)
            elif kind == 1:
                e = s.transcript.append(rec.id, "qr", question=f"Q{i}", answer=f"R{i} « é »")
                print(f"T {e.id} {i}", flush=True)
            else:
                s.medical_records.set_answer(med.id, f"m{i}", i)
                print(f"M {med.id} {i}", flush=True)
            i += 1
    """
)


def test_sigkill_during_writes(vault, doctor_session):
    case = doctor_session.cases.create("2026/TORTURE")
    doctor_session.close()
    cycles = scale(200, 5000)
    lines = kill_cycles(
        WRITER, [str(vault.home), DOCTOR_PASSWORD, str(case.id)], cycles, window=(0.0, 0.15)
    )
    lost = 0
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        corrupt = int(bool(s.cases_db.integrity_errors())) + int(
            bool(s.medical_db.integrity_errors())
        )
        answers: dict[int, dict] = {}
        medical: dict[int, dict] = {}
        for line in lines:
            kind, obj, i = line.split()
            obj, i = int(obj), int(i)
            if kind == "A":
                got = answers.setdefault(obj, s.records.answers(obj)).get(f"q{i}")
                lost += got != {"texte": f"réponse {i}"}
            elif kind == "T":
                entry = s.transcript.get(obj)
                lost += entry is None or entry.answer != f"R{i} « é »"
            else:
                got = medical.setdefault(obj, s.medical_records.answers(obj)).get(f"m{i}")
                lost += got != i
        chain_ok = s.audit.verify().ok
    report(
        "crash",
        cycles=cycles,
        committed=len(lines),
        lost=lost,
        corrupt=corrupt,
        audit_chain="ok" if chain_ok else "ROMPUE",
    )
    assert len(lines) >= cycles // 2
    assert lost == 0 and corrupt == 0 and chain_ok
