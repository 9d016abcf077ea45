from __future__ import annotations

import pytest

from desktop.core.errors import VaultCorrupt
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD

PAGE = 4096


def _fill(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case = s.cases.create("2026/0007")
        rec = s.medical_records.create(case.id, "umj", "checklist_umj", "1")
        for i in range(300):
            s.records.create(case.id, "audition", "audition_mineur", "1")
            s.medical_records.set_answer(rec.id, f"f{i}", "x" * 200)
        s.cases_db.checkpoint()
        s.medical_db.checkpoint()


def _flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def _unlock_and_check(vault, login, password):
    """What the application does: unlock, then the full check in the background."""
    with vault.unlock(login, password) as s:
        s.check_integrity()


@pytest.mark.parametrize("page", [0, 1, 3])
def test_flipped_byte_in_case_database_detected_by_unlock_and_check(vault, page):
    _fill(vault)
    size = vault.cases_path.stat().st_size
    assert size > 4 * PAGE
    _flip(vault.cases_path, page * PAGE + 1000)
    with pytest.raises(VaultCorrupt) as err:
        _unlock_and_check(vault, "admin", ADMIN_PASSWORD)
    assert "restaurez" in err.value.message


def test_a_damaged_page_one_is_detected_at_unlock_itself(vault):
    _fill(vault)
    _flip(vault.cases_path, 1000)
    with pytest.raises(VaultCorrupt):
        vault.unlock("admin", ADMIN_PASSWORD)


@pytest.mark.parametrize("page", [0, 2])
def test_flipped_byte_in_medical_database_detected_by_the_check(vault, page):
    _fill(vault)
    _flip(vault.medical_path, page * PAGE + 2000)
    with pytest.raises(VaultCorrupt):
        _unlock_and_check(vault, "medecin", DOCTOR_PASSWORD)


def test_a_backup_refuses_a_damaged_base(vault, tmp_path):
    from desktop.core.vault.backup import backup

    _fill(vault)
    _flip(vault.cases_path, 3 * PAGE + 1000)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        with pytest.raises(VaultCorrupt):
            backup(s, tmp_path / "copie.trame")
    assert not (tmp_path / "copie.trame").exists()


def test_a_file_that_is_not_a_vault(vault):
    vault.cases_path.write_bytes(b"%PDF-1.7 not a database" * 500)
    with pytest.raises(VaultCorrupt):
        vault.unlock("admin", ADMIN_PASSWORD)
