"""Every schema migration runs from every earlier version, on a real SQLCipher file."""

from __future__ import annotations

import pytest

from desktop.core.vault import migrations
from desktop.core.vault.crypto import new_key
from desktop.core.vault.db import Database


def _tables(db):
    return {
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    }


@pytest.mark.parametrize("name", ["CASES", "MEDICAL"])
def test_migrate_from_every_earlier_version(tmp_path, name):
    steps = getattr(migrations, name)
    latest = migrations.latest(steps)
    fresh_key = new_key()
    fresh = Database(tmp_path / "fresh.db", fresh_key, "fresh")
    migrations.migrate(fresh.conn, steps)
    expected = _tables(fresh)
    expected_cols = {
        t: [r[1] for r in fresh.execute(f"PRAGMA table_info({t})").fetchall()] for t in expected
    }
    fresh.close()
    for start in range(0, latest + 1):
        key = new_key()
        db = Database(tmp_path / f"from{start}.db", key, "old")
        migrations.migrate(db.conn, steps, target=start)
        assert db.execute("PRAGMA user_version").fetchone()[0] == start
        before, after = migrations.migrate(db.conn, steps)
        assert (before, after) == (start, latest)
        assert _tables(db) == expected
        for t in expected:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({t})").fetchall()]
            assert cols == expected_cols[t]
        assert db.integrity_errors() == []
        db.close()


def test_a_vault_from_a_newer_version_is_refused(tmp_path):
    from desktop.core.errors import TrameError

    db = Database(tmp_path / "new.db", new_key(), "new")
    db.execute(f"PRAGMA user_version = {migrations.latest(migrations.CASES) + 1}")
    with pytest.raises(TrameError, match="plus récente"):
        migrations.migrate(db.conn, migrations.CASES)
    db.close()
