"""A sealing certificate disabled as lost or compromised stays disabled when a backup made
before the disablement is restored: the restore re-applies it, writes it in the audit log
and says so in French (`trame restore` prints it)."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop.core.admin import backups
from desktop.core.admin.certificates import create_certificate, disable_certificate
from desktop.core.seal.store import CertificateStore
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def _disabled_after_backup(vault, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        old_cert = create_certificate(s, "Camille DURAND", "PP (fictive)")
        kept = create_certificate(s, "Camille DURAND", "PP (fictive)")  # replaces, not disabled
        compromised = create_certificate(s, "Camille DURAND", "PP (fictive)", unit="BPM")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
        disable_certificate(s, compromised.id)
    return old, old_cert, kept, compromised


def test_restore_keeps_the_disablement_and_warns(vault, vault_home, tmp_path):
    old, old_cert, _kept, compromised = _disabled_after_backup(vault, tmp_path)
    notes: list[str] = []
    backups.restore_backup(
        vault_home, old.path, "admin", ADMIN_PASSWORD, accept_rollback=True, notes=notes
    )
    assert len(notes) == 1
    assert "reste désactivé" in notes[0] and compromised.fingerprint[:16] in notes[0]
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        store = CertificateStore(s)
        assert not store.get(compromised.id).active
        assert store.active() is None  # nothing else silently became the seal
        assert store.get(old_cert.id) is not None
        assert s.audit.entries("cert.disable")[-1].object_id == str(compromised.id)
        assert s.audit.verify().ok


def test_restore_without_disablement_says_nothing(vault, vault_home, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rec = create_certificate(s, "Camille DURAND", "PP (fictive)")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
        s.cases.create("2026/000410", "BPM")
    notes: list[str] = []
    backups.restore_backup(
        vault_home, old.path, "admin", ADMIN_PASSWORD, accept_rollback=True, notes=notes
    )
    assert notes == []
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert CertificateStore(s).active().id == rec.id


def test_cli_restore_prints_the_warning(vault, vault_home, tmp_path):
    old, _old_cert, _kept, compromised = _disabled_after_backup(vault, tmp_path)
    env = dict(
        os.environ,
        TRAME_HOME=str(vault_home),
        TRAME_PASSWORD=ADMIN_PASSWORD,
        TRAME_USER="admin",
        TRAME_KDF_SECONDS="0.02",
    )
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "restore", str(old.path), "--accept-rollback"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "Attention" in r.stdout and "reste désactivé" in r.stdout
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert not CertificateStore(s).get(compromised.id).active
