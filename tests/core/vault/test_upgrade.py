"""A vault made by an earlier version opens with this one: a backup first, then the migrations.

The old vault is a real one whose case database stopped at schema version 1 (what the first
release wrote), with a case and a person written by plain SQL as that release did.
"""

from __future__ import annotations

import tarfile

import pytest

from desktop.core.errors import NotWritable
from desktop.core.hearing.cases import search_cases
from desktop.core.vault import Vault, migrations, upgrade
from desktop.core.vault.backup import restore
from desktop.core.vault.db import Database
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY, KeySlotFile
from tests.conftest import ADMIN_PASSWORD, fast_kdf

LATEST = migrations.latest(migrations.CASES)
NOW = "2026-01-15T09:30:00Z"


def make_v1_vault(home):
    """A vault whose case database is at schema 1, holding one case and one victim."""
    real = migrations.migrate
    kdf = fast_kdf()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(migrations, "migrate", lambda conn, steps, target=None: real(conn, steps, 1))
        result = Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
    vault = Vault(home, kdf)
    slots = KeySlotFile.load(vault.keyslots_path)
    keys = slots.open_slot(slots.find("admin"), ADMIN_PASSWORD)
    db = Database(vault.cases_path, keys[CASE_KEY], "old")
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        with db.transaction():
            case_id = db.execute(
                "INSERT INTO cases (procedure_number, service, created_at, updated_at)"
                " VALUES ('2026/000042', 'BPM Paris', ?, ?)",
                (NOW, NOW),
            ).lastrowid
            db.execute(
                "INSERT INTO persons (case_id, role, last_name, first_name, birth_date,"
                " created_at, updated_at) VALUES (?, 'victime', 'Fictif', 'Léa', '2011-04-02',"
                " ?, ?)",
                (case_id, NOW, NOW),
            )
    finally:
        db.close()
    return vault, result


def backups(home):
    folder = home / upgrade.BACKUP_DIR
    return sorted(folder.glob("*.trame")) if folder.exists() else []


def backed_up_version(archive, key, name, tmp_path):
    """PRAGMA user_version and case count of one database inside a backup archive."""
    out = tmp_path / f"extrait-{name}"
    with tarfile.open(archive) as tar:
        member = tar.getmember(name)
        out.write_bytes(tar.extractfile(member).read())
    db = Database(out, key, "copie")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        count = None
        if name == "cases.db":
            count = db.execute("SELECT count(*) FROM cases").fetchone()[0]
        return version, count
    finally:
        db.close()


def test_opening_an_old_vault_backs_it_up_then_migrates(vault_home, tmp_path):
    vault, _ = make_v1_vault(vault_home)
    assert backups(vault_home) == []

    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.cases_db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        rows = search_cases(s.cases_db, "fictif", with_names=True)  # migration 2 indexed her
        assert [r.procedure_number for r in rows] == ["2026/000042"]
        case_key = s._key(CASE_KEY)

    [archive] = backups(vault_home)
    assert archive.name.startswith(f"avant-mise-a-jour-1-{LATEST}-")
    assert backed_up_version(archive, case_key, "cases.db", tmp_path) == (1, 1)
    with tarfile.open(archive) as tar:
        names = set(tar.getnames())
    assert names == {"trame-backup.json", "keyslots.json", "cases.db"}  # admin: no medical key

    # A second opening finds the vault up to date: no new backup.
    vault.unlock("admin", ADMIN_PASSWORD).close()
    assert backups(vault_home) == [archive]

    # The backup restores (into another folder) and opens with the same password.
    other = tmp_path / "restauration"
    restore(other, archive, "admin", ADMIN_PASSWORD)
    with Vault(other).unlock("admin", ADMIN_PASSWORD) as s:
        assert s.cases_db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert [c.procedure_number for c in s.cases.list()] == ["2026/000042"]


def test_a_medical_account_backs_up_both_databases(vault_home, tmp_path):
    vault, _ = make_v1_vault(vault_home)
    # The first release made the medical side at init: a medical database at schema 1 and
    # a medical recovery slot. Written here as that release did (no unlock: it would migrate).
    from desktop.core.vault import crypto
    from desktop.core.vault.keyslots import KIND_MEDICAL_RECOVERY, MEDICAL_RECOVERY_LOGIN

    slots = KeySlotFile.load(vault.keyslots_path)
    admin_keys = slots.open_slot(slots.find("admin"), ADMIN_PASSWORD)
    medical_key = crypto.new_key()
    db = Database(vault.medical_path, medical_key, "old")
    try:
        migrations.migrate(db.conn, migrations.MEDICAL, 1)
    finally:
        db.close()
    code = crypto.new_recovery_code()
    slots.slots.append(
        slots.make_slot(
            MEDICAL_RECOVERY_LOGIN,
            code,
            "medecin",
            KIND_MEDICAL_RECOVERY,
            {CASE_KEY: admin_keys[CASE_KEY], MEDICAL_KEY: medical_key},
            fast_kdf(),
        )
    )
    slots.save(admin_keys[CASE_KEY])
    with vault.unlock_recovery(code, medical=True) as s:
        s.medical_db  # noqa: B018 - opens (and would migrate) the medical database
        keys = {name: s._key(name) for name in (CASE_KEY, MEDICAL_KEY)}
    archives = backups(vault_home)  # one per database migrated (the medical one has 2 steps)
    assert backed_up_version(archives[0], keys[CASE_KEY], "cases.db", tmp_path) == (1, 1)
    # the medical database is in the backup, as it was before its own migration
    assert backed_up_version(archives[-1], keys[MEDICAL_KEY], "medical.db", tmp_path)[0] == 1
    assert migrations.latest(migrations.MEDICAL) > 1


def test_no_backup_no_migration_when_the_backup_cannot_be_written(vault_home, tmp_path):
    vault, _ = make_v1_vault(vault_home)
    (vault_home / upgrade.BACKUP_DIR).write_bytes(b"")  # a file where the folder should be
    with pytest.raises(NotWritable) as err:
        vault.unlock("admin", ADMIN_PASSWORD)
    assert "sauvegardes" in err.value.message
    slots = KeySlotFile.load(vault.keyslots_path)
    keys = slots.open_slot(slots.find("admin"), ADMIN_PASSWORD)
    db = Database(vault.cases_path, keys[CASE_KEY], "old")
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1  # left as it was
    finally:
        db.close()
    (vault_home / upgrade.BACKUP_DIR).unlink()
    vault.unlock("admin", ADMIN_PASSWORD).close()  # once writable, it upgrades
    assert len(backups(vault_home)) == 1


def test_a_new_or_current_vault_gets_no_backup(vault, vault_home):
    vault.unlock("admin", "administrateur du phare de Kerbihan, 1987").close()
    assert backups(vault_home) == []
