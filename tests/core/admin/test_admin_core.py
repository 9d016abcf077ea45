"""The administration use cases without a display, on a real vault: backup history and
reminder, a backup's manifest read without opening it, the CLI on the same functions."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from desktop.core.admin import backups
from desktop.core.admin.bundle_check import check_bundle
from desktop.core.admin.retention import retention_overview, set_purge_delay
from desktop.core.errors import InvalidInput, NotAVault, PermissionDenied
from desktop.core.export.retention import mark_transmitted
from tests.conftest import ADMIN_PASSWORD


def test_backup_history_reminder_and_manifest(admin_session, tmp_path):
    s = admin_session
    assert backups.backup_overdue(s).last is None  # never backed up
    steps = []
    info = backups.create_backup(s, tmp_path, lambda f, m: steps.append((f, m)))
    assert info.path.parent == tmp_path and info.path.name.startswith("trame-sauvegarde-")
    assert [f for f, _ in steps] == sorted(f for f, _ in steps) and steps[-1][0] == 1.0
    assert info.audit_seq and len(info.audit_hash) == 64
    assert backups.backup_overdue(s) is None
    later = datetime.now(UTC) + timedelta(days=8)
    assert backups.backup_overdue(s, now=later).days == 7
    backups.set_reminder_days(s, 10)
    assert backups.backup_overdue(s, now=later) is None
    with pytest.raises(InvalidInput):
        backups.set_reminder_days(s, 0)
    [listed] = backups.backup_history(s)
    assert listed.present and listed.audit_seq == info.audit_seq
    # an existing file is never overwritten, and the history stays as it was
    with pytest.raises(InvalidInput):
        backups.create_backup(s, info.path)
    assert len(backups.backup_history(s)) == 1
    info.path.rename(tmp_path / "ailleurs.trame")
    [moved] = backups.backup_history(s)
    assert not moved.present and moved.audit_seq == info.audit_seq  # from the history
    (tmp_path / "pas-une.trame").write_bytes(b"pas une sauvegarde")
    with pytest.raises(NotAVault) as exc:
        backups.read_backup(tmp_path / "pas-une.trame")
    assert "n'est pas une sauvegarde Trame" in exc.value.message


def test_retention_overview_and_delay(vault, admin_session, officer_session, exported_case):
    case = officer_session.cases.get(exported_case(officer_session, "2026/000901"))
    officer_session.cases.create("2026/000902", "BPM")
    mark_transmitted(officer_session, case.id)
    rows = retention_overview(admin_session)
    assert [(r.procedure_number, r.due) for r in rows][0] == ("2026/000901", True)
    set_purge_delay(admin_session, 30)
    first = retention_overview(admin_session)[0]
    assert not first.due and (first.purge_from - first.transmitted).days == 30
    with pytest.raises(PermissionDenied):
        set_purge_delay(officer_session, 1)


def test_bundle_verdict_for_a_folder_that_is_no_export(tmp_path):
    verdict = check_bundle(tmp_path)
    assert verdict.exit_code == 2 and verdict.headline.startswith("ILLISIBLE")


def test_cli_backup_to_a_folder_uses_the_same_history(vault, vault_home, tmp_path):
    env = dict(os.environ, TRAME_HOME=str(vault_home), TRAME_PASSWORD=ADMIN_PASSWORD)
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "backup", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    assert "journal d'audit jusqu'à l'entrée n°" in r.stdout
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        [made] = backups.backup_history(s)
    assert made.present and made.path.parent == tmp_path


def test_cli_cert_export_writes_the_public_part_only(vault, vault_home, tmp_path):
    from desktop.core.admin.certificates import create_certificate

    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        rec = create_certificate(s, "Camille DURAND")
    env = dict(os.environ, TRAME_HOME=str(vault_home), TRAME_PASSWORD=ADMIN_PASSWORD)
    out = tmp_path / "durand"
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "cert", "export", str(rec.id), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr
    pem = (tmp_path / "durand.pem").read_text()
    assert "BEGIN CERTIFICATE" in pem and "PRIVATE" not in pem
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert [e.object_id for e in s.audit.entries("cert.export")] == [str(rec.id)]
