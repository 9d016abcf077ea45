from __future__ import annotations

import json

import pytest

from desktop.core.errors import DiskFull
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, fast_kdf, fill_disk


def test_full_disk_during_answers_loses_nothing_committed(small_fs):
    home = small_fs / "coffre"
    kdf = fast_kdf()
    Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
    vault = Vault(home, kdf)
    saved = {}
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.create("2026/PLEIN")
        rec = s.records.create(case.id, "audition", "audition_mineur", "1")
        filler = fill_disk(small_fs, leave=64 * 1024)
        with pytest.raises(DiskFull) as err:
            for i in range(100_000):
                s.records.set_answer(rec.id, f"champ{i}", "réponse " * 50)
                saved[f"champ{i}"] = "réponse " * 50
        assert "Disque plein" in err.value.message and "intactes" in err.value.message
        assert len(saved) > 0
    filler.unlink()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.cases_db.integrity_errors() == []
        answers = s.records.answers(rec.id)
        for key, value in saved.items():
            assert answers[key] == value
        assert s.audit.verify().ok


def test_full_disk_during_password_change_keeps_the_old_slots(small_fs):
    home = small_fs / "coffre"
    kdf = fast_kdf()
    Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
    vault = Vault(home, kdf)
    before = (home / "keyslots.json").read_bytes()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        filler = fill_disk(small_fs)
        with pytest.raises(DiskFull):
            s.change_password("admin", "un tout nouveau sésame de la loutre")
    assert (home / "keyslots.json").read_bytes() == before
    json.loads(before)
    filler.unlink()
    with vault.unlock("admin", ADMIN_PASSWORD):
        pass


def test_init_on_a_full_disk_leaves_nothing_and_can_be_retried(small_fs):
    home = small_fs / "coffre"
    home.mkdir()
    filler = fill_disk(small_fs, leave=16 * 1024)
    with pytest.raises(DiskFull):
        Vault.create(home, "admin", ADMIN_PASSWORD, kdf=fast_kdf())
    assert sorted(p.name for p in home.iterdir()) == []
    filler.unlink()
    Vault.create(home, "admin", ADMIN_PASSWORD, kdf=fast_kdf())
