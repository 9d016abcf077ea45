"""Encrypted backups through sqlcipher_export, and a checked, non-destructive restore.

A backup is an uncompressed tar with the key-slot file and an exported copy of each
database the user holds the key of (still encrypted with the same keys), and a manifest
carrying the audit head (an anchor: `trame audit check BACKUP`). A police account cannot
export the medical database: its backup says so and leaves it out.

Restore rules (issue 15), when a vault already exists in the folder:
- the account must be enabled in the *current* vault (its password is checked there), and
  the backup must open with the same account (its password, its slot in the backup);
- the case database is restored only by an administrator, the medical database only by a
  médecin (or the medical recovery key); each restored database is re-keyed to the current
  keys, and the current key-slot file is kept: accounts disabled since the backup stay
  disabled, old copies of the key-slot file open nothing;
- a backup older than the current audit head is refused unless `accept_rollback`; the restore
  appends `vault.restore` (object: the backup's head) and, with `accept_rollback`,
  `vault.rollback` (object: the head that was lost).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import (
    InvalidInput,
    KeySlotsDamaged,
    NotAVault,
    PermissionDenied,
    VaultCorrupt,
    WrongPassword,
)
from desktop.core.vault import anchors, rotation
from desktop.core.vault.archive import extract_backup, new_manifest, write_archive
from desktop.core.vault.audit import ENROLMENT_ISSUE, USER_DISABLE, keep_audit_key
from desktop.core.vault.enrolment import KIND_ENROLMENT
from desktop.core.vault.fsutil import fsync_dir, os_error
from desktop.core.vault.keyslots import (
    CASE_KEY,
    KIND_MEDICAL_RECOVERY,
    KIND_RECOVERY,
    MEDICAL_KEY,
    KeySlotFile,
    check_slots_mac,
    upgrade_legacy_slot,
)
from desktop.core.vault.vault import CASES_DB, KEYSLOTS_FILE, MEDICAL_DB, Session, Vault

_DB_FILES = (CASES_DB, MEDICAL_DB)
_SUFFIXES = ("", "-wal", "-shm")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    includes_medical: bool


def backup(session: Session, out: Path, progress=None) -> BackupResult:
    """Write an encrypted backup to `out` (never overwritten); its manifest carries the audit
    head it contains. `progress(fraction, French step)` is called between steps (from the
    calling thread). Raises InvalidInput, DiskFull, VaultCorrupt (damaged base: not copied)."""
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


def restore(
    home: Path, archive: Path, login: str | None, password: str, *, accept_rollback: bool = False
) -> Path | None:
    """Check the backup, then put the databases the account may restore in place.

    The replaced files are moved into `home/avant-restauration-<date>/`, never deleted;
    returns that folder (None when the folder held no vault). Raises NotAVault (bad archive,
    one-line French message), WrongPassword, UserDisabled, PermissionDenied, InvalidInput
    (rollback refused: the backup is older than the current audit head).
    """
    home = Path(home)
    archive = Path(archive)
    if not archive.is_file():
        raise InvalidInput(f"Sauvegarde introuvable : « {archive} ».")
    home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    try:
        manifest = extract_backup(archive, staging, free=shutil.disk_usage(home).free)
        if (home / KEYSLOTS_FILE).exists():
            return _restore_into_live(home, staging, manifest, login, password, accept_rollback)
        return _restore_fresh(home, staging, login, password)
    except OSError as exc:
        raise os_error(exc, home) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _restore_fresh(home: Path, staging: Path, login, password) -> None:
    """No vault here (a new machine): the backup goes in place as it is, once it opens."""
    with _staging_vault(staging).unlock(login, password) as session:
        session.check_integrity(medical=(staging / MEDICAL_DB).exists())
        seq, head = session.audit.head()
        session.audit.append(session.user_id, "vault.restore", f"{seq}:{head}")
        anchors.remember_head(session.slots.vault_id, *session.audit.head())
    _clean_staging(staging)
    for name in (*_DB_FILES, KEYSLOTS_FILE):  # slot file last
        if (staging / name).exists():
            os.replace(staging / name, home / name)
    fsync_dir(home)
    return None


def _restore_into_live(home, staging, manifest, login, password, accept_rollback) -> Path:
    live_vault = Vault(home)
    try:
        live = live_vault.unlock(login, password)  # enabled in the *current* vault
    except (KeySlotsDamaged, VaultCorrupt, NotAVault):
        if not accept_rollback:
            raise InvalidInput(
                "Le coffre actuel ne s'ouvre pas (fichiers endommagés) : les comptes désactivés "
                "depuis la sauvegarde ne peuvent pas être vérifiés. Relancez avec "
                "--accept-rollback pour remplacer tout le coffre par la sauvegarde "
                "(ce sera écrit dans le journal). Rien n'a été modifié."
            ) from None
        return _replace_damaged(home, staging, login, password)
    with live:
        admin = live.role == "administrateur" and live.slot.kind in ("password", KIND_RECOVERY)
        medical = live.has_medical_access() and (
            live.role == "medecin" or live.slot.kind == KIND_MEDICAL_RECOVERY
        )
        parts = []
        if admin:
            parts.append(CASE_KEY)
        if medical and manifest.get("medical") and (staging / MEDICAL_DB).exists():
            parts.append(MEDICAL_KEY)
        if not parts:
            raise PermissionDenied(
                "Seul l'administrateur restaure la base des dossiers, et seul un médecin "
                "(ou la clé de secours médicale) la base médicale. Rien n'a été modifié."
            )
        live_keys = {name: live._key(name) for name in parts}
        live_head = live.audit.head()
        live_chain = [(e.seq, e.action, e.object_id, e.hash) for e in live.audit.entries()]
        live_slot = live.slot
        if live.slots.vault_id != manifest.get("vault_id"):
            raise InvalidInput("Cette sauvegarde vient d'un autre coffre : rien n'a été modifié.")
        users = live.users.list()
        disabled_certs = _disabled_certificates(live) if admin else {}
        # Only keys an authority registered in the live chain: a slot added to the key-slot
        # file by a case key holder (its MAC is keyed by the case key) is not registered here.
        vouched = live.audit.vouched_keys()
        live_pubs = {
            s.user_id: (s.sign_pub, s.role == "administrateur", s.role, s.kind)
            for s in live.slots.slots
            if s.sign_pub
            and not s.disabled
            and (vouched is None or s.sign_pub in vouched.get(s.user_id, ()))
        }
    session = _open_backup(staging, live_slot, password)
    try:
        head = _backup_head(session, manifest)
        if CASE_KEY in parts:
            backup_seq = head
            lost = _lost_entries(live_chain, backup_seq)
            if lost and not accept_rollback:
                raise InvalidInput(
                    f"Cette sauvegarde est plus ancienne que le coffre actuel (journal : entrée "
                    f"n° {backup_seq[0]} contre n° {live_head[0]}) : la restaurer effacerait ce "
                    "qui a été fait depuis. Relancez avec --accept-rollback pour l'accepter "
                    "(ce sera écrit dans le journal). Rien n'a été modifié."
                )
            _merge_accounts(session, users, live_pubs)
            session.audit.append(session.user_id, "vault.restore", f"{head[0]}:{head[1]}")
            _keep_certificates_disabled(session, disabled_certs)
            if lost:
                session.audit.append(
                    session.user_id, "vault.rollback", f"{live_head[0]}:{live_head[1]}"
                )
            with session.cases_db.transaction():
                keep_audit_key(session.cases_db, session.audit._key)
            restored_head = session.audit.head()
            rotation._rekey(session.cases_db, live_keys[CASE_KEY])
        if MEDICAL_KEY in parts:
            rotation._rekey(session.medical_db, live_keys[MEDICAL_KEY])
    finally:
        session.close()
    _clean_staging(staging)
    aside = _new_aside(home)
    for name in (CASES_DB if k == CASE_KEY else MEDICAL_DB for k in parts):
        for s in ("", "-wal", "-shm"):
            if (home / f"{name}{s}").exists():
                os.replace(home / f"{name}{s}", aside / f"{name}{s}")
        os.replace(staging / name, home / name)
    shutil.copy2(home / KEYSLOTS_FILE, aside / KEYSLOTS_FILE)  # kept in place, copied for reference
    fsync_dir(home)
    if CASE_KEY in parts:  # the accepted rollback is this computer's new last seen head
        anchors.remember_head(manifest["vault_id"], *restored_head)
    if CASE_KEY not in parts:  # medical only: the case chain stays, the restore goes in it
        with live_vault.unlock(login, password) as live:
            live.audit.append(live.user_id, "vault.restore", f"medical:{head[0]}")
    return aside


def _new_aside(home: Path) -> Path:
    """A new `avant-restauration-<date>[-n]` folder: two restores in the same second each
    keep their own copy of what they replaced."""
    stem = time.strftime("avant-restauration-%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        aside = home / (stem if n == 1 else f"{stem}-{n}")
        try:
            aside.mkdir()
            return aside
        except FileExistsError:
            continue
    raise FileExistsError(str(home / stem))


def _replace_damaged(home: Path, staging: Path, login, password) -> Path:
    """The current vault cannot be opened: move all of it aside, install the backup."""
    with _staging_vault(staging).unlock(login, password) as session:
        seq, head = session.audit.head()
        session.audit.append(session.user_id, "vault.restore", f"{seq}:{head}")
        session.audit.append(session.user_id, "vault.rollback", "vault-damaged")
        anchors.remember_head(session.slots.vault_id, *session.audit.head())
    _clean_staging(staging)
    aside = _new_aside(home)
    for name in os.listdir(home):
        if name == KEYSLOTS_FILE or any(name == f"{db}{s}" for db in _DB_FILES for s in _SUFFIXES):
            os.replace(home / name, aside / name)
    for name in (*_DB_FILES, KEYSLOTS_FILE):
        if (staging / name).exists():
            os.replace(staging / name, home / name)
    fsync_dir(home)
    return aside


def _staging_vault(staging: Path) -> Vault:
    vault = Vault(staging)
    vault.anchored = False
    return vault


def _open_backup(staging: Path, live_slot, password: str) -> Session:
    """The backup opened by the same account (same user id) with the same password."""
    vault = _staging_vault(staging)
    slots = KeySlotFile.load(staging / KEYSLOTS_FILE)
    slot = next(
        (s for s in slots.slots if s.user_id == live_slot.user_id and s.kind == live_slot.kind),
        None,
    )
    keys = slots.open_slot(slot, password) if slot is not None and not slot.disabled else None
    if keys is None:
        raise WrongPassword(
            "Cette sauvegarde ne s'ouvre pas avec ce compte et ce mot de passe "
            "(compte créé après la sauvegarde, ou mot de passe changé depuis). Rien n'a été modifié."
        )
    check_slots_mac(slots, keys)
    upgrade_legacy_slot(slots, slot, password, keys)
    session = Session(vault, slots, slot, keys)
    try:  # every page of what this account can open, in what the backup holds
        session.check_integrity(medical=(staging / MEDICAL_DB).exists())
    except BaseException:
        session.close()
        raise
    return session


def _backup_head(session: Session, manifest: dict) -> tuple[int, str]:
    """The backup's own head: the one its manifest carries when the chain holds it, else the
    last entry before this session's unlock (older backups)."""
    audit = manifest.get("audit")
    if isinstance(audit, dict) and session.audit.hash_at(audit["seq"]) == audit["hash"]:
        return audit["seq"], audit["hash"]
    entries = session.audit.entries("vault.unlock")
    last = entries[-1].seq - 1 if entries else session.audit.head()[0]
    return last, session.audit.hash_at(last) or ""


_BENIGN = frozenset({"vault.unlock", "vault.backup", "medical.open", "audit.verify"})
_BENIGN_OBJECTS = {"settings.change": "sauvegarde.historique"}  # the backup list (core.admin)


def _lost_entries(live_chain, backup_head: tuple[int, str]) -> int:
    """How many current audit entries the restore would drop (opening the vault and taking
    the backup itself do not count). A backup from another branch of the chain loses all."""
    seq, digest = backup_head
    same_branch = any(s == seq and h == digest for s, _, _, h in live_chain) or seq == 0
    if not same_branch:
        return len(live_chain)
    return sum(
        1
        for s, action, obj, _ in live_chain
        if s > seq and action not in _BENIGN and _BENIGN_OBJECTS.get(action) != obj
    )


def _merge_accounts(session: Session, users, live_pubs) -> None:
    """The restored users table follows the current vault: accounts created since are added,
    accounts disabled since stay disabled; current signing keys are registered."""
    db = session.cases_db
    with db.transaction():
        for u in users:
            row = db.execute("SELECT disabled_at FROM users WHERE id = ?", (u.id,)).fetchone()
            if u.disabled_at and row is not None and row[0] is None:
                # Disabled since the backup: the restored chain says so, so that account's key
                # (an old copy of its slot still yields it) signs nothing from here.
                session.audit.append(session.user_id, USER_DISABLE, u.id)
            db.execute(
                "INSERT INTO users (id, login, role, created_at, disabled_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " role = excluded.role, disabled_at = excluded.disabled_at",
                (u.id, u.login, u.role, u.created_at, u.disabled_at),
            )
        known = {r[0] for r in db.execute("SELECT pub FROM account_keys").fetchall()}
        for user_id, (pub, root, role, kind) in live_pubs.items():
            if pub not in known:  # the medical side's keys (médecins, medical recovery) stay on it
                medical = role == "medecin" and session.role != "medecin"
                session.audit.register_key(session.user_id, user_id, pub, root, medical)
                if kind == KIND_ENROLMENT and medical and session.audit.key_registered(pub):
                    # A waiting enrolment code stays single-use in the restored chain.
                    session.audit.append(session.user_id, ENROLMENT_ISSUE, user_id)


def _disabled_certificates(session: Session) -> dict[str, str]:
    """The sealing certificates disabled in the current vault (`cert.disable`: reported lost
    or compromised), fingerprint -> certificate id. A certificate merely replaced by a newer
    one of the same account is not in it."""
    ids = {e.object_id for e in session.audit.entries("cert.disable")}
    rows = session.cases_db.execute(
        "SELECT id, fingerprint FROM certificates WHERE active = 0"
    ).fetchall()
    return {fp: str(cert_id) for cert_id, fp in rows if str(cert_id) in ids}


def _keep_certificates_disabled(session: Session, disabled: dict[str, str]) -> list[int]:
    """A certificate disabled in the current vault stays disabled in the restored one: a
    backup made before the disablement would otherwise make a compromised key the active
    seal again. Each one is re-disabled with a `cert.disable` entry (French warnings:
    desktop.core.admin.backups.restore_backup). Returns the restored certificate ids."""
    if not disabled:
        return []
    db = session.cases_db
    marks = ",".join("?" * len(disabled))
    rows = db.execute(
        f"SELECT id FROM certificates WHERE active = 1 AND fingerprint IN ({marks})",
        tuple(disabled),
    ).fetchall()
    ids = [r[0] for r in rows]
    with db.transaction():
        for cert_id in ids:
            db.execute("UPDATE certificates SET active = 0 WHERE id = ?", (cert_id,))
            session.audit.append(session.user_id, "cert.disable", cert_id)
    return ids


def _clean_staging(staging: Path) -> None:
    for name in _DB_FILES:
        for suffix in ("-wal", "-shm"):
            (staging / f"{name}{suffix}").unlink(missing_ok=True)
    (staging / "throttle.json").unlink(missing_ok=True)
