"""The online delay after wrong passwords: counted under a file lock, state with a MAC.

Each attempt is counted *before* its password is checked (under an exclusive lock on
`throttle.json.lock`), so parallel processes cannot each get a free guess. After 3 failures
each attempt waits 2, 4, 8… seconds, capped at 60 s; nothing is ever locked out or deleted.

The state holds login hashes only and carries an HMAC keyed by a random key kept outside
the data folder (the user's config folder, desktop.core.vault.anchors.config_home), beside a
marker present while failures are pending. An altered state, or a missing one while failures
are pending, counts as the maximum delay for every login (until a successful unlock):
deleting or editing the file does not reset the delay.

This only slows attempts made through the application: against a copied key-slot file
offline, only the password's strength counts (desktop.core.vault.policy).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

from desktop.core.errors import Throttled
from desktop.core.vault.fsutil import atomic_write

try:
    import fcntl
except ImportError:  # Windows: no advisory lock (documented in the README)
    fcntl = None

ALL = "*"  # the entry standing for every login after a missing or altered state


class Throttle:
    FREE_ATTEMPTS = 3
    CAP_SECONDS = 60.0
    CAP_FAILURES = 9  # delay_for(9) == CAP_SECONDS

    def __init__(self, path: Path, clock=time.time, vault_id: str = ""):
        self.path = Path(path)
        self.clock = clock
        self.vault_id = vault_id

    @classmethod
    def delay_for(cls, failures: int) -> float:
        if failures < cls.FREE_ATTEMPTS:
            return 0.0
        return min(cls.CAP_SECONDS, 2.0 ** (failures - cls.FREE_ATTEMPTS + 1))

    # -- the MAC key, outside the data folder ------------------------------------------------
    def _key_path(self) -> Path:
        from desktop.core.vault.anchors import config_home

        name = "".join(c for c in (self.vault_id or "coffre") if c.isalnum() or c == "-")
        return config_home() / "delai" / f"{name[:64]}.key"

    def _mac_key(self, create: bool) -> bytes | None:
        path = self._key_path()
        try:
            data = path.read_bytes()
            if len(data) == 32:
                return data
        except OSError:
            pass
        if not create:
            return None
        key = secrets.token_bytes(32)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(path, key)
        except Exception:  # noqa: BLE001 - an unwritable config folder: no MAC, still delays
            return key
        return key

    @staticmethod
    def _mac(key: bytes, entries: dict) -> str:
        body = json.dumps(entries, sort_keys=True, separators=(",", ":")).encode()
        return hmac.new(key, body, hashlib.sha256).hexdigest()

    # -- state -------------------------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self):
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            yield
            return
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # releases the lock

    def _load(self) -> dict:
        key = self._mac_key(create=False)
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = None
        entries = data.get("entries") if isinstance(data, dict) else None
        if isinstance(entries, dict) and key is not None:
            if hmac.compare_digest(str(data.get("mac", "")), self._mac(key, entries)):
                return entries
        elif isinstance(entries, dict) and key is None:
            return entries  # no key yet (first use): nothing to check it against
        if key is None or (data is None and not self._marker().exists()):
            return {}  # never used here, or no failure pending: nothing to restore
        # Failures were pending (or the state was edited): counts as the maximum.
        return {ALL: {"failures": self.CAP_FAILURES, "last": self.clock()}}

    def _marker(self) -> Path:
        """Exists outside the data folder while failures are pending."""
        return self._key_path().with_suffix(".echecs")

    def _save(self, entries: dict) -> None:
        key = self._mac_key(create=True)
        data = {"entries": entries, "mac": self._mac(key, entries)}
        try:
            if entries:
                self._marker().touch()
            else:
                self._marker().unlink(missing_ok=True)
        except OSError:
            pass
        try:
            atomic_write(self.path, json.dumps(data).encode())
        except Exception:  # noqa: BLE001 - a full disk must not hide the wrong password
            pass

    def _wait(self, entries: dict, key: str) -> float:
        waits = [0.0]
        for name in (key, ALL):
            entry = entries.get(name)
            if isinstance(entry, dict):
                try:
                    until = float(entry["last"]) + self.delay_for(int(entry["failures"]))
                except (KeyError, TypeError, ValueError):
                    until = self.clock() + self.CAP_SECONDS
                waits.append(until - self.clock())
        return max(waits)

    # -- API -----------------------------------------------------------------------------------
    def remaining(self, key: str) -> float:
        """Seconds before `key` may try again (0: now)."""
        with self._locked():
            return self._wait(self._load(), key)

    def begin(self, key: str) -> None:
        """Count one attempt for `key` before its password is checked; raise Throttled
        (French message with the wait) when it must wait. Atomic across processes."""
        with self._locked():
            entries = self._load()
            wait = self._wait(entries, key)
            if wait > 0:
                self._save(entries)  # a missing state is written back as the maximum
                raise Throttled(wait)
            entry = entries.get(key) if isinstance(entries.get(key), dict) else {}
            entries[key] = {"failures": int(entry.get("failures", 0)) + 1, "last": self.clock()}
            self._save(entries)

    def failed(self, key: str) -> None:
        """Count a failure outside `begin` (kept for callers that check first)."""
        with self._locked():
            entries = self._load()
            entry = entries.get(key) if isinstance(entries.get(key), dict) else {}
            entries[key] = {"failures": int(entry.get("failures", 0)) + 1, "last": self.clock()}
            self._save(entries)

    def failures(self, key: str) -> int:
        entry = self._load().get(key)
        return int(entry.get("failures", 0)) if isinstance(entry, dict) else 0

    def succeeded(self, key: str) -> None:
        with self._locked():
            entries = self._load()
            entries.pop(key, None)
            entries.pop(ALL, None)
            self._save(entries)
