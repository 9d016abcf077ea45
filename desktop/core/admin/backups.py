"""Backups as an administrator sees them: make one, list the previous ones, restore one,
and the reminder when the last one is too old.

    info = create_backup(session, folder_or_file, progress)   # BackupInfo
    backup_history(session)                                  # most recent first
    overdue = backup_overdue(session)                        # None, or BackupReminder
    aside = restore_backup(home, archive, login, password)   # the one call to the core restore

The archive itself is written and checked by desktop.core.vault.backup; this module only
names the file, records each backup (path, date, size, audit head: no personal data) in the
vault settings and reads a backup's manifest without opening it.

The reminder follows the CNIL security guide (« sauvegardes contrôlées » of nomadic
devices, DOMAIN.md §8): default 7 days, a vault setting.
"""

from __future__ import annotations

import json
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput, NotAVault

if TYPE_CHECKING:
    from desktop.core.vault import Session

HISTORY_KEY = "sauvegarde.historique"  # [{"path", "created", "size", "medical", "audit"}, …]
REMINDER_KEY = "sauvegarde.rappel_jours"
DEFAULT_REMINDER_DAYS = 7
MAX_REMINDER_DAYS = 90
HISTORY_LENGTH = 50
SUFFIX = ".trame"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime | None  # UTC, from the manifest
    size: int  # bytes
    medical: bool
    audit_seq: int | None  # the last audit entry the backup holds (None: older format)
    audit_hash: str
    present: bool = True  # False: the file is no longer there (drive unplugged, moved)


@dataclass(frozen=True)
class BackupReminder:
    last: datetime | None  # None: never backed up
    days: int  # the delay that has passed


def backup_name(now: datetime | None = None) -> str:
    """`trame-sauvegarde-AAAAMMJJ-HHMMSS.trame` (local time)."""
    now = (now or datetime.now(UTC)).astimezone()
    return f"trame-sauvegarde-{now:%Y%m%d-%H%M%S}{SUFFIX}"


def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        dt = datetime.fromisoformat(str(ts).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def read_backup(path: Path) -> BackupInfo:
    """The manifest of a backup file, without extracting the databases.

    Raises NotAVault (French) for a file that is not a Trame backup, InvalidInput when absent.
    """
    from desktop.core.vault.archive import MANIFEST
    from desktop.core.vault.vault import MEDICAL_DB

    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"Sauvegarde introuvable : « {path} ».")
    try:
        with tarfile.open(path, "r") as tar:
            member = tar.getmember(MANIFEST)
            if not member.isfile() or member.size > 64 * 1024:
                raise NotAVault(f"« {path.name} » n'est pas une sauvegarde Trame.")
            data = json.loads(tar.extractfile(member).read().decode("utf-8"))
            holds_medical = MEDICAL_DB in tar.getnames()
    except (KeyError, tarfile.TarError, OSError, EOFError, ValueError):
        raise NotAVault(f"« {path.name} » n'est pas une sauvegarde Trame lisible.") from None
    if not isinstance(data, dict) or data.get("format") != "trame-backup":
        raise NotAVault(f"« {path.name} » n'est pas une sauvegarde Trame.")
    if bool(data.get("medical")) != holds_medical:
        # The restore trusts the manifest to know whether the live medical base is replaced.
        raise NotAVault(
            f"« {path.name} » a été modifiée : son manifeste ne correspond pas à son contenu "
            "(base médicale). Rien n'a été modifié."
        )
    audit = data.get("audit") if isinstance(data.get("audit"), dict) else {}
    seq = audit.get("seq")
    return BackupInfo(
        path=path,
        created=_parse(data.get("created")),
        size=path.stat().st_size,
        medical=bool(data.get("medical")),
        audit_seq=seq if isinstance(seq, int) else None,
        audit_hash=str(audit.get("hash") or ""),
    )


def create_backup(session: Session, out: Path, progress=None) -> BackupInfo:
    """Back the vault up to `out` (a folder: a new dated file in it; else the file to write).

    `progress(fraction 0–1, French step)`. Raises InvalidInput when the file exists (nothing
    is overwritten), StorageError and the like for a full or read-only drive. Audited
    (`vault.backup`) by the core backup.

    The backup is entered in the history *before* the copy is made, so that a vault restored
    from it knows it was backed up then (and the home screen does not ask for a backup at
    once); the entry is removed if the backup fails.

    :raises InvalidInput: the file already exists.
    :raises KeySlotsDamaged: the key file changed on disk since the unlock.
    :raises NotWritable, DiskFull: the drive refuses the copy (nothing half-written is kept).
    """
    from desktop.core.vault.backup import backup

    out = Path(out)
    if out.is_dir():
        out = out / backup_name()
    if out.exists():
        raise InvalidInput(
            f"« {out} » existe déjà : choisissez un autre nom (rien n'a été écrasé)."
        )
    _check_key_slots(session)
    before = _history(session)
    entry = {
        "path": str(out),
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": 0,
        "medical": session.has_medical_access(),
        "audit": {},
    }
    session.settings.set(HISTORY_KEY, [entry, *before][:HISTORY_LENGTH])
    try:
        result = backup(session, out, progress)
    except BaseException:
        session.settings.set(HISTORY_KEY, before)
        raise
    info = read_backup(result.path)
    entry.update(
        created=info.created.strftime("%Y-%m-%dT%H:%M:%SZ") if info.created else "",
        size=info.size,
        medical=info.medical,
        audit={"seq": info.audit_seq, "hash": info.audit_hash},
    )
    session.settings.set(HISTORY_KEY, [entry, *before][:HISTORY_LENGTH])
    if progress:
        progress(1.0, "Sauvegarde écrite")
    return info


def _check_key_slots(session: Session) -> None:
    """The key-slot file on disk is what the backup copies as is: damaged or replaced since
    the unlock, the backup would open nothing. Raises KeySlotsDamaged (French)."""
    from desktop.core.errors import KeySlotsDamaged
    from desktop.core.vault.keyslots import CASE_KEY, KeySlotFile

    disk = KeySlotFile.load(session.vault.keyslots_path)  # KeySlotsDamaged when unreadable
    case_key = bytes(session._keys[CASE_KEY]) if CASE_KEY in session._keys else None
    if disk.vault_id != session.slots.vault_id or (case_key and not disk.mac_ok(case_key)):
        raise KeySlotsDamaged(
            "Le fichier des clés « keyslots.json » a changé depuis l'ouverture du coffre "
            "(endommagé ou remplacé) : aucune sauvegarde n'a été écrite. Fermez Trame et "
            "prévenez l'administrateur."
        )


def _history(session: Session) -> list[dict]:
    value = session.settings.get(HISTORY_KEY, [])
    return [x for x in value if isinstance(x, dict) and x.get("path")] if value else []


def _stored(item: dict, present: bool) -> BackupInfo:
    audit = item.get("audit") if isinstance(item.get("audit"), dict) else {}
    seq = audit.get("seq")
    return BackupInfo(
        path=Path(item["path"]),
        created=_parse(item.get("created")),
        size=int(item.get("size") or 0),
        medical=bool(item.get("medical")),
        audit_seq=seq if isinstance(seq, int) else None,
        audit_hash=str(audit.get("hash") or ""),
        present=present,
    )


def backup_history(session: Session, read_files: bool = True) -> list[BackupInfo]:
    """Backups made from this vault, most recent first. A file still in place is described
    by its own manifest (the audit head it carries); `present` is False for a file no
    longer where it was written (drive unplugged, moved)."""
    out = []
    for item in _history(session):
        path = Path(item["path"])
        if read_files and path.is_file():
            try:
                out.append(read_backup(path))
                continue
            except (NotAVault, InvalidInput):
                pass
        out.append(_stored(item, path.is_file()))
    return out


def reminder_days(session: Session) -> int:
    value = session.settings.get(REMINDER_KEY, DEFAULT_REMINDER_DAYS)
    return (
        value
        if isinstance(value, int) and 1 <= value <= MAX_REMINDER_DAYS
        else DEFAULT_REMINDER_DAYS
    )


def set_reminder_days(session: Session, days: int) -> None:
    """The delay after which the home screen reminds to back up (1–90 days); audited."""
    if not isinstance(days, int) or not 1 <= days <= MAX_REMINDER_DAYS:
        raise InvalidInput(f"Le délai de rappel va de 1 à {MAX_REMINDER_DAYS} jours.")
    session.settings.set(REMINDER_KEY, days)


def backup_overdue(session: Session, now: datetime | None = None) -> BackupReminder | None:
    """None when the last backup is recent enough; else when it was (None: never)."""
    now = now or datetime.now(UTC)
    days = reminder_days(session)
    dates = [b.created for b in backup_history(session, read_files=False) if b.created]
    last = max(dates) if dates else None
    if last is not None and now - last < timedelta(days=days):
        return None
    return BackupReminder(last, days)


def restore_backup(
    home: Path,
    archive: Path,
    login: str | None,
    password: str,
    *,
    accept_rollback: bool = False,
    notes: list[str] | None = None,
) -> Path | None:
    """Check the backup with the user's password, then put it in place of the vault.

    The single call from both front ends to desktop.core.vault.backup.restore (its rules:
    the keys must open the backup; the current files are moved to
    `home/avant-restauration-<date>/`, never deleted). Returns that folder or None.

    The restored chain gets a `vault.restore` entry (object: the audit head the backup
    carries) unless the core restore already wrote one *during this call*: the manifest is
    plain, unauthenticated JSON (older backups carry no head), so an entry the backup already
    held must never stand for this restore.

    A sealing certificate disabled in the current vault (lost or compromised) stays disabled
    even when the backup predates its disablement; `notes` (a list, when given) receives one
    French sentence per certificate so kept disabled, for the user to read.

    :raises InvalidInput: the backup file is missing.
    :raises NotAVault: the file is not a (complete) Trame backup.
    :raises WrongPassword, Throttled: the password does not open the backup.
    :raises NotWritable, DiskFull: the vault folder cannot be written (nothing replaced).
    """
    from desktop.core.vault import Vault
    from desktop.core.vault.audit import utc_now
    from desktop.core.vault.backup import restore

    info = read_backup(archive)
    started = utc_now()
    aside = restore(Path(home), Path(archive), login, password, accept_rollback=accept_rollback)
    with Vault(Path(home)).unlock(login, password) as session:
        since = info.audit_seq or 0
        if not any(e.ts >= started for e in session.audit.entries("vault.restore")):
            session.audit.append(session.user_id, "vault.restore", str(since))
        if notes is not None:
            notes.extend(_kept_disabled_notes(session, started))
    return aside


def _kept_disabled_notes(session: Session, since: str) -> list[str]:
    """French warnings for the certificates the restore just kept disabled."""
    from desktop.core.seal.store import CertificateStore

    store = CertificateStore(session)
    out = []
    for entry in session.audit.entries("cert.disable"):
        rec = store.get(int(entry.object_id)) if entry.ts >= since else None
        if rec is not None:
            out.append(
                f"Le certificat de sceau « {rec.subject} » (empreinte {rec.fingerprint[:16]}…) "
                "était actif dans la sauvegarde mais a été désactivé depuis (perdu ou "
                "compromis) : il reste désactivé ; son titulaire doit en créer ou en importer "
                "un nouveau avant de sceller."
            )
    return out
