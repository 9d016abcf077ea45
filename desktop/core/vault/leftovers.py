"""The copies of the vault that Trame itself keeps in the vault folder, and their removal.

    copies = kept_copies(home)               # [Path], oldest first
    removed, left = delete_copies(copies)    # names removed, names that could not be

Two kinds of copy hold every case as it was when they were made, encrypted with the keys of
the time (often still the current ones):

- `avant-restauration-<date>[-n]/`: the files a restore moved aside (desktop.core.vault.backup);
- `sauvegardes/avant-mise-a-jour-*.trame`: the backup taken before a schema migration
  (desktop.core.vault.upgrade).

A purge deletes a case for good; these copies, made before it, would keep it. Product
decision (README « Garanties »): the purge deletes them, after the confirmation has named
them — directive (UE) 2016/680 art. 4 § 1 e) and loi n° 78-17 art. 4 5° : personal data
are kept no longer than necessary, and a safety copy of a vault that has been used since is
no longer necessary once a case it holds must be gone. Each file is overwritten with zeros
before it is unlinked (best effort: a flash drive may keep old blocks; the copies are
encrypted in any case).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop.core.vault.upgrade import BACKUP_DIR

RESTORE_PREFIX = "avant-restauration-"
MIGRATION_PREFIX = "avant-mise-a-jour"
_CHUNK = 1 << 20


def kept_copies(home: Path) -> list[Path]:
    """The copies Trame keeps in the vault folder `home` (folders moved aside by a restore,
    archives written before a migration), oldest first by name date. Reads names only."""
    home = Path(home)
    out = []
    if home.is_dir():
        out += [p for p in home.iterdir() if p.is_dir() and p.name.startswith(RESTORE_PREFIX)]
    folder = home / BACKUP_DIR
    if folder.is_dir():
        out += [
            p
            for p in folder.iterdir()
            if p.is_file() and p.name.startswith(MIGRATION_PREFIX) and p.suffix == ".trame"
        ]
    return sorted(out, key=lambda p: (p.stat().st_mtime, p.name))


def _shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it to the disk, then unlink it."""
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        done = 0
        zeros = b"\0" * _CHUNK
        while done < size:
            n = min(_CHUNK, size - done)
            fh.write(zeros[:n])
            done += n
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def delete_copies(copies: list[Path]) -> tuple[list[str], list[str]]:
    """Delete each copy (a folder and every file in it, or an archive), overwriting the files
    first. Returns (names removed, names left because the system refused: read-only, in
    use…); never raises for one copy, so one locked file does not keep the others."""
    removed, left = [], []
    for copy in copies:
        try:
            files = [copy] if copy.is_file() else [p for p in copy.rglob("*") if p.is_file()]
            for f in files:
                _shred(f)
            if copy.is_dir():
                shutil.rmtree(copy)
            removed.append(copy.name)
        except OSError:
            left.append(copy.name)
    return removed, left
