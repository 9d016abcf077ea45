"""The case list with 10,000 cases and 1,000,000 transcript entries: open and search,
against the same queries on a plain sqlite3 copy of the same schema (same pragmas)."""

from __future__ import annotations

import random
import time

import sqlcipher3.dbapi2 as sqlcipher

from bench.common import NOW, PASSWORD, Figure, child, fill_cases, median, scratch
from desktop.core.hearing.cases import search_cases
from desktop.core.vault import Vault, crypto, migrations

CASES = 10_000
ENTRIES = 1_000_000


def _fill(conn, rng: random.Random) -> None:
    """Fictional data, generated: cases, one victim each, hearings and their transcripts."""
    fill_cases(conn, CASES, rng)
    conn.execute("BEGIN")
    records = 1000
    for r in range(1, records + 1):
        conn.execute(
            "INSERT INTO records (id, case_id, kind, form_id, form_version, created_at,"
            " updated_at) VALUES (?, ?, 'audition', 'audition_mineur', '1', ?, ?)",
            (r, r, NOW, NOW),
        )
    per = ENTRIES // records
    conn.executemany(
        "INSERT INTO transcript (record_id, seq, kind, question, answer, wall_time, updated_at)"
        " VALUES (?, ?, 'qr', 'Et ensuite, que s''est-il passé ?', ?, ?, ?)",
        (
            (1 + n // per, 1 + n % per, f"Réponse fictive numéro {n}", NOW, NOW)
            for n in range(ENTRIES)
        ),
    )
    conn.execute("COMMIT")


def _measure(db) -> tuple[float, float]:
    search_cases(db, "")  # warm the page cache, as after unlock
    opens, finds = [], []
    for _ in range(5):
        start = time.perf_counter()
        rows = search_cases(db, "")
        opens.append(time.perf_counter() - start)
        assert len(rows) == CASES
        start = time.perf_counter()
        hits = search_cases(db, "DURAND12")
        finds.append(time.perf_counter() - start)
        assert hits
    return median(opens), median(finds)


PLAIN_CHILD = """
from bench.cases_figures import measure_plain
report(**measure_plain(sys.argv[1]))
"""


def measure_plain(path: str) -> dict[str, float]:
    """The baseline: the same schema, data and queries in a plain (unkeyed) database."""
    plain = sqlcipher.connect(path, isolation_level=None)
    for p in (
        "journal_mode = WAL",
        "synchronous = FULL",
        "foreign_keys = ON",
        "temp_store = MEMORY",
    ):
        plain.execute(f"PRAGMA {p}")
    migrations.migrate(plain, migrations.CASES)
    _fill(plain, random.Random(7))
    opened, found = _measure(_Plain(plain))
    plain.close()
    return {"open": opened, "find": found}


class _Plain:
    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, params=()):
        return self.conn.execute(sql, params)


def run() -> list[Figure]:
    with scratch("cases") as tmp:
        kdf = crypto.tune(0.5)
        Vault.create(tmp / "v", "admin", PASSWORD, kdf=kdf)
        session = Vault(tmp / "v", kdf).unlock("admin", PASSWORD)
        _fill(session.cases_db.conn, random.Random(7))
        session.close()
        session = Vault(tmp / "v", kdf).unlock("admin", PASSWORD)
        enc_open, enc_find = _measure(session.cases_db)
        session.close()

        # Same SQLite build (sqlcipher3) without a key, in a fresh process: SQLCipher's
        # memory security, switched on by the vault above, is process-wide and would slow
        # the baseline tenfold.
        base = child(PLAIN_CHILD, str(tmp / "plain.db"))
        base_open, base_find = base["open"], base["find"]
    return [
        Figure(
            "Liste des dossiers (10 000 dossiers, 1 M d'entrées)",
            enc_open * 1000,
            "ms",
            base_open * 1000,
            "même requête, même SQLite sans chiffrement",
            goal="≤ 150 ms",
            met=enc_open <= 0.150,
        ),
        Figure(
            "Recherche plein texte (10 000 dossiers)",
            enc_find * 1000,
            "ms",
            base_find * 1000,
            "même requête, même SQLite sans chiffrement",
            goal="≤ 50 ms",
            met=enc_find <= 0.050,
        ),
    ]
