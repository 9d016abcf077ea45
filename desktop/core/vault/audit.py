"""Append-only audit log inside the case database: HMAC-chained and signed per account.

Each entry is (seq, UTC time, user id, action, object id, previous hash, hash, signature)
with hash = HMAC-SHA256(audit key, canonical entry incl. previous hash) and signature =
Ed25519(acting account's signing key, hash). No statement text and no names go in: actions
are dotted event names and objects are numeric or opaque ids.

Who can rewrite what: any holder of the case key can recompute the HMAC chain, but not the
signature of another account, so editing or deleting an entry followed by another account's
entry is detected. An account's signing public keys are registered by `key.register` entries
(object "<user id>:<base64url key>"), which are themselves in the chain. Rewriting the chain
from an earlier point (or cutting its tail) is caught by the external anchors: the head
(seq + hash) printed on sealed documents, written in export manifests and backups, and kept
outside the data folder (desktop.core.vault.anchors).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.vault import sealing

GENESIS = "0" * 64
SIGNING_START = "audit.signing"  # entries before this marker predate signatures
KEY_REGISTER = "key.register"
# An administrator's or recovery key: it may register others' keys (account creation, password
# reset, restore). Only such a key may register another one.
KEY_ROOT = "key.root"
_KEY_ACTIONS = (KEY_REGISTER, KEY_ROOT, SIGNING_START)
_ACTION = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_OBJECT = re.compile(r"^[A-Za-z0-9_.:#/-]{0,80}$")
_COLS = "seq, ts, user_id, action, object_id, prev_hash, hash, sig"


# A run of identical events (keystroke saves of one answer) shares one entry for this long.
COALESCE_SECONDS = 120.0


def _seconds_between(earlier: str, later: str) -> float:
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ"
    try:
        return (datetime.strptime(later, fmt) - datetime.strptime(earlier, fmt)).total_seconds()
    except ValueError:
        return float("inf")  # an entry in another format never absorbs a new one


def is_plain_id(obj: str) -> bool:
    """True when `obj` may stand as an audit object (ids, never text: ≤ 80 of [A-Za-z0-9_.:#/-])."""
    return bool(_OBJECT.match(obj))


def audit_key(case_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"trame audit v1").derive(
        case_key
    )


def stored_audit_key(db, case_key: bytes) -> bytes:
    """The chain's HMAC key: kept in the database once a key rotation has happened (the case
    key it derived from is gone), else derived from the case key."""
    row = db.execute("SELECT value FROM vault_meta WHERE key = 'audit_key'").fetchone()
    return bytes.fromhex(row[0]) if row else audit_key(case_key)


def keep_audit_key(db, key: bytes) -> None:
    """Store the audit key in the database before the case key it derives from is rotated."""
    db.execute(
        "INSERT OR IGNORE INTO vault_meta (key, value) VALUES ('audit_key', ?)", (key.hex(),)
    )


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def key_object(user_id: str, sign_pub_b64: str) -> str:
    """The object of a key.register entry: "<user id>:<base64url public key, no padding>"."""
    raw = base64.b64decode(sign_pub_b64)
    return f"{user_id}:{base64.urlsafe_b64encode(raw).decode().rstrip('=')}"


def _pub_from_object(obj: str) -> tuple[str, str] | None:
    user_id, _, key = obj.rpartition(":")
    try:
        raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    except ValueError:
        return None
    return (user_id, base64.b64encode(raw).decode()) if len(raw) == 32 else None


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str
    user_id: str
    action: str
    object_id: str
    prev_hash: str
    hash: str
    sig: str = ""


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str
    broken_seq: int | None = None
    reason: str = ""
    signed: int = 0  # entries whose signature was checked


def _digest(key: bytes, seq: int, ts: str, user_id: str, action: str, obj: str, prev: str) -> str:
    message = "\x1f".join([str(seq), ts, user_id, action, obj, prev]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _may_register(signer: str, owner: str, creator: str, creators: dict, roots: set) -> bool:
    """Who may register a signing key for `owner`: himself, whoever registered his first key,
    a root (administrator, recovery key), an account `owner` created (the medical recovery
    key may reset the médecin who made it), or, outside the administrator's tree, an account
    made by the same creator (médecins and the medical recovery key of one enrolment)."""
    if signer in (owner, creator) or signer in roots:
        return True
    made_by = creators.get(signer)
    return creator not in roots and made_by in (owner, creator)


class AuditLog:
    """`signer`: the acting session's Ed25519 private key (None: entries are not signed,
    only for vaults whose chain predates signatures)."""

    def __init__(self, db, key: bytes, signer: bytes | None = None):
        self.db = db
        self._key = key
        self._signer = signer
        # A database still at an older schema (a vault being created by an old release in
        # tests, or before its migration) has no signature column.
        cols = {r[1] for r in db.execute("PRAGMA table_info(audit)").fetchall()}
        self.signatures = "sig" in cols
        if not self.signatures:
            self._signer = None

    def append(
        self, user_id: str, action: str, object_id: object = "", *, coalesce: bool = False
    ) -> Entry:
        """Append one entry in the caller's transaction (or its own) and return it.

        With `coalesce`, an event identical to the last entry (same user, action and object:
        the same answer saved again keystroke after keystroke) less than COALESCE_SECONDS
        after it is not written again and the last entry is returned: the log records who
        changed which answer and when, once per run of edits and at least every two minutes
        of a long run, so a 3-hour hearing does not add an entry per keystroke. Raises
        ValueError when the action or object is not a plain id.
        """
        obj = "" if object_id is None else str(object_id)
        if not _ACTION.match(action) or not is_plain_id(obj):
            # Guards against personal data slipping into the log through a caller's bug.
            raise ValueError("audit entries take an event name and an id only")
        with self.db.transaction():
            row = self.db.execute(
                "SELECT seq, hash, ts, user_id, action, object_id FROM audit"
                " ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            ts = utc_now()
            if coalesce and row and tuple(row[3:]) == (user_id, action, obj):
                # A clock set back (negative gap) never folds a new edit into an old entry.
                if 0 <= _seconds_between(row[2], ts) < COALESCE_SECONDS:
                    return Entry(row[0], row[2], user_id, action, obj, "", row[1])
            seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
            digest = _digest(self._key, seq, ts, user_id, action, obj, prev)
            sig = sealing.sign(self._signer, digest.encode()) if self._signer else ""
            row = (seq, ts, user_id, action, obj, prev, digest, sig)
            if not self.signatures:
                self.db.execute(
                    f"INSERT INTO audit ({_COLS[:-5]}) VALUES (?, ?, ?, ?, ?, ?, ?)", row[:7]
                )
                return Entry(*row)
            self.db.execute(f"INSERT INTO audit ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            if action in _KEY_ACTIONS:
                owner, pub = _pub_from_object(obj)
                self.db.execute(
                    "INSERT OR IGNORE INTO account_keys (pub, user_id, seq) VALUES (?, ?, ?)",
                    (pub, owner, seq),
                )
        return Entry(seq, ts, user_id, action, obj, prev, digest, sig)

    def register_key(self, user_id: str, owner_id: str, sign_pub: str, root: bool = False) -> None:
        """Record `owner_id`'s signing public key (base64) in an entry signed by `user_id`."""
        if not self.signatures or not sign_pub:
            return
        self.append(user_id, KEY_ROOT if root else KEY_REGISTER, key_object(owner_id, sign_pub))

    def ensure_signing(self, user_id: str, owner_id: str, sign_pub: str) -> None:
        """Start signatures (once per vault) and register `sign_pub` for `owner_id` if new."""
        if not sign_pub or not self.signatures:
            return
        started = self.db.execute(
            "SELECT 1 FROM audit WHERE action = ? LIMIT 1", (SIGNING_START,)
        ).fetchone()
        known = self.db.execute("SELECT 1 FROM account_keys WHERE pub = ?", (sign_pub,)).fetchone()
        if not started:  # this account becomes the root: its key opens the signed chain
            self.append(user_id, SIGNING_START, key_object(owner_id, sign_pub))
        elif not known:
            self.append(user_id, KEY_REGISTER, key_object(owner_id, sign_pub))

    def head(self) -> tuple[int, str]:
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def hash_at(self, seq: int) -> str | None:
        row = self.db.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        return row[0] if row else None

    def entries(self, action_prefix: str = "") -> list[Entry]:
        rows = self.db.execute(
            f"SELECT {_COLS} FROM audit WHERE action LIKE ? ORDER BY seq",
            (action_prefix + "%",),
        ).fetchall()
        return [Entry(*r) for r in rows]

    def verify(self) -> ChainReport:
        """Recompute the chain in storage order, check each signature, name the first break."""
        rows = self.db.execute(f"SELECT {_COLS} FROM audit ORDER BY rowid").fetchall()
        prev = GENESIS
        expected_seq = 1
        signing = False
        signed = 0
        keys: dict[str, list[str]] = {}  # account -> its registered signing public keys
        creators: dict[str, str] = {}  # account -> the account that registered its first key
        roots: set[str] = set()  # accounts that may register keys for anyone (made at init)
        for seq, ts, user_id, action, obj, prev_hash, digest, sig in rows:

            def broken(reason: str, seq=seq, prev=prev, signed=signed) -> ChainReport:
                return ChainReport(False, len(rows), prev, seq, reason, signed)

            if seq != expected_seq:
                return broken(f"entrée n° {expected_seq} manquante ou déplacée (trouvé n° {seq})")
            if prev_hash != prev:
                return broken(f"entrée n° {seq} : le lien vers l'entrée précédente est rompu")
            if not hmac.compare_digest(
                _digest(self._key, seq, ts, user_id, action, obj, prev_hash), digest
            ):
                return broken(f"entrée n° {seq} : contenu modifié")
            if action == SIGNING_START and not signing:
                signing = True
                roots.add(user_id)
            if signing:
                pubs = keys.get(user_id, [])
                parsed = _pub_from_object(obj) if action in _KEY_ACTIONS else None
                if action in _KEY_ACTIONS and parsed is None:
                    return broken(f"entrée n° {seq} : clé de signature illisible")
                if parsed and not pubs and parsed[0] == user_id and user_id not in keys:
                    # An account's first key may register itself (upgrade of an older vault).
                    pubs = [parsed[1]]
                if not any(sealing.verify(p, digest.encode(), sig) for p in pubs):
                    return broken(
                        f"entrée n° {seq} : signature absente ou qui n'est pas celle du compte"
                    )
                signed += 1
                if parsed:
                    owner, pub = parsed
                    creator = creators.setdefault(owner, user_id)
                    if action in (KEY_ROOT, SIGNING_START):
                        if user_id not in roots:
                            return broken(
                                f"entrée n° {seq} : clé d'administration enregistrée par un "
                                "compte qui n'en a pas le droit"
                            )
                        roots.add(owner)
                    elif not _may_register(user_id, owner, creator, creators, roots):
                        return broken(
                            f"entrée n° {seq} : clé d'un autre compte enregistrée par un compte "
                            "qui n'en a pas le droit"
                        )
                    keys.setdefault(owner, []).append(pub)
            elif sig:
                return broken(f"entrée n° {seq} : signée avant le début des signatures")
            prev = digest
            expected_seq += 1
        return ChainReport(True, len(rows), prev, signed=signed)
