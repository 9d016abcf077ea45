"""Append-only, HMAC-chained audit log inside the case database.

Each entry is (seq, UTC time, user id, action, object id, previous hash, hash) with
hash = HMAC-SHA256(audit key, canonical entry incl. previous hash). No statement text and
no names go in: actions are dotted event names and objects are numeric or opaque ids.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

GENESIS = "0" * 64
_ACTION = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_OBJECT = re.compile(r"^[A-Za-z0-9_.:#/-]{0,80}$")


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


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str
    user_id: str
    action: str
    object_id: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str
    broken_seq: int | None = None
    reason: str = ""


def _digest(key: bytes, seq: int, ts: str, user_id: str, action: str, obj: str, prev: str) -> str:
    message = "\x1f".join([str(seq), ts, user_id, action, obj, prev]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


class AuditLog:
    def __init__(self, db, key: bytes):
        self.db = db
        self._key = key

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
            self.db.execute(
                "INSERT INTO audit (seq, ts, user_id, action, object_id, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, user_id, action, obj, prev, digest),
            )
        return Entry(seq, ts, user_id, action, obj, prev, digest)

    def head(self) -> tuple[int, str]:
        row = self.db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    def entries(self, action_prefix: str = "") -> list[Entry]:
        rows = self.db.execute(
            "SELECT seq, ts, user_id, action, object_id, prev_hash, hash FROM audit"
            " WHERE action LIKE ? ORDER BY seq",
            (action_prefix + "%",),
        ).fetchall()
        return [Entry(*r) for r in rows]

    def verify(self) -> ChainReport:
        """Recompute the chain in storage order and name the first broken link."""
        rows = self.db.execute(
            "SELECT seq, ts, user_id, action, object_id, prev_hash, hash FROM audit ORDER BY rowid"
        ).fetchall()
        prev = GENESIS
        expected_seq = 1
        for seq, ts, user_id, action, obj, prev_hash, digest in rows:
            if seq != expected_seq:
                return ChainReport(
                    False,
                    len(rows),
                    prev,
                    seq,
                    f"entrée n° {expected_seq} manquante ou déplacée (trouvé n° {seq})",
                )
            if prev_hash != prev:
                return ChainReport(
                    False,
                    len(rows),
                    prev,
                    seq,
                    f"entrée n° {seq} : le lien vers l'entrée précédente est rompu",
                )
            if not hmac.compare_digest(
                _digest(self._key, seq, ts, user_id, action, obj, prev_hash), digest
            ):
                return ChainReport(
                    False, len(rows), prev, seq, f"entrée n° {seq} : contenu modifié"
                )
            prev = digest
            expected_seq += 1
        return ChainReport(True, len(rows), prev)
