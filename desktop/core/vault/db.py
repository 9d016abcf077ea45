"""SQLCipher connections with the vault's pragmas, and error translation.

Keys are raw 256-bit keys (no PBKDF2 at open: the slot's Argon2id already stretched the
password). A wrong key or a damaged first page only shows at the first read, so every open
reads at once.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from desktop.core.errors import DiskFull, NotWritable, TrameError, VaultCorrupt

MIN_SQLCIPHER = (4, 0)
DatabaseError = sqlcipher.DatabaseError


def sqlcipher_version() -> tuple[int, ...]:
    conn = sqlcipher.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if not row or not row[0]:
        raise TrameError("SQLCipher est absent : la bibliothèque sqlite n'est pas chiffrante.")
    return tuple(int(p) for p in row[0].split()[0].split(".")[:3])


def check_sqlcipher() -> None:
    if sqlcipher_version()[:2] < MIN_SQLCIPHER:
        raise TrameError("SQLCipher 4 ou plus récent est requis pour ouvrir le coffre.")


def _nearly_full(where: Path | None) -> bool:
    if where is None:
        return False
    try:
        return shutil.disk_usage(where).free < 4 * 1024 * 1024
    except OSError:
        return False


def translate(exc: Exception, what: str, where: Path | None = None) -> TrameError:
    """A SQLite error as a French message. `where`: the folder, to tell a full disk from
    other I/O errors (SQLite reports ENOSPC in the WAL as a plain "disk I/O error")."""
    text = str(exc).lower()
    if "disk is full" in text or ("disk i/o" in text and _nearly_full(where)):
        return DiskFull(
            f"Disque plein : l'enregistrement dans {what} a été annulé. Les données déjà "
            "enregistrées sont intactes ; libérez de la place puis recommencez."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return NotWritable(f"Impossible d'écrire dans {what} : dossier protégé en écriture.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return VaultCorrupt(
            f"{what} est endommagée ou n'est pas une base Trame. Rien n'a été modifié ; "
            "restaurez une sauvegarde (trame restore)."
        )
    return TrameError(f"Erreur de la base {what} : {exc}")


class Database:
    """One SQLCipher connection. Not thread-safe: one worker thread owns it."""

    def __init__(self, path: Path, key: bytes, label: str):
        self.path = path
        self.label = label
        self._owner = threading.get_ident()
        # Called after each outermost COMMIT (the session keeps the audit head outside the
        # data folder then, so a crash never leaves that copy behind the chain).
        self.after_commit = None
        try:
            self.conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=True)
        except sqlcipher.Error as exc:
            raise translate(exc, label, path.parent) from exc
        try:
            self._configure(key)
        except sqlcipher.Error as exc:
            self.conn.close()
            raise translate(exc, label, path.parent) from exc

    def _configure(self, key: bytes) -> None:
        c = self.conn
        c.execute("PRAGMA cipher_log_level = NONE")
        c.execute("PRAGMA cipher_memory_security = ON")
        c.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # The first read proves the key and page 1.
        c.execute("SELECT count(*) FROM sqlite_master").fetchone()
        c.execute("PRAGMA temp_store = MEMORY")
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlcipher.OperationalError("cannot enable WAL")
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA trusted_schema = OFF")
        c.execute("PRAGMA secure_delete = ON")
        if hasattr(c, "enable_load_extension"):
            c.enable_load_extension(False)

    def integrity_errors(self) -> list[str]:
        """Pages whose HMAC fails (cipher_integrity_check), then SQLite's own quick check."""
        try:
            rows = self.conn.execute("PRAGMA cipher_integrity_check").fetchall()
            problems = [str(r[0]) for r in rows]
            if not problems:
                rows = self.conn.execute("PRAGMA quick_check").fetchall()
                problems = [str(r[0]) for r in rows if str(r[0]).lower() != "ok"]
        except sqlcipher.DatabaseError as exc:
            problems = [str(exc)]
        return problems

    def execute(self, sql: str, params: tuple | dict = ()):
        try:
            return self.conn.execute(sql, params)
        except sqlcipher.Error as exc:
            raise translate(exc, self.label, self.path.parent) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """BEGIN IMMEDIATE … COMMIT; rolled back on any error. Nested use joins the outer one."""
        if self.conn.in_transaction:
            yield self
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlcipher.Error as exc:
            raise translate(exc, self.label, self.path.parent) from exc
        try:
            yield self
        except BaseException:
            with contextlib.suppress(sqlcipher.Error):
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlcipher.Error as exc:
            with contextlib.suppress(sqlcipher.Error):
                self.conn.execute("ROLLBACK")
            raise translate(exc, self.label, self.path.parent) from exc
        if self.after_commit is not None:
            self.after_commit()

    def checkpoint(self) -> None:
        self.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def export_to(self, target: Path, key: bytes) -> None:
        """Encrypted copy through sqlcipher_export (never a copy of the live file)."""
        try:
            self.conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key.hex()}'\"", (str(target),))
            try:
                self.conn.execute("SELECT sqlcipher_export('backup')")
                version = self.conn.execute("PRAGMA main.user_version").fetchone()[0]
                self.conn.execute(f"PRAGMA backup.user_version = {int(version)}")
            finally:
                self.conn.execute("DETACH DATABASE backup")
        except sqlcipher.Error as exc:
            raise translate(exc, self.label, self.path.parent) from exc

    def close(self) -> None:
        with contextlib.suppress(sqlcipher.Error):
            self.conn.close()
