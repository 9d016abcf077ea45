"""Encrypted backups through sqlcipher_export, and a checked, non-destructive restore.

A backup is an uncompressed tar with the key-slot file and an exported copy of each
database the user holds the key of (still encrypted with the same keys). A police account
cannot export the medical database: its backup says so and leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import InvalidInput, NotAVault, TrameError
from desktop.core.vault.archive import MANIFEST, new_manifest, write_archive
from desktop.core.vault.fsutil import fsync_dir, os_error
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY
from desktop.core.vault.vault import CASES_DB, KEYSLOTS_FILE, MEDICAL_DB, Session, Vault


@dataclass(frozen=True)
class BackupResult:
    path: Path
    includes_medical: bool


def backup(session: Session, out: Path, progress=None) -> BackupResult:
    """Write an encrypted backup to `out`; its manifest carries the audit head it contains.

    `progress(fraction, French step)` is called between steps (from the calling thread).
    """
    step = progress or (lambda _f, _m: None)
    out = Path(out)
    if out.exists():
        raise InvalidInput(
            f"« {out} » existe déjà : choisissez un autre nom (rien n'a été écrasé)."
        )
    parent = out.parent if str(out.parent) else Path(".")
    try:
        work = Path(tempfile.mkdtemp(prefix=".trame-backup-", dir=parent))
    except OSError as exc:
        raise os_error(exc, parent) from exc
    try:
        step(0.0, "Contrôle d'intégrité des bases")
        session.check_integrity()  # never put a damaged base in a backup
        medical = session.has_medical_access()
        medical_db = session.medical_db if medical else None  # opening it is audited
        seq, head = session.audit.head()  # the last entry the copy holds
        step(0.4, "Copie chiffrée de la base des dossiers")
        session.cases_db.export_to(work / CASES_DB, session._key(CASE_KEY))
        if medical_db is not None:
            step(0.6, "Copie chiffrée de la base médicale")
            medical_db.export_to(work / MEDICAL_DB, session._key(MEDICAL_KEY))
        shutil.copyfile(session.vault.keyslots_path, work / KEYSLOTS_FILE)
        manifest = new_manifest(session.slots.vault_id, medical, audit={"seq": seq, "hash": head})
        step(0.85, "Écriture de l'archive")
        try:
            write_archive(work, manifest, out)
        except OSError as exc:
            raise os_error(exc, parent) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    session.audit.append(session.user_id, "vault.backup", "medical" if medical else "cases")
    return BackupResult(out, medical)


def _extract(archive: Path, into: Path) -> dict:
    try:
        with tarfile.open(archive, "r") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if MANIFEST not in members:
                raise NotAVault(f"« {archive.name} » n'est pas une sauvegarde Trame.")
            for name in (MANIFEST, KEYSLOTS_FILE, CASES_DB, MEDICAL_DB):
                member = members.get(name)
                if member is None:
                    continue
                if not member.isfile():
                    raise NotAVault(f"« {archive.name} » contient une entrée invalide.")
                src = tar.extractfile(member)
                with open(into / name, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise NotAVault(
            f"« {archive.name} » n'est pas une sauvegarde Trame lisible ({exc})."
        ) from None
    manifest = json.loads((into / MANIFEST).read_text("utf-8"))
    if manifest.get("format") != "trame-backup":
        raise NotAVault(f"« {archive.name} » n'est pas une sauvegarde Trame.")
    return manifest


def restore(home: Path, archive: Path, login: str, password: str) -> Path | None:
    """Check the backup with the user's password, then put it in place.

    The current files are moved aside into `home/avant-restauration-<date>/`, never deleted.
    Returns that folder (None when the vault folder was empty).
    """
    home = Path(home)
    archive = Path(archive)
    if not archive.is_file():
        raise InvalidInput(f"Sauvegarde introuvable : « {archive} ».")
    home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    try:
        manifest = _extract(archive, staging)
        if not (staging / CASES_DB).exists() or not (staging / KEYSLOTS_FILE).exists():
            raise NotAVault("La sauvegarde est incomplète (base des dossiers ou clés absentes).")
        check = Vault(staging)
        session = check.unlock(login, password)  # proves the keys
        try:
            # every page of what this account can open, in what the backup holds
            session.check_integrity(medical=bool(manifest.get("medical")))
        finally:
            session.close()
        for suffix in ("-wal", "-shm"):
            for name in (CASES_DB, MEDICAL_DB):
                (staging / f"{name}{suffix}").unlink(missing_ok=True)
        (staging / "throttle.json").unlink(missing_ok=True)
        aside = None
        current = [n for n in (KEYSLOTS_FILE, CASES_DB, MEDICAL_DB) if (home / n).exists()]
        if current:
            aside = home / time.strftime("avant-restauration-%Y%m%d-%H%M%S")
            aside.mkdir()
            for name in os.listdir(home):
                if name in (KEYSLOTS_FILE, CASES_DB, MEDICAL_DB) or any(
                    name == f"{db}{s}" for db in (CASES_DB, MEDICAL_DB) for s in ("-wal", "-shm")
                ):
                    os.replace(home / name, aside / name)
        if not manifest.get("medical") and aside is not None and (aside / MEDICAL_DB).exists():
            # The backup had no medical part: keep the current medical database in place.
            for s in ("", "-wal", "-shm"):
                if (aside / f"{MEDICAL_DB}{s}").exists():
                    shutil.copy2(aside / f"{MEDICAL_DB}{s}", staging / f"{MEDICAL_DB}{s}")
        for name in (CASES_DB, MEDICAL_DB, KEYSLOTS_FILE):  # slot file last
            if (staging / name).exists():
                os.replace(staging / name, home / name)
            for s in ("-wal", "-shm"):
                if (staging / f"{name}{s}").exists():
                    os.replace(staging / f"{name}{s}", home / f"{name}{s}")
        fsync_dir(home)
        return aside
    except OSError as exc:
        raise os_error(exc, home) from exc
    except TrameError:
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
