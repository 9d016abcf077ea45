from __future__ import annotations

import pytest

from desktop.core.errors import InvalidInput, NotAVault, WrongPassword
from desktop.core.vault.backup import backup, restore
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD


def _seed(session):
    case = session.cases.create("2026/0200", "BPM")
    session.persons.add(case.id, "victime", "Fictif", "Léa", "2012-05-01")
    return case.id


def test_password_change_rewraps_one_slot_and_data_stays_readable(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case_id = _seed(s)
        db_before = vault.cases_path.stat().st_size
        s.change_password("enqueteur", "nouveau sésame du fennec sûr")
    with pytest.raises(WrongPassword):
        vault.unlock("enqueteur", OFFICER_PASSWORD)
    with vault.unlock("enqueteur", "nouveau sésame du fennec sûr") as s:
        assert s.persons.for_case(case_id)[0].first_name == "Léa"
    assert vault.cases_path.stat().st_size == db_before  # nothing re-encrypted


def test_recovery_key_opens_and_resets_the_admin_password(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case_id = _seed(s)
    code = vault.init_result.recovery_code
    typed = code.lower().replace("-", " ")  # as copied from paper
    with vault.unlock_recovery(typed) as s:
        assert s.persons.for_case(case_id)[0].last_name == "Fictif"
        assert not s.has_medical_access()
        s.change_password("admin", "sésame retrouvé sous le paillasson bleu")
    with vault.unlock("admin", "sésame retrouvé sous le paillasson bleu") as s:
        assert s.cases.get(case_id) is not None
    with pytest.raises(WrongPassword):
        vault.unlock_recovery("0000-0000-0000-0000-0000-0000-0000-0000")


def test_medical_recovery_key_holds_the_medical_key(vault):
    with vault.unlock_recovery(vault.init_result.medical_recovery_code, medical=True) as s:
        assert s.has_medical_access()
        assert s.medical_db.integrity_errors() == []


def test_backup_then_restore_round_trips(vault, tmp_path):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case_id = _seed(s)
        rec = s.medical_records.create(case_id, "umj", "checklist_umj", "1")
        s.medical_records.set_answer(rec.id, "examen", "fictif")
        result = backup(s, tmp_path / "sauvegarde.trame")
        assert result.includes_medical
        raw = result.path.read_bytes()
        assert b"Fictif" not in raw and "Léa".encode() not in raw
        # changes after the backup are undone by the restore
        s.cases.create("2026/APRES")
        s.medical_records.set_answer(rec.id, "examen", "modifié")
    # The médecin restores the medical part, the administrator the case part (a rollback).
    aside = restore(vault.home, tmp_path / "sauvegarde.trame", "medecin", DOCTOR_PASSWORD)
    assert aside is not None and (aside / "medical.db").exists()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        admin_backup = backup(s, tmp_path / "admin.trame").path
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/ENCORE")
    aside = restore(vault.home, admin_backup, "admin", ADMIN_PASSWORD, accept_rollback=True)
    assert (aside / "cases.db").exists()
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        numbers = [c.procedure_number for c in s.cases.list()]
        assert numbers == ["2026/APRES", "2026/0200"]
        assert s.medical_records.answers(rec.id) == {"examen": "fictif"}
        assert s.audit.verify().ok


def test_police_backup_leaves_medical_out_and_restore_keeps_it(vault, tmp_path):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case_id = _seed(s)
        rec = s.medical_records.create(case_id, "umj", "checklist_umj", "1")
        s.medical_records.set_answer(rec.id, "examen", "fictif")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        result = backup(s, tmp_path / "police.trame")
        assert not result.includes_medical
    restore(vault.home, result.path, "admin", ADMIN_PASSWORD, accept_rollback=True)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert s.medical_records.answers(rec.id) == {"examen": "fictif"}


def test_restore_refuses_bad_files_and_keeps_the_vault(vault, tmp_path):
    before = vault.cases_path.read_bytes()
    junk = tmp_path / "junk.trame"
    junk.write_bytes(b"pas une sauvegarde")
    with pytest.raises(NotAVault):
        restore(vault.home, junk, "admin", ADMIN_PASSWORD)
    with pytest.raises(InvalidInput):
        restore(vault.home, tmp_path / "absent.trame", "admin", ADMIN_PASSWORD)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        good = backup(s, tmp_path / "ok.trame").path
    with pytest.raises(WrongPassword):
        restore(vault.home, good, "admin", "mauvais mot de passe")
    assert vault.cases_path.read_bytes()[:4096] == before[:4096]
    with pytest.raises(InvalidInput):
        with vault.unlock("admin", ADMIN_PASSWORD) as s:
            backup(s, good)  # never overwrites
