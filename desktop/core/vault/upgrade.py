"""Backup before migrating: a vault made by an earlier version is saved before its schema moves.

Session._open calls `backup_before_migration(session, db, steps)` after the integrity check
and before `migrations.migrate`. When the database's PRAGMA user_version is below the latest
migration, it writes `<vault>/sauvegardes/avant-mise-a-jour-<old>-<new>-<date>.trame`: the
same archive as `trame backup` (a tar with the key-slot file and a sqlcipher_export copy of
each database the session holds the key of, still encrypted), which `trame restore` accepts.
If the backup cannot be written, nothing is migrated and the error says why.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from desktop.core.logging import log_event
from desktop.core.vault import migrations
from desktop.core.vault.archive import new_manifest, write_archive
from desktop.core.vault.db import Database
from desktop.core.vault.fsutil import ensure_writable_dir, os_error
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY

BACKUP_DIR = "sauvegardes"


def schema_version(db: Database) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def backup_before_migration(session, db: Database, steps: dict) -> Path | None:
    """Save the vault before `db` is migrated; return the archive (None: nothing to migrate)."""
    old = schema_version(db)
    new = migrations.latest(steps)
    if not 0 < old < new:
        return None
    vault = session.vault
    medical = db.path == vault.medical_path
    folder = Path(vault.home) / BACKUP_DIR
    ensure_writable_dir(folder)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    kind = "-medicale" if medical else ""
    out = _free_name(folder / f"avant-mise-a-jour{kind}-{old}-{new}-{stamp}.trame")
    work = Path(tempfile.mkdtemp(prefix=".trame-upgrade-", dir=folder))
    try:
        included_medical = False
        for path, key_name in ((vault.cases_path, CASE_KEY), (vault.medical_path, MEDICAL_KEY)):
            if key_name not in session._keys or not path.exists():
                continue
            key = session._key(key_name)
            if path == db.path:
                db.export_to(work / path.name, key)
            else:  # the other database, through its own short-lived connection
                label = "la base médicale" if key_name == MEDICAL_KEY else "la base des dossiers"
                other = Database(path, key, label)
                try:
                    other.export_to(work / path.name, key)
                finally:
                    other.close()
            included_medical = included_medical or key_name == MEDICAL_KEY
        shutil.copyfile(vault.keyslots_path, work / vault.keyslots_path.name)
        manifest = new_manifest(
            session.slots.vault_id,
            included_medical,
            reason="avant-mise-a-jour",
            schema={"database": "medical" if medical else "cases", "from": old, "to": new},
        )
        write_archive(work, manifest, out)
    except OSError as exc:
        raise os_error(exc, folder) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log_event("vault.upgrade.backup", database="medical" if medical else "cases", old=old, new=new)
    return out


def _free_name(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate
