"""Damage in a write-ahead log left by a crash, found before SQLite reads it.

When SQLite opens a database whose WAL file survived a crash, it replays the WAL frames up to
the first frame whose checksum fails and silently ignores everything after it. A torn write
of the very last transaction is expected there (it was never committed). But a damaged frame
*followed by later committed transactions* means committed data would vanish without a word:
the integrity check then finds nothing (the pages it reads are valid) and the next backup
carries the loss. This module tells the two apart; it reads only the WAL file (no key: the
checksums cover the encrypted pages).

    problem = wal_damage(Path("cases.db-wal"))   # None, or a French sentence

Format: https://www.sqlite.org/fileformat2.html#walformat (32-byte header, frames of a
24-byte header + one page; cumulative checksums; salts change at each WAL reset).
"""

from __future__ import annotations

import struct
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)  # little- / big-endian checksums
_HEADER = 32
_FRAME_HEADER = 24


def _checksum(data: bytes, s0: int, s1: int, big: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def wal_damage(wal: Path) -> str | None:
    """None when the WAL is absent, empty, healthy or only torn in its last transaction;
    else a French description of the committed transactions SQLite would drop. O(WAL size),
    only paid when a WAL survived a crash (a clean close deletes it)."""
    try:
        data = Path(wal).read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < _HEADER:
        return None
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:32])
    if magic not in _MAGIC or page_size < 512 or page_size & (page_size - 1):
        return None  # not a WAL SQLite would replay: it resets it
    big = magic & 1 == 1
    if _checksum(data[:24], 0, 0, big) != (c0, c1):
        return None  # a damaged header makes SQLite ignore the whole WAL: nothing replayed
    s0, s1 = c0, c1
    size = _FRAME_HEADER + page_size
    first_bad = None
    commits_after_bad = 0
    for offset in range(_HEADER, len(data) - size + 1, size):
        head = data[offset : offset + _FRAME_HEADER]
        _page, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != (salt1, salt2):
            if first_bad is None:
                break  # frames of an earlier WAL generation: the live log ends here
            continue
        if first_bad is None:
            s0, s1 = _checksum(head[:8] + data[offset + 24 : offset + size], s0, s1, big)
            if (s0, s1) != (f0, f1):
                first_bad = offset
                commits_after_bad += 1 if commit else 0
        elif commit:
            commits_after_bad += 1
    if first_bad is None or commits_after_bad < 2:
        return None
    frame = (first_bad - _HEADER) // size + 1
    return (
        f"son journal d'écriture (fichier « {Path(wal).name} ») est endommagé à la trame "
        f"n° {frame} : {commits_after_bad} enregistrement(s) déjà validé(s) seraient perdus "
        "sans avertissement"
    )
