"""Restore rules: current accounts decide, rollbacks are explicit and recorded, the medical
database is restored by the medical side only, crafted archives are refused cleanly."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile

import pytest

from desktop.core.errors import InvalidInput, PermissionDenied, UserDisabled
from desktop.core.vault.backup import backup, restore
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD


def trame(home, *args, user, password):
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_USER=user, TRAME_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def fingerprint(vault):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(vault.home.iterdir())
        if p.is_file() and p.name != "throttle.json"
    }


def test_a_disabled_account_cannot_restore_and_is_not_re_enabled(vault, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backup(s, tmp_path / "avant.trame").path
        s.disable_user("enqueteur")
    with pytest.raises(UserDisabled):
        restore(vault.home, old, "enqueteur", OFFICER_PASSWORD, accept_rollback=True)
    r = trame(
        vault.home,
        "restore",
        str(old),
        "--accept-rollback",
        user="enqueteur",
        password=OFFICER_PASSWORD,
    )
    assert r.returncode == 1 and "désactivé" in r.stderr and "Traceback" not in r.stderr
    # The administrator restores the old backup: the account stays disabled.
    restore(vault.home, old, "admin", ADMIN_PASSWORD, accept_rollback=True)
    with pytest.raises(UserDisabled):
        vault.unlock("enqueteur", OFFICER_PASSWORD)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.users.by_login("enqueteur").disabled
        assert s.audit.verify().ok


def test_a_rollback_needs_accept_rollback_and_is_recorded(vault, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backup(s, tmp_path / "avant.trame").path
        s.cases.create("2026/000777")
    slots_before = vault.keyslots_path.read_bytes()
    with pytest.raises(InvalidInput) as err:
        restore(vault.home, old, "admin", ADMIN_PASSWORD)
    assert "--accept-rollback" in err.value.message
    assert vault.keyslots_path.read_bytes() == slots_before
    with vault.unlock("admin", ADMIN_PASSWORD) as s:  # (its unlock entry is the only change)
        assert [c.procedure_number for c in s.cases.list()] == ["2026/000777"]
    restore(vault.home, old, "admin", ADMIN_PASSWORD, accept_rollback=True)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert [c.procedure_number for c in s.cases.list()] == []
        [restored] = s.audit.entries("vault.restore")
        [rollback] = s.audit.entries("vault.rollback")
        seq, head = restored.object_id.split(":")
        assert s.audit.hash_at(int(seq)) == head  # the backup's head is in the chain
        assert int(rollback.object_id.split(":")[0]) > int(seq)
        assert s.audit.verify().ok


def test_the_administrator_cannot_restore_over_the_medical_database(vault, tmp_path):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case = s.cases.create("2026/000500")
        rec = s.medical_records.create(case.id, "umj", "checklist_umj", "1")
        s.medical_records.set_answer(rec.id, "examen", "avant")
        medical_backup = backup(s, tmp_path / "medecin.trame").path
        s.medical_records.set_answer(rec.id, "examen", "après")
    # The administrator restores the médecin's backup, medical part included: only the
    # case part is restored, the medical database is left exactly as it is.
    medical_before = hashlib.sha256(vault.medical_path.read_bytes()).hexdigest()
    aside = restore(vault.home, medical_backup, "admin", ADMIN_PASSWORD, accept_rollback=True)
    assert not (aside / "medical.db").exists()
    assert hashlib.sha256(vault.medical_path.read_bytes()).hexdigest() == medical_before
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert s.medical_records.answers(rec.id) == {"examen": "après"}


def test_an_officer_cannot_restore(vault, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        old = backup(s, tmp_path / "enqueteur.trame").path
    with pytest.raises(PermissionDenied):
        restore(vault.home, old, "enqueteur", OFFICER_PASSWORD, accept_rollback=True)


def crafted(path, manifest: bytes | None, members=("keyslots.json", "cases.db"), big=0):
    with tarfile.open(path, "w") as tar:

        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        if manifest is not None:
            add("trame-backup.json", manifest + b" " * big)
        for name in members:
            add(name, b"{}" if name.endswith(".json") else b"\0" * 1024)
    return path


GOOD = json.dumps({"format": "trame-backup", "version": 1, "vault_id": "x", "medical": False})


@pytest.mark.parametrize(
    ("label", "manifest", "members", "big"),
    [
        ("pas du JSON", b"ceci n'est pas du json", ("keyslots.json", "cases.db"), 0),
        ("une liste JSON", b"[1, 2, 3]", ("keyslots.json", "cases.db"), 0),
        ("UTF-8 invalide", b'{"format": "\xff\xfe"}', ("keyslots.json", "cases.db"), 0),
        ("base absente", GOOD.encode(), ("keyslots.json",), 0),
        ("manifeste absent", None, ("keyslots.json", "cases.db"), 0),
        ("manifeste énorme", GOOD.encode(), ("keyslots.json", "cases.db"), 200_000),
    ],
)
def test_crafted_archives_get_a_french_error_and_change_nothing(
    vault, tmp_path, label, manifest, members, big
):
    archive = crafted(tmp_path / "piege.trame", manifest, members, big)
    before = fingerprint(vault)
    r = trame(vault.home, "restore", str(archive), user="admin", password=ADMIN_PASSWORD)
    assert r.returncode == 1, label
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("trame: ") and "sauvegarde" in lines[0]
    assert fingerprint(vault) == before
    assert not [p for p in vault.home.iterdir() if p.name.startswith(".restore-")]
