"""Append-only audit log inside the case database: HMAC-chained and signed per account.

Each entry is (seq, UTC time, user id, action, object id, previous hash, hash, signature)
with hash = HMAC-SHA256(audit key, canonical entry incl. previous hash) and signature =
Ed25519(acting account's signing key, hash). No statement text and no names go in: actions
are dotted event names and objects are numeric or opaque ids.

Who can rewrite what: any holder of the case key can recompute the HMAC chain, but not the
signature of another account, so editing or deleting an entry followed by another account's
entry is detected. An account's signing public keys are registered by `key.*` entries
(object "<user id>:<base64url key>"), which are themselves in the chain, and a key counts
only when registered by an authority the verifier can check (`_Authority`): the vault's
creation for the first administrator, an administrator's key for every other account, the
medical side (the first médecin's key is registered by the one-time enrolment key that the
administrator registered, later médecins by a médecin). An account registers its own first
key only when it existed before signatures started (an upgraded vault). Rewriting the chain
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
# An administrator's or recovery key, registered by a root: it may register others' keys
# (account creation, password reset, restore) and other roots.
KEY_ROOT = "key.root"
# A key of the medical side (the first médecin's enrolment key, a médecin's or the medical
# recovery key at a restore), registered by a root: it may register the keys of médecins.
KEY_MEDICAL = "key.medical"
# At the start of signatures in an upgraded vault, by the administrator who starts them: an
# account that existed before (object "<user id>:<role>"), so it may register its own first
# key when it next opens the vault.
ACCOUNT_LEGACY = "account.legacy"
# Right after the key.medical of a médecin's enrolment key, by the same administrator (object:
# the enrolment key's account). That key is single-use: it registers the first médecin once,
# and a newer code retires it (`_Authority.issue_enrolment`).
ENROLMENT_ISSUE = "medical.enrolment.issue"
# An account disabled by a root (or a médecin by the medical side), object its id: its keys
# sign nothing after this entry (an old copy of its slot still yields its private key).
USER_DISABLE = "user.disable"
_KEY_ACTIONS = (KEY_REGISTER, KEY_ROOT, KEY_MEDICAL, SIGNING_START)
_ACTION = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_OBJECT = re.compile(r"^[A-Za-z0-9_.:#/-]{0,80}$")
# The entries that change who holds which signing key (vouched_keys checks only these).
_CONTROL = frozenset((*_KEY_ACTIONS, ACCOUNT_LEGACY, ENROLMENT_ISSUE, USER_DISABLE))
_COLS = "seq, ts, user_id, action, object_id, prev_hash, hash, sig"
# The same columns read back as bytes: a row written outside Trame (NULL, a number, a blob,
# text that is not UTF-8) must be reported, never crash the reader.
_READ = ", ".join(["seq"] + [f"CAST({c} AS BLOB)" for c in _COLS.split(", ")[1:]])
_MAX_SEQ = 2**62
_DAMAGED = (
    "Le journal d'audit est endommagé (sa dernière entrée ou sa clé est illisible : modifiée "
    "en dehors de Trame). Rien n'a été modifié ; prévenez l'administrateur et restaurez une "
    "sauvegarde (trame restore)."
)


def _text(value) -> str | None:
    """A column read through _READ as text, or None (NULL, not UTF-8)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return value if isinstance(value, str) else None


def _decoded(row) -> tuple:
    return (row[0], *(_text(v) for v in row[1:]))


def _entry(row) -> Entry:
    seq, *texts = _decoded(row)
    return Entry(seq, *("" if t is None else t for t in texts))


# A run of identical events (keystroke saves of one answer) shares one entry for this long.
COALESCE_SECONDS = 120.0


def _seconds_between(earlier: str, later: str) -> float:
    fmt = "%Y-%m-%dT%H:%M:%S.%fZ"
    try:
        return (datetime.strptime(later, fmt) - datetime.strptime(earlier, fmt)).total_seconds()
    except (ValueError, TypeError):
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
    row = db.execute(
        "SELECT CAST(value AS BLOB) FROM vault_meta WHERE key = 'audit_key'"
    ).fetchone()
    if not row:
        return audit_key(case_key)
    try:
        return bytes.fromhex(_text(row[0]) or "")
    except ValueError:
        from desktop.core.errors import VaultCorrupt

        raise VaultCorrupt(_DAMAGED) from None


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


def _sound_head(seq, digest) -> bool:
    """The last entry can be chained after: a number SQLite can still count past, a hash."""
    return (
        isinstance(seq, int)
        and 0 < seq < _MAX_SEQ
        and isinstance(digest, str)
        and re.fullmatch(r"[0-9a-f]{64}", digest) is not None
    )


def _digest(key: bytes, seq: int, ts: str, user_id: str, action: str, obj: str, prev: str) -> str:
    message = "\x1f".join([str(seq), ts, user_id, action, obj, prev]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class _Authority:
    """Whose keys verify whose entries, and who may register keys, as the chain has set so far.

    - roots: the administrator whose key opens the signed chain (`audit.signing`: the vault's
      creation, or the first administrator to open an upgraded vault), the accounts a root
      registered with `key.root` (administrators, recovery keys);
    - medical: keys registered by a root with `key.medical` (the first médecin's one-time
      enrolment key, a médecin's key at a restore) and every key a medical account registers
      (the first médecin, later médecins, the medical recovery key);
    - legacy: accounts that existed before signatures, declared by the root that started them
      (`account.legacy`, object "<id>:<role>") or acting before the start; each registers its
      own first key once, and then counts as a root (administrateur role) or as medical
      (médecin role);
    - a new account's first key is valid only when registered by a root or a medical account
      (or by himself when legacy); another key of a known account only by himself, a root,
      whoever registered his first key, or within the medical side;
    - single use and revocation: the enrolment key named by `medical.enrolment.issue` registers
      one médecin, then signs nothing (nor once a newer code replaced it); an account disabled
      by an authority (`user.disable`) signs nothing after it; a key another account registers
      for an existing account (a reset, a restore) replaces that account's previous keys.
    """

    def __init__(self) -> None:
        self.keys: dict[str, list[str]] = {}  # account -> its registered signing public keys
        self.creators: dict[str, str] = {}  # account -> the account that registered its first key
        self.roots: set[str] = set()
        self.medical: set[str] = set()
        self.legacy: dict[str, str] = {}  # account that existed before signatures -> its role
        self.enrolment: str | None = None  # the enrolment key waiting for the first médecin
        self.retired: set[str] = set()  # spent or replaced enrolment keys: they sign nothing
        self.disabled: set[str] = set()  # accounts disabled by an authority: they sign nothing
        self._last_medical: dict[str, str] = {}  # root -> owner of its last key.medical

    def issue_enrolment(self, signer: str, obj: str) -> None:
        """A root issued an enrolment code (`obj`: its key's account; "" in a chain written
        before the object was recorded: the last key.medical that root registered). The
        previous code, if any was still waiting, is retired."""
        owner = obj or self._last_medical.get(signer, "")
        if self.enrolment and self.enrolment != owner:
            self.retire(self.enrolment)
        self.enrolment = owner or None

    def retire(self, account: str) -> None:
        self.retired.add(account)
        self.medical.discard(account)
        self.roots.discard(account)
        if self.enrolment == account:
            self.enrolment = None

    def declare_legacy(self, obj: str) -> None:
        user_id, _, role = obj.partition(":")
        self.legacy[user_id] = role

    def signer_keys(self, user_id: str, parsed: tuple[str, str] | None) -> list[str]:
        """The public keys that may sign this entry: the account's, or, for a legacy
        account's first key, the key the entry registers."""
        if parsed and parsed[0] == user_id and user_id not in self.keys:
            return [parsed[1]] if user_id in self.legacy else []
        return self.keys.get(user_id, [])

    def refusal(self, signer: str, action: str, owner: str) -> str:
        """Why `signer` may not register a key for `owner` with `action` ("" when he may)."""
        if action in (KEY_ROOT, SIGNING_START, KEY_MEDICAL) and signer not in self.roots:
            return (
                "clé d'administration ou d'inscription enregistrée par un compte qui n'en a "
                "pas le droit"
            )
        if owner not in self.keys:  # the first key of an account
            if signer == owner or signer in self.roots or signer in self.medical:
                return ""
            return "clé d'un compte inconnu enregistrée par un compte qui n'en a pas le droit"
        if signer in (owner, self.creators.get(owner)) or signer in self.roots:
            return ""
        if signer in self.medical and owner in self.medical:
            return ""
        return "clé d'un autre compte enregistrée par un compte qui n'en a pas le droit"

    def record(self, signer: str, action: str, owner: str, pub: str) -> None:
        """Take a registration the chain accepted into account."""
        if owner not in self.keys:
            self.creators[owner] = signer
            if signer == owner and owner in self.legacy:  # an older account's first key
                role = self.legacy[owner]
                if role == "administrateur":
                    self.roots.add(owner)
                elif role == "medecin":
                    self.medical.add(owner)
        if action in (KEY_ROOT, SIGNING_START):
            self.roots.add(owner)
        if action == KEY_MEDICAL:
            self._last_medical[signer] = owner
        if action == KEY_MEDICAL or (signer in self.medical and action == KEY_REGISTER):
            self.medical.add(owner)
        if owner in self.keys and signer != owner:
            # Another account gave it a new key (a password reset, a restore): the previous
            # ones, still in old copies of its slot and its old password, sign nothing more.
            self.keys[owner] = [pub]
        else:
            self.keys.setdefault(owner, []).append(pub)


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
                "SELECT seq, CAST(hash AS BLOB), CAST(ts AS BLOB), CAST(user_id AS BLOB),"
                " CAST(action AS BLOB), CAST(object_id AS BLOB) FROM audit"
                " ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            row = _decoded(row) if row else None
            if row and not _sound_head(row[0], row[1]):
                from desktop.core.errors import VaultCorrupt

                raise VaultCorrupt(_DAMAGED)
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

    def register_key(
        self, user_id: str, owner_id: str, sign_pub: str, root: bool = False, medical: bool = False
    ) -> None:
        """Record `owner_id`'s signing public key (base64) in an entry signed by `user_id`:
        `root` for an administrator's or recovery key, `medical` for a key of the medical
        side registered by an administrator (enrolment key, a médecin at a restore)."""
        if not self.signatures or not sign_pub or self._signer is None:
            return  # before signatures start: the account registers its key when they do
        action = KEY_ROOT if root else KEY_MEDICAL if medical else KEY_REGISTER
        self.append(user_id, action, key_object(owner_id, sign_pub))

    def key_registered(self, sign_pub: str) -> bool:
        """True when `sign_pub` (base64) was registered in this chain."""
        row = self.db.execute("SELECT 1 FROM account_keys WHERE pub = ?", (sign_pub,)).fetchone()
        return row is not None

    def registration(self, sign_pub: str) -> Entry | None:
        """The chain entry that registered `sign_pub` (base64), or None."""
        row = self.db.execute("SELECT seq FROM account_keys WHERE pub = ?", (sign_pub,)).fetchone()
        entry = self.db.execute(f"SELECT {_READ} FROM audit WHERE seq = ?", row or (0,)).fetchone()
        entry = _entry(entry) if entry else None
        if entry is None or _pub_from_object(entry.object_id) is None:
            return None
        return entry if _pub_from_object(entry.object_id)[1] == sign_pub else None

    def ensure_signing(self, slot, slots=()) -> None:
        """Start signatures (once per vault) and register `slot`'s signing key if new.

        `slot`: the unlocking account's Slot (user_id, role, sign_pub); `slots`: every slot of
        the key-slot file. The account that starts signatures becomes the chain's root: the
        administrator at `init`; in a vault whose chain predates signatures, the first
        administrator (or recovery key) to open it — other accounts keep writing unsigned
        entries until then. That administrator declares the other accounts (`account.legacy`
        "<id>:<role>"), so each registers its own first key at its next unlock; an account
        created since must be registered by an authority (see `_Authority`).
        """
        if not slot.sign_pub or not self.signatures:
            return
        started = self.db.execute(
            "SELECT 1 FROM audit WHERE action = ? LIMIT 1", (SIGNING_START,)
        ).fetchone()
        if not started:
            upgraded = self.head()[0] > 0
            if upgraded and slot.role != "administrateur":
                self._signer = None  # unsigned until an administrator starts signatures
                return
            self.append(slot.user_id, SIGNING_START, key_object(slot.user_id, slot.sign_pub))
            for other in slots if upgraded else ():
                # A disabled account is not declared: nobody may register a key in its name.
                if other.user_id != slot.user_id and not other.disabled:
                    self.append(slot.user_id, ACCOUNT_LEGACY, f"{other.user_id}:{other.role}")
        elif not self.key_registered(slot.sign_pub):
            self.append(slot.user_id, KEY_REGISTER, key_object(slot.user_id, slot.sign_pub))

    def head(self) -> tuple[int, str]:
        row = self.db.execute(
            "SELECT seq, CAST(hash AS BLOB) FROM audit ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if not row:
            return (0, GENESIS)
        seq, digest = _decoded(row)
        if not _sound_head(seq, digest):
            from desktop.core.errors import VaultCorrupt

            raise VaultCorrupt(_DAMAGED)
        return seq, digest

    def hash_at(self, seq: int) -> str | None:
        if not isinstance(seq, int) or not 0 <= seq < _MAX_SEQ:
            return None
        row = self.db.execute("SELECT CAST(hash AS BLOB) FROM audit WHERE seq = ?", (seq,))
        row = row.fetchone()
        return _text(row[0]) if row else None

    def entries(self, action_prefix: str = "") -> list[Entry]:
        rows = self.db.execute(
            f"SELECT {_READ} FROM audit WHERE action LIKE ? ORDER BY seq",
            (action_prefix + "%",),
        ).fetchall()
        return [_entry(r) for r in rows]

    def verify(self) -> ChainReport:
        """Recompute the chain in storage order, check each signature and that each signing
        key was registered by an authority (`_Authority`), name the first break.

        Returns a ChainReport (ok, entry count, head hash, first broken seq, French reason)."""
        return self._walk(_Authority())

    def vouched_keys(self) -> dict[str, set[str]] | None:
        """Account id -> the signing public keys (base64) that an authority registered in the
        chain, up to its first break; None when signatures have not started (an older chain).

        Only these count for a slot of the key-slot file: whoever holds the case key can add a
        slot of his own making to that file and recompute its MAC, but cannot make an
        authority register its key (key rotation and restore rely on this)."""
        if not self.signatures:
            return None
        started = self.db.execute(
            "SELECT 1 FROM audit WHERE action = ? LIMIT 1", (SIGNING_START,)
        ).fetchone()
        if not started:
            return None
        auth = _Authority()
        self._walk(auth, keys_only=True)
        gone = auth.disabled | auth.retired
        return {user_id: set(keys) for user_id, keys in auth.keys.items() if user_id not in gone}

    def _walk(self, auth: _Authority, keys_only: bool = False) -> ChainReport:
        rows = self.db.execute(f"SELECT {_READ} FROM audit ORDER BY rowid").fetchall()
        prev = GENESIS
        expected_seq = 1
        signing = False
        signed = 0
        for raw in rows:
            seq, ts, user_id, action, obj, prev_hash, digest, sig = _decoded(raw)
            if not isinstance(seq, int) or not 0 < seq < _MAX_SEQ:
                seq = f"{seq!r}"[:24]  # shown as found, never a crash

            def broken(reason: str, seq=seq, prev=prev, signed=signed) -> ChainReport:
                return ChainReport(
                    False, len(rows), prev, seq, f"entrée n° {seq} : {reason}", signed
                )

            if seq != expected_seq:
                return ChainReport(
                    False,
                    len(rows),
                    prev,
                    seq,
                    f"entrée n° {expected_seq} manquante ou déplacée (trouvé n° {seq})",
                    signed,
                )
            if None in (ts, user_id, action, obj, prev_hash, digest, sig):
                return broken(
                    "entrée illisible (valeur absente ou texte qui n'est pas de l'UTF-8 : "
                    "écrite en dehors de Trame)"
                )
            if prev_hash != prev:
                return broken("le lien vers l'entrée précédente est rompu")
            if not hmac.compare_digest(
                _digest(self._key, seq, ts, user_id, action, obj, prev_hash), digest
            ):
                return broken("contenu modifié")
            if not signing:
                if action == SIGNING_START:
                    signing = True
                    auth.roots.add(user_id)  # the vault's creator (or an upgrade's first)
                elif sig:
                    return broken("signée avant le début des signatures")
                else:  # an account that existed before signatures (role unknown)
                    auth.legacy.setdefault(user_id, "")
                    prev, expected_seq = digest, expected_seq + 1
                    continue
            if keys_only and action not in _CONTROL:
                # Linked and HMAC-checked like every entry; its signature cannot change who
                # holds which key, so it is not checked here (Ed25519: ~0.2 ms an entry).
                prev, expected_seq = digest, expected_seq + 1
                continue
            parsed = _pub_from_object(obj) if action in _KEY_ACTIONS else None
            if action in _KEY_ACTIONS and parsed is None:
                return broken("clé de signature illisible")
            pubs = auth.signer_keys(user_id, parsed)
            if action == SIGNING_START and user_id not in auth.keys and parsed[0] == user_id:
                pubs = [parsed[1]]  # the vault's creation registers its administrator
            elif parsed and parsed[0] == user_id and not pubs:
                return broken(
                    "clé de signature que le compte s'est attribuée lui-même, alors qu'il "
                    "n'existait pas avant les signatures : seul un administrateur (ou, côté "
                    "médical, l'inscription du médecin) enregistre la clé d'un compte"
                )
            if user_id in auth.disabled:
                return broken(
                    "signée au nom d'un compte désactivé plus haut dans le journal (une "
                    "ancienne copie de sa clé de signature)"
                )
            if user_id in auth.retired:
                return broken(
                    "signée par la clé d'un code d'inscription du médecin déjà utilisé ou "
                    "remplacé : ce code n'inscrit plus personne"
                )
            if not any(sealing.verify(p, digest.encode(), sig) for p in pubs):
                return broken("signature absente ou qui n'est pas celle du compte")
            signed += 1
            if action == ENROLMENT_ISSUE and user_id in auth.roots:
                auth.issue_enrolment(user_id, obj)
            if action == USER_DISABLE and obj != user_id:
                if user_id in auth.roots or (user_id in auth.medical and obj in auth.medical):
                    auth.disabled.add(obj)
            if action == ACCOUNT_LEGACY:
                if user_id not in auth.roots:
                    return broken("compte antérieur déclaré par un compte qui n'en a pas le droit")
                auth.declare_legacy(obj)
            if parsed:
                owner, pub = parsed
                refusal = auth.refusal(user_id, action, owner)
                if refusal:
                    return broken(refusal)
                auth.record(user_id, action, owner, pub)
            if user_id == auth.enrolment:  # the code's one use: the first médecin's key
                auth.retire(user_id)
            prev = digest
            expected_seq += 1
        return ChainReport(True, len(rows), prev, signed=signed)
