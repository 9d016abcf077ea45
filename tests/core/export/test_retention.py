"""Retention: mark transmitted, purge (admin or owner, confirmed, after the delay), and the
queued medical purge. A canary from the case is looked for in every DECRYPTED page of both
databases and their WAL files (free pages included), not only in the ciphertext."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desktop.core.errors import InvalidInput, PermissionDenied
from desktop.core.export.retention import (
    DELAY_KEY,
    apply_pending_medical_purges,
    due_for_purge,
    mark_transmitted,
    pending_medical_purges,
    purge_case,
)
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD

PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC at the end of each page


def _decrypt(page: bytes, key: bytes, first: bool) -> bytes:
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    body = page[16 if first else 0 : PAGE - RESERVE]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(body) + dec.finalize()


def plaintext_pages(path: Path, key: bytes) -> list[bytes]:
    """Every page of a SQLCipher file (and its -wal), decrypted with the raw key."""
    out = []
    if path.exists():
        data = path.read_bytes()
        for i in range(0, len(data) - PAGE + 1, PAGE):
            out.append(_decrypt(data[i : i + PAGE], key, i == 0))
        assert out and out[0][:2] == b"\x10\x00", "page 1 did not decrypt: wrong key or format"
    wal = Path(str(path) + "-wal")
    if wal.exists():
        data = wal.read_bytes()
        offset = 32
        while offset + 24 + PAGE <= len(data):
            number = int.from_bytes(data[offset : offset + 4], "big")
            out.append(_decrypt(data[offset + 24 : offset + 24 + PAGE], key, number == 1))
            offset += 24 + PAGE
    return out


def found(vault, keys: dict, needle: str) -> list[str]:
    where = []
    forms = [needle.encode("utf-8"), needle.encode("utf-16-le")]
    for name, key_name in (("cases.db", CASE_KEY), ("medical.db", MEDICAL_KEY)):
        for page in plaintext_pages(vault.home / name, keys[key_name]):
            if any(f in page for f in forms):
                where.append(name)
                break
    for f in vault.home.rglob("*"):
        if f.is_file() and any(x in f.read_bytes() for x in forms):
            where.append(f"{f.name} (brut)")
    return where


def _keys(vault, recovery_code: str) -> dict:
    with vault.unlock_recovery(recovery_code, medical=True) as s:
        return {k: bytes(v) for k, v in s._keys.items()}


def _case_with_canary(s, canary: str, exported_case) -> int:
    """The sample case, sealed and exported; then the canary in every kind of row (a second,
    unsealed hearing: rows added after the export are purged too)."""
    case_id = exported_case(s, "2026/PURGE-1")
    _canary(s, case_id, canary)
    return case_id


def _canary(s, case_id: int, canary: str) -> None:
    p = s.persons.add(
        case_id,
        "victime",
        canary,
        "Ysaline",
        "2011-02-03",
        {"pseudonyme": canary, "telephones": ["06 00 00 00 00"]},
    )
    rec = s.records.create(case_id, "audition", "audition_mineur", "1.0", p.id)
    s.records.set_answer(rec.id, "victime_pseudos", f"« {canary} »")
    for i in range(40):
        s.transcript.append(
            rec.id, "qr", question=f"Question {i} ?", answer=f"Réponse {i} où {canary} raconte."
        )
    s.documents.add(case_id, "annexe", f"%PDF-1.7 {canary}".encode(), sealed=False)


def _medical_rows(vault, case_id: int, text: str) -> int:
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        rec = s.medical_records.create(case_id, "umj", "checklist_umj", "1", None)
        s.medical_records.set_answer(rec.id, "commemoratifs", text)
        return rec.id


def test_purge_removes_every_trace_from_both_databases(vault, exported_case):
    canary = "Zorglubine" + secrets.token_hex(4)
    keys = _keys(vault, vault.init_result.medical_recovery_code)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        # Created and purged in the same session: the canary is still in the WAL when the
        # purge runs, so a purge without VACUUM and WAL truncation would leave it there.
        case_id = _case_with_canary(s, canary, exported_case)
        _medical_rows(vault, case_id, f"{canary} déclare…")
        assert set(found(vault, keys, canary)) >= {"cases.db", "medical.db"}  # can fail
        mark_transmitted(s, case_id)
        result = purge_case(s, case_id, confirmed=True)
        assert result.rows > 40 and result.medical_pending
        assert s.cases.get(case_id) is None
        assert pending_medical_purges(s)[0]["case_id"] == case_id
        assert s.audit.entries("case.purge")[-1].object_id == str(case_id)
        where = found(vault, keys, canary)
        assert "cases.db" not in where and "medical.db" in where  # officers cannot touch it

    # A new case may get the same number: its medical rows must survive the queued purge.
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        new_id = s.cases.create("2026/NOUVEAU").id
    keep = _medical_rows(vault, new_id, "dossier suivant")
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        _ = s.medical_db  # opening the medical database applies the queued purges
        assert pending_medical_purges(s) == []
        assert apply_pending_medical_purges(s) == 0  # idempotent
        assert s.medical_records.get(keep) is not None
        assert s.audit.entries("medical.purge")[-1].object_id == str(case_id)
        assert found(vault, keys, canary) == []
    assert found(vault, keys, canary) == []


def test_purge_rules(vault, exported_case):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        never = s.cases.create("2026/JAMAIS-EXPORTE").id
        with pytest.raises(InvalidInput, match="exportez-le d'abord"):
            mark_transmitted(s, never)  # never exported: the vault holds the only copy
        assert s.cases.get(never).status != "transmis"
        case_id = exported_case(s, "2026/REGLES")
        with pytest.raises(InvalidInput, match="transmis"):
            purge_case(s, case_id, confirmed=True)
        mark_transmitted(s, case_id)
        with pytest.raises(InvalidInput, match="confirmez"):
            purge_case(s, case_id)
        s.settings.set(DELAY_KEY, 30)
        with pytest.raises(InvalidInput, match="délai"):
            purge_case(s, case_id, confirmed=True)
        assert due_for_purge(s) == []
        s.settings.set(DELAY_KEY, 0)
        assert [c.id for c in due_for_purge(s)] == [case_id]
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user("enqueteur2", OFFICER_PASSWORD, "enqueteur")
    with vault.unlock("enqueteur2", OFFICER_PASSWORD) as other:
        with pytest.raises(PermissionDenied):
            purge_case(other, case_id, confirmed=True)
    with vault.unlock("uaped", "coordination des goélands rieurs") as uaped:
        with pytest.raises(PermissionDenied):
            mark_transmitted(uaped, case_id)
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        assert purge_case(admin, case_id, confirmed=True).rows >= 1
        assert admin.cases.get(case_id) is None


def test_purge_deletes_the_copies_kept_in_the_vault_folder(vault, tmp_path, exported_case):
    from desktop.core.admin import backups
    from desktop.core.admin.retention import vault_copies
    from desktop.core.vault.upgrade import BACKUP_DIR

    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case_id = exported_case(s, "2026/COPIES")
        old = backups.create_backup(s, tmp_path)
    aside = backups.restore_backup(vault.home, old.path, "admin", ADMIN_PASSWORD)
    migration = vault.home / BACKUP_DIR / "avant-mise-a-jour-3-4-20260101-120000.trame"
    migration.parent.mkdir(exist_ok=True)
    migration.write_bytes(old.path.read_bytes())  # what upgrade.backup_before_migration writes
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert {p.name for p in vault_copies(s)} == {aside.name, migration.name}
        mark_transmitted(s, case_id)
        with pytest.raises(InvalidInput) as exc:
            purge_case(s, case_id)  # the refusal names what a confirmed purge also deletes
        assert aside.name in exc.value.message and migration.name in exc.value.message
        assert aside.exists() and migration.exists()
        result = purge_case(s, case_id, confirmed=True)
        assert set(result.copies_removed) == {aside.name, migration.name}
        assert result.copies_left == ()
        assert not aside.exists() and not migration.exists()
        assert vault_copies(s) == []
        logged = [e.object_id for e in s.audit.entries("purge.copy")]
        assert sorted(logged) == sorted([aside.name, migration.name])
        assert s.audit.verify().ok
