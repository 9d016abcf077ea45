"""Adversary: unlock no longer scans every page, and the full check reads pages through
SQLite — which, after a crash, replays the write-ahead log only up to its first damaged
frame and silently drops every committed transaction after it. One flipped bit in the WAL
must not turn into a silent rollback that the check passes and the next backup carries."""

from __future__ import annotations

import shutil

import pytest

from desktop.core.errors import VaultCorrupt
from desktop.core.vault import Vault
from tests.conftest import OFFICER_PASSWORD, fast_kdf

PAGE = 4096
FRAME = 24 + PAGE


def _crash_copy(vault, vault_home, tmp_path, saves=6):
    """The vault as a power cut leaves it: six answers committed, all still in the WAL."""
    crash = tmp_path / "coupure"
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000111", "BPM")
        rec = s.records.create(case.id, "audition", "audition_mineur", "1.0")
        s.cases_db.checkpoint()
        for i in range(saves):
            s.records.set_answer(rec.id, f"champ_{i}", "x" * 3000)
        shutil.copytree(vault_home, crash)
    return crash, rec.id


def _flip(wal, frame_index, at=100):
    data = bytearray(wal.read_bytes())
    data[32 + frame_index * FRAME + 24 + at] ^= 0x01
    wal.write_bytes(bytes(data))


def test_damaged_wal_frame_before_later_commits_is_refused_not_dropped(vault, vault_home, tmp_path):
    crash, _rec = _crash_copy(vault, vault_home, tmp_path)
    wal = crash / "cases.db-wal"
    frames = (wal.stat().st_size - 32) // FRAME
    _flip(wal, frames // 3)
    before = {p.name: p.read_bytes() for p in crash.iterdir() if p.is_file()}
    with pytest.raises(VaultCorrupt) as exc:
        Vault(crash, fast_kdf()).unlock("enqueteur", OFFICER_PASSWORD)
    assert "journal d'écriture" in exc.value.message and "restaurez" in exc.value.message
    assert {p.name: p.read_bytes() for p in crash.iterdir() if p.is_file()} == before


def test_torn_last_transaction_still_opens_with_every_earlier_commit(vault, vault_home, tmp_path):
    crash, rec = _crash_copy(vault, vault_home, tmp_path)
    wal = crash / "cases.db-wal"
    frames = (wal.stat().st_size - 32) // FRAME
    _flip(wal, frames - 1)  # the last frame: a write torn by the power cut
    with Vault(crash, fast_kdf()).unlock("enqueteur", OFFICER_PASSWORD) as s:
        kept = s.records.answers(rec)
        assert {f"champ_{i}" for i in range(5)} <= set(kept)
        assert s.integrity_problems() == []
