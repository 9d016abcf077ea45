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


@pytest.mark.parametrize("page", [0, 1, 3])
def test_flipped_byte_in_case_database_detected_at_unlock(vault, page):
    _fill(vault)
    size = vault.cases_path.stat().st_size
    assert size > 4 * PAGE
    _flip(vault.cases_path, page * PAGE + 1000)
    with pytest.raises(VaultCorrupt) as err:
        vault.unlock("admin", ADMIN_PASSWORD)
    assert "restaurez" in err.value.message


@pytest.mark.parametrize("page", [0, 2])
def test_flipped_byte_in_medical_database_detected_at_open(vault, page):
    _fill(vault)
    _flip(vault.medical_path, page * PAGE + 2000)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        with pytest.raises(VaultCorrupt):
            s.medical_db  # noqa: B018


def test_a_file_that_is_not_a_vault(vault):
    vault.cases_path.write_bytes(b"%PDF-1.7 not a database" * 500)
    with pytest.raises(VaultCorrupt):
        vault.unlock("admin", ADMIN_PASSWORD)
