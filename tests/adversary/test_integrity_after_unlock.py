"""Adversary: unlock no longer reads every page. A page it did not read is damaged; then
the officer writes, backs up and exports before anything else: the damage must never reach
a backup or an export silently, and every refusal is French."""

from __future__ import annotations

import pytest

from desktop.core.admin import backups
from desktop.core.errors import TrameError
from desktop.core.export.bundle import export_case
from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from tests.conftest import OFFICER_PASSWORD
from tests.core.export.export_fixtures import build_case

PAGE = 4096


@pytest.fixture(scope="module")
def signer():
    return SoftwareSigner(certs.create("Camille DURAND", organization="PP (fictive)"))


def _damaged_vault(vault, signer):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        other = s.cases.create("2026/000500", "BPM")
        rec = s.records.create(other.id, "audition", "audition_mineur", "1.0")
        data = build_case(s, signer)  # its sealed PDFs are the last pages of the file
        s.cases_db.checkpoint()
    raw = bytearray(vault.cases_path.read_bytes())
    offset = (len(raw) // PAGE - 2) * PAGE + 1000
    raw[offset] ^= 0x5A
    vault.cases_path.write_bytes(bytes(raw))
    return data.case_id, rec.id


def test_damage_never_reaches_a_backup_or_an_export(vault, vault_home, signer, tmp_path):
    case_id, rec_id = _damaged_vault(vault, signer)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # unlock does not see it
        s.records.set_answer(rec_id, "recit_libre", "écrit avant le contrôle")
        problems = s.integrity_problems()
        assert problems and "endommagée" in problems[0]
        history = backups.backup_history(s)
        with pytest.raises(TrameError) as exc:
            backups.create_backup(s, tmp_path / "sauvegardes")
        assert "restaurez" in exc.value.message
        assert backups.backup_history(s) == history
        out = tmp_path / "export"
        try:
            export_case(s, case_id, out, signer=signer)
        except TrameError as err:
            assert err.message and "sqlcipher" not in err.message.lower()
            assert not out.exists() or not any(out.rglob("*.pdf"))
        else:
            pytest.fail("an export that read a damaged page went through")
    assert not (tmp_path / "sauvegardes").exists() or not any((tmp_path / "sauvegardes").iterdir())


def test_the_check_after_unlock_is_not_logged_as_a_medical_consultation(vault):
    from tests.conftest import DOCTOR_PASSWORD

    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        case = doc.cases.create("2026/000600", "UMJ")
        rec = doc.medical_records.create(case.id, "umj", "checklist_umj", "1.0")
        doc.medical_records.set_answer(rec.id, "doleances", "texte fictif " * 400)
        doc.medical_db.checkpoint()
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        opened = len(doc.audit.entries("medical.open"))
        assert doc.integrity_problems() == []  # what the window runs right after unlock
        assert len(doc.audit.entries("medical.open")) == opened  # no consultation happened
    raw = bytearray(vault.medical_path.read_bytes())
    raw[(len(raw) // PAGE - 1) * PAGE + 900] ^= 0x5A
    vault.medical_path.write_bytes(bytes(raw))
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        problems = doc.integrity_problems()
        assert problems and "La base médicale est endommagée" in problems[0]
        with pytest.raises(TrameError):
            doc.check_integrity()
