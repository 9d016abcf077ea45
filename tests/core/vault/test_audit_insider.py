"""The audit chain against an insider holding the case key: entries of other accounts cannot
be rewritten (signatures), a cut tail is caught by the heads kept outside the chain (sealed
PV, backup, the copy in the user's config folder)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys

import pytest

from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.vault import sealing
from desktop.core.vault.audit import KEY_REGISTER, _digest, key_object
from desktop.core.vault.backup import backup
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def trame(home, *args, user="admin", password=ADMIN_PASSWORD):
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_USER=user, TRAME_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def rewrite(session, rows, own_key):
    """Rewrite the audit table as an insider would: renumber, recompute every HMAC with the
    audit key (derived from the case key he holds), re-sign his own entries with his key,
    copy the other accounts' signatures as they were."""
    db = session.cases_db
    key = session.audit._key
    prev = "0" * 64
    with db.transaction():
        db.execute("DELETE FROM audit")
        for seq, (ts, user_id, action, obj, sig) in enumerate(rows, start=1):
            digest = _digest(key, seq, ts, user_id, action, obj, prev)
            if user_id == session.user_id and sig:
                sig = sealing.sign(own_key, digest.encode())
            db.execute(
                "INSERT INTO audit (seq, ts, user_id, action, object_id, prev_hash, hash, sig)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, user_id, action, obj, prev, digest, sig),
            )
            prev = digest


def chain_rows(session):
    return [[e.ts, e.user_id, e.action, e.object_id, e.sig] for e in session.audit.entries()]


@pytest.fixture
def busy(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000801")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.cases.create("2026/000802")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000803")
    return vault


def admin_id(session):
    return session.users.by_login("admin").id


def test_an_officer_editing_an_admin_entry_is_detected(busy):
    with busy.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rows = chain_rows(s)
        target = next(i for i, r in enumerate(rows) if r[2] == "case.create" and r[1] != s.user_id)
        rows[target][3] = "999"  # another case id
        rewrite(s, rows, bytes(s._keys["sign"]))
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        report = s.audit.verify()
    assert not report.ok and report.broken_seq == target + 1
    assert "signature" in report.reason
    r = trame(busy.home, "audit", "verify")
    assert r.returncode == 1 and "ROMPU" in r.stdout


def test_an_officer_deleting_an_admin_entry_is_detected(busy):
    with busy.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rows = chain_rows(s)
        target = next(i for i, r in enumerate(rows) if r[2] == "case.create" and r[1] != s.user_id)
        del rows[target]
        rewrite(s, rows, bytes(s._keys["sign"]))
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        report = s.audit.verify()
    assert not report.ok and report.broken_seq is not None


def test_an_officer_registering_a_key_for_the_admin_is_detected(busy):
    """The cleverer insider: he registers a key of his own making for the administrator,
    then signs forged administrator entries with it."""
    fake_priv, fake_pub = sealing.new_signer()
    with busy.unlock("enqueteur", OFFICER_PASSWORD) as s:
        admin = admin_id(s)
        s.audit.append(s.user_id, KEY_REGISTER, key_object(admin, fake_pub))
        forged = type(s.audit)(s.cases_db, s.audit._key, signer=fake_priv)
        forged.append(admin, "case.purge", "2")
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        report = s.audit.verify()
    assert not report.ok and "droit" in report.reason


@pytest.fixture
def signer():
    return SoftwareSigner(certs.create("Camille DURAND", "Préfecture de police", "BPM"))


def sealed_pv_with_head(session, signer):
    seq, head = session.audit.head()
    base = sample_pv(pairs=2)
    model = dataclasses.replace(
        base, footer=dataclasses.replace(base.footer, audit_seq=seq, audit_hash=head)
    )
    return seal_document(model, signer)


def test_truncating_the_tail_after_a_pv_is_caught_by_audit_check(busy, tmp_path, signer):
    with busy.unlock("enqueteur", OFFICER_PASSWORD) as s:
        pv = tmp_path / "pv.pdf"
        pv.write_bytes(sealed_pv_with_head(s, signer))
        seq, _ = s.audit.head()
    r = trame(busy.home, "audit", "check", str(pv))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "présente" in r.stdout
    # The officer cuts the tail at the PV's entry and rebuilds what he can.
    with busy.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rows = chain_rows(s)[: seq - 1]
        rewrite(s, rows, bytes(s._keys["sign"]))
    r = trame(busy.home, "audit", "check", str(pv))
    assert r.returncode == 1 and "ABSENTE" in r.stdout
    # Unreadable input: exit 2.
    junk = tmp_path / "faux.pdf"
    junk.write_bytes(b"%PDF-1.7 pas vraiment")
    r = trame(busy.home, "audit", "check", str(junk))
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_backup_carries_the_head_and_audit_check_reads_it(busy, tmp_path):
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        archive = backup(s, tmp_path / "s.trame").path
    r = trame(busy.home, "audit", "check", str(archive))
    assert r.returncode == 0, r.stdout + r.stderr


def test_copying_older_vault_files_back_makes_unlock_warn(busy, tmp_path):
    old = tmp_path / "copie"
    shutil.copytree(busy.home, old)
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000804")
        assert s.warnings == []
    for name in ("cases.db", "keyslots.json", "medical.db"):
        for suffix in ("", "-wal", "-shm"):
            (busy.home / f"{name}{suffix}").unlink(missing_ok=True)
            if (old / f"{name}{suffix}").exists():
                shutil.copy2(old / f"{name}{suffix}", busy.home / f"{name}{suffix}")
    r = trame(busy.home, "cases", "list")
    assert r.returncode == 0
    assert "revenu en arrière" in r.stderr
    with busy.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.audit.entries("vault.rollback.seen")


def test_audit_show_lists_entries_in_french(busy):
    r = trame(busy.home, "audit", "show", "--limit", "200")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "N°\tDate et heure\tCompte\tAction\tObjet"
    text = r.stdout
    assert "Création d'un dossier" in text and "enqueteur" in text and "admin" in text
    assert "Ouverture de session" in text
    r = trame(busy.home, "audit", "show", "--compte", "enqueteur")
    assert r.returncode == 0 and "\tadmin\t" not in r.stdout
