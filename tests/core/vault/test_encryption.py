from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD


def test_plain_sqlite_cannot_read_either_database(vault, admin_session):
    admin_session.cases.create("2026/0001")
    for path in (vault.cases_path, vault.medical_path):
        conn = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        conn.close()


def test_database_files_carry_no_sqlite_header(vault):
    for path in (vault.cases_path, vault.medical_path):
        assert not path.read_bytes().startswith(b"SQLite format 3")


def _files_containing(roots: list[Path], needles: list[bytes]) -> list[str]:
    hits = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                p = Path(dirpath) / name
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                if any(n in data for n in needles):
                    hits.append(str(p))
    return hits


WRITER = textwrap.dedent(
    """
    import sys
    from desktop.core.vault import Vault
    from desktop.core.vault.crypto import KdfParams
    home, canary, password = sys.argv[1], sys.argv[2], sys.argv[3]
    kdf = KdfParams(1, 65536, 1).with_new_salt()
    with Vault(home, kdf).unlock("admin", password) as s:
        case = s.cases.create("2026/CANARY")
        victim = s.persons.add(case.id, "victime", canary, canary, "2011-03-04",
                               {"pseudonymes": [canary]})
        rec = s.records.create(case.id, "audition", "audition_mineur", "1", victim.id)
        for i in range(200):
            s.records.set_answer(rec.id, f"champ{i}", f"{canary} réponse {i}")
            s.transcript.append(rec.id, "qr", speaker="mineur", question="Et ensuite ?",
                                answer=f"{canary} {i}")
        s.persons.update(victim.id, last_name="X")
        s.cases_db.checkpoint()
        s.cases_db.execute("VACUUM")
        s.cases_db.checkpoint()
    """
)


def test_canary_appears_in_no_file_in_utf8_or_utf16(vault, tmp_path):
    canary = "Zoé-" + secrets.token_hex(8)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = dict(os.environ, TMPDIR=str(tmpdir), SQLITE_TMPDIR=str(tmpdir))
    subprocess.run(
        [sys.executable, "-c", WRITER, str(vault.home), canary, ADMIN_PASSWORD],
        check=True,
        env=env,
        timeout=120,
    )
    needles = [canary.encode("utf-8"), canary.encode("utf-16-le"), canary[5:].encode("ascii")]
    assert _files_containing([vault.home, tmpdir], needles) == []
    # The canary is really stored: reading it back through the vault finds it.
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.list()[0]
        assert s.persons.for_case(case.id)[0].first_name == canary
