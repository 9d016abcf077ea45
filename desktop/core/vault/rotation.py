"""Key rotation: new data keys, databases re-keyed in place, keys re-sealed to remaining slots.

    rotate(session, {"case"})  -> RotationResult

Run when an account is disabled or loses a role, and by `trame keys rotate`. After it, an old
copy of the key-slot file (a backup, a disk image) and the password of a removed account no
longer open the live databases: their keys changed (SQLCipher `PRAGMA rekey`).

Crash safety (SIGKILL at any moment leaves the old or the new key working, never neither):
one key at a time,
  1. the new slot file and the old key wrapped under the new one are written to the journal
     `rotation.json` (atomic, fsynced) — nothing else has changed yet;
  2. `PRAGMA rekey` rewrites every page in one WAL transaction: before its commit the old
     key opens the database, after it the new one;
  3. the new slot file replaces the old one (atomic), then the journal is removed.
At the next unlock, a journal left behind is finished by any account present in it
(`finish_pending`): it finds which key opens the database, re-keys if needed and installs the
new slot file. An account absent from the journal (the one being removed) is refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import TrameError, UserDisabled, VaultCorrupt
from desktop.core.logging import log_event
from desktop.core.vault import crypto
from desktop.core.vault.audit import keep_audit_key
from desktop.core.vault.db import Database, DatabaseError, translate
from desktop.core.vault.fsutil import atomic_write, fsync_dir
from desktop.core.vault.keyslots import (
    CASE_KEY,
    KIND_PASSWORD,
    MEDICAL_KEY,
    KeySlotFile,
    Slot,
)

JOURNAL = "rotation.json"
FORMAT = "trame-rotation"
_LABELS = {CASE_KEY: "la base des dossiers", MEDICAL_KEY: "la base médicale"}


@dataclass
class RotationResult:
    """`rotated`: key names changed; `dropped`: user ids of slots made before version 2 that
    could not receive the new key (their password must be reset with a recovery key)."""

    rotated: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def _aad(name: str) -> bytes:
    return f"trame-rotation-previous|{name}".encode()


def _db_path(vault, name: str) -> Path:
    return vault.cases_path if name == CASE_KEY else vault.medical_path


def rotate(session, names, reason: str = "manual") -> RotationResult:
    """Replace the data keys `names` (subset of {"case", "medical"}) the session holds.

    Raises PermissionDenied when the session lacks one of them; TrameError (French) on disk
    errors — the vault then opens with the old or the new key (see module docstring).
    """
    result = RotationResult()
    for name in (MEDICAL_KEY, CASE_KEY):  # medical first: it only needs its own key
        if name in names:
            session._key(name)  # PermissionDenied before any change
    for name in (MEDICAL_KEY, CASE_KEY):
        if name in names:
            _rotate_one(session, name, result)
            session.audit.append(session.user_id, "vault.rotate", f"{name}:{reason}"[:80])
    log_event("vault.rotate", keys=",".join(result.rotated))
    return result


def _rotate_one(session, name: str, result: RotationResult) -> None:
    vault = session.vault
    old = session._key(name)
    new = crypto.new_key()
    slots = KeySlotFile.load(vault.keyslots_path)
    # A slot counts only when an authority registered its signing key in the audit chain:
    # the key-slot file's MAC is keyed by the case key, so any enquêteur could have added a
    # slot of his own there (a ghost account), which must not receive the new key.
    # Its public keys are in clear, so a planted slot may also copy a registered account's id
    # and signing key (with box keys of its own): a key or id held by two slots is trusted in
    # neither, except in the slot of the session rotating (it has just opened it).
    vouched = session.audit.vouched_keys()
    live = [s for s in slots.slots if not s.disabled and s.kind != "medical-enrolment"]
    pubs = [s.sign_pub for s in live]
    ids = [s.user_id for s in live]
    for slot in slots.slots:
        if name not in slot.holds():
            continue
        copied = slot.slot_id != session.slot.slot_id and (
            pubs.count(slot.sign_pub) > 1 or ids.count(slot.user_id) > 1
        )
        if slot.disabled:
            slot.keys, slot.sealed = {}, {}
        elif (
            slot.legacy
            or copied
            or (vouched is not None and slot.sign_pub not in vouched.get(slot.user_id, ()))
        ):
            # No public key yet, or one no authority registered: not sealed to.
            slot.keys.pop(name, None)
            slot.sealed.pop(name, None)
            result.dropped.append(slot.user_id)
        else:
            slots.seal_for(slot, name, new)
    payload = slots.serialized(new if name == CASE_KEY else session._key(CASE_KEY))
    db = session.cases_db if name == CASE_KEY else session.medical_db
    if name == CASE_KEY:
        with db.transaction():  # the chain's HMAC key outlives the case key it came from
            keep_audit_key(db, session.audit._key)
    journal = {
        "format": FORMAT,
        "version": 1,
        "key": name,
        "previous": crypto.wrap(new, old, _aad(name)),
        "slots": crypto.b64(payload),
    }
    atomic_write(vault.home / JOURNAL, json.dumps(journal).encode())
    _rekey(db, new)
    _install(vault, payload)
    session.slots = KeySlotFile.load(vault.keyslots_path)
    session.slot = next(s for s in session.slots.slots if s.slot_id == session.slot.slot_id)
    key = session._keys[name]
    for i in range(len(key)):
        key[i] = 0
    session._keys[name] = bytearray(new)
    result.rotated.append(name)


def _rekey(db: Database, new: bytes) -> None:
    try:
        db.checkpoint()
        db.conn.execute(f"PRAGMA rekey = \"x'{new.hex()}'\"")
        db.checkpoint()
    except DatabaseError as exc:
        raise translate(exc, db.label, db.path.parent) from exc


def _install(vault, payload: bytes) -> None:
    atomic_write(vault.keyslots_path, payload)
    (vault.home / JOURNAL).unlink(missing_ok=True)
    fsync_dir(vault.home)


def read_journal(vault) -> dict | None:
    """The pending rotation journal, or None. Raises KeySlotsDamaged when unreadable."""
    path = vault.home / JOURNAL
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a journal")
        if data.get("key") not in (CASE_KEY, MEDICAL_KEY):
            raise ValueError("bad key name")
        data["slots_file"] = KeySlotFile.parse(crypto.unb64(data["slots"]), vault.keyslots_path)
        return data
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        # Written atomically: a damaged journal means the rotation never reached step 2.
        from desktop.core.errors import KeySlotsDamaged

        raise KeySlotsDamaged(
            f"Le journal de rotation des clés « {JOURNAL} » est illisible : le coffre n'est "
            "pas ouvert. Restaurez une sauvegarde (trame restore)."
        ) from None


def finish_pending(vault, login_hash: str, secret: str, kind: str = KIND_PASSWORD) -> bool:
    """Complete a rotation interrupted by a crash, opening the journal with this account.

    Returns True when a journal was finished (or needed nothing), False when there was none
    or this account does not hold the rotated key (it opens with the current file).
    Raises UserDisabled when the account is not in the journal (it is being removed),
    WrongPassword-style None handling is left to the caller (returns False on a bad secret).
    """
    journal = read_journal(vault)
    if journal is None:
        return False
    slots: KeySlotFile = journal["slots_file"]
    if kind == KIND_PASSWORD:
        slot: Slot | None = next((s for s in slots.slots if s.login_hash == login_hash), None)
    else:
        slot = next((s for s in slots.slots if s.kind == kind), None)
    if slot is None or slot.disabled or not slot.holds():
        raise UserDisabled("Ce compte est désactivé. Adressez-vous à l'administrateur.")
    name = journal["key"]
    if name not in slot.holds():
        return False
    keys = slots.open_slot(slot, secret)
    if keys is None:
        return False
    new = keys[name]
    old = crypto.unwrap(new, journal["previous"], _aad(name))
    if old is None:
        return False
    path = _db_path(vault, name)
    label = _LABELS[name]
    if not _opens(path, new, label):
        if not _opens(path, old, label):
            raise VaultCorrupt(
                f"{label} ne s'ouvre ni avec l'ancienne ni avec la nouvelle clé. "
                "Restaurez une sauvegarde (trame restore)."
            )
        db = Database(path, old, label)
        try:
            _rekey(db, new)
        finally:
            db.close()
    _install(vault, crypto.unb64(journal["slots"]))
    log_event("vault.rotate.finished", key=name)
    return True


def _opens(path: Path, key: bytes, label: str) -> bool:
    try:
        db = Database(path, key, label)
    except TrameError:
        return False
    db.close()
    return True


__all__ = ["JOURNAL", "RotationResult", "finish_pending", "read_journal", "rotate"]
