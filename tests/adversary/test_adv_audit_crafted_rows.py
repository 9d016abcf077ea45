"""An enquêteur opens cases.db with the case key (sqlcipher3), rebuilds the audit table
without its constraints and writes rows no release writes: NULLs, numbers, blobs, text that
is not UTF-8, a sequence number SQLite cannot count past, a damaged stored audit key.

`trame audit verify` must answer 1 (chain broken, reason in French) or 2 (vault unreadable,
one French line), never a Python traceback; `trame audit show` and an ordinary command
either work or say in French that the log is damaged."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlcipher3

from desktop.core.vault.keyslots import CASE_KEY
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

CRAFTED = {
    "ts NULL": "UPDATE audit SET ts = NULL WHERE seq = 2",
    "ts nombre": "UPDATE audit SET ts = 12345 WHERE seq = 2",
    "ts réel énorme": "UPDATE audit SET ts = 1.5e308 WHERE seq = 2",
    "compte blob": "UPDATE audit SET user_id = x'00ff' WHERE seq = 2",
    "objet pas UTF-8": "UPDATE audit SET object_id = CAST(x'ff41' AS TEXT) WHERE seq = 2",
    "objet surrogate": "UPDATE audit SET object_id = CAST(x'eda080' AS TEXT) WHERE seq = 2",
    "objet 20 Mo": "UPDATE audit SET object_id = zeroblob(20000000) WHERE seq = 2",
    "objet NULL d'un account.legacy": (
        "UPDATE audit SET action = 'account.legacy', object_id = NULL WHERE seq = 2"
    ),
    "clé au caractère NUL": (
        "UPDATE audit SET action = 'key.register', object_id = ':' || char(0) WHERE seq = 2"
    ),
    "hash NULL en tête": "UPDATE audit SET hash = NULL WHERE seq = (SELECT max(seq) FROM audit)",
    "hash pas UTF-8 en tête": (
        "UPDATE audit SET hash = CAST(x'c3' AS TEXT) WHERE seq = (SELECT max(seq) FROM audit)"
    ),
    "hash nombre": "UPDATE audit SET hash = 5 WHERE seq = 2",
    "signature NULL": "UPDATE audit SET sig = NULL WHERE seq = 2",
    "signature nombre": "UPDATE audit SET sig = 7 WHERE seq = 2",
    "prev NULL": "UPDATE audit SET prev_hash = NULL WHERE seq = 1",
    "seq maximal": (
        "INSERT INTO audit VALUES (9223372036854775807, 'x', 'u', 'a', '', 'p', 'h', '')"
    ),
    "seq texte": "INSERT INTO audit VALUES ('onze', 'x', 'u', 'a', '', 'p', 'h', '')",
    "seq réel": "INSERT INTO audit SELECT max(seq) + 0.5, 'x', 'u', 'a', '', 'p', 'h', '' FROM audit",
    "compte Unicode piégé": (
        "UPDATE audit SET user_id = char(8238) || 'ad' || char(65279) || 'min' WHERE seq = 2"
    ),
    "clé d'audit gardée illisible": (
        "INSERT OR REPLACE INTO vault_meta (key, value) VALUES ('audit_key', 'zz')"
    ),
}


def trame(home, *args):
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_USER="admin", TRAME_PASSWORD=ADMIN_PASSWORD)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def craft(vault, sql: str) -> None:
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        key = s._key(CASE_KEY)
    conn = sqlcipher3.connect(str(vault.cases_path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.executescript(
            "CREATE TABLE audit2 (seq, ts, user_id, action, object_id, prev_hash, hash, sig);"
            "INSERT INTO audit2 SELECT seq, ts, user_id, action, object_id, prev_hash, hash, sig"
            " FROM audit; DROP TABLE audit; ALTER TABLE audit2 RENAME TO audit;"
        )
        conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("name", list(CRAFTED))
def test_crafted_audit_rows_never_crash_the_cli(vault, name):
    craft(vault, CRAFTED[name])
    r = trame(vault.home, "audit", "verify")
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert r.returncode in (1, 2), r.stdout + r.stderr
    assert "intact" not in r.stdout
    out = (r.stdout + r.stderr).strip()
    assert out.startswith(("Journal d'audit ROMPU", "trame: ")), out[:300]
    for args in (("audit", "show", "--limit", "5"), ("cases", "list")):
        r = trame(vault.home, *args)
        assert "Traceback" not in r.stderr, (args, r.stderr[-2000:])
        assert r.returncode == 0 or "journal d'audit est endommagé" in r.stderr, r.stderr


def test_a_backup_manifest_with_a_huge_audit_seq_restores_without_a_traceback(vault, tmp_path):
    """`audit.seq` passes the manifest check (an int) but no SQLite integer holds it."""
    import io
    import json
    import tarfile

    from desktop.core.vault.archive import MANIFEST
    from desktop.core.vault.backup import backup

    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        archive = backup(s, tmp_path / "b.trame").path
    crafted = tmp_path / "piegee.trame"
    changed = False
    with tarfile.open(archive, "r:") as src, tarfile.open(crafted, "w:") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name == MANIFEST:
                manifest = json.loads(data)
                manifest["audit"]["seq"] = 10**30
                data = json.dumps(manifest).encode()
                member.size = len(data)
                changed = True
            dst.addfile(member, io.BytesIO(data))
    assert changed
    for args in (("restore", str(crafted), "--accept-rollback"), ("audit", "check", str(crafted))):
        r = trame(vault.home, *args)
        assert "Traceback" not in r.stderr, r.stderr[-2000:]
        assert r.returncode in (0, 1, 2), r.stderr
