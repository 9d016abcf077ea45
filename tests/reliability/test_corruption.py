"""Corruption: random byte flips across both databases and the key-slot file. Every one is
detected at unlock or by the integrity check that follows it, with a French message, never a
crash."""

from __future__ import annotations

import random
import shutil

import pytest

from desktop.core.errors import TrameError
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD
from tests.reliability.conftest import report, scale

pytestmark = pytest.mark.timeout(scale(300, 3600))  # the torture run takes minutes


def _populate(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        for n in range(40):
            case = s.cases.create(f"2026/{n:04d}")
            s.persons.add(case.id, "victime", "Fictive", f"Personne{n}", "2011-01-01")
            rec = s.records.create(case.id, "audition", "audition_mineur", "1")
            med = s.medical_records.create(case.id, "umj", "checklist_umj", "1")
            for i in range(10):
                s.records.set_answer(rec.id, f"f{i}", "texte " * 20)
                s.medical_records.set_answer(med.id, f"m{i}", "constat " * 20)
        s.cases_db.checkpoint()
        s.medical_db.checkpoint()


def _detected(home, kdf) -> tuple[bool, str]:
    """True when opening the damaged copy fails with a Trame error (never a crash)."""
    v = Vault(home, kdf)
    try:
        with v.unlock("medecin", DOCTOR_PASSWORD) as s:
            s.check_integrity()  # what the application runs right after unlock
        with v.unlock("admin", ADMIN_PASSWORD) as s:
            s.check_integrity()
    except TrameError as exc:
        assert exc.message.strip()  # a French sentence for the user
        return True, type(exc).__name__
    return False, ""


def test_random_byte_flips_are_all_detected(vault, tmp_path):
    _populate(vault)
    pristine = tmp_path / "pristine"
    shutil.copytree(vault.home, pristine)
    files = ["cases.db", "medical.db", "keyslots.json"]
    sizes = {f: (pristine / f).stat().st_size for f in files}
    rng = random.Random(20261126)
    flips = scale(100, 1000)
    missed, kinds = [], {}
    work = tmp_path / "work"
    for n in range(flips):
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(pristine, work)
        (work / "throttle.json").unlink(missing_ok=True)
        name = files[n % 3]
        offset = rng.randrange(sizes[name])
        data = bytearray((work / name).read_bytes())
        data[offset] ^= 1 << rng.randrange(8)
        (work / name).write_bytes(bytes(data))
        ok, kind = _detected(work, vault._kdf)
        kinds[kind] = kinds.get(kind, 0) + 1
        if not ok:
            missed.append((name, offset))
    report(
        "corruption",
        flips=flips,
        detected=flips - len(missed),
        missed=len(missed),
        **{k or "none": v for k, v in sorted(kinds.items())},
    )
    assert missed == []
