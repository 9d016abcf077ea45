"""Key rotation: a disabled account's old key-slot file or old backup opens nothing live."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import time

import pytest

from desktop.core.errors import UserDisabled, VaultCorrupt
from desktop.core.vault import rotation
from desktop.core.vault.backup import backup
from desktop.core.vault.db import Database
from desktop.core.vault.keyslots import CASE_KEY, MEDICAL_KEY, KeySlotFile
from tests.conftest import (
    ADMIN_PASSWORD,
    DOCTOR_PASSWORD,
    OFFICER_PASSWORD,
    UAPED_PASSWORD,
)
from tests.support.crash import kill_cycles

DOCTOR2_PASSWORD = "second médecin en chaloupe 72"


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


def old_keys(slot_file, login, password):
    slots = KeySlotFile.load(slot_file)
    keys = slots.open_slot(slots.find(login), password)
    assert keys, "the old file still opens with the old password (it is a copy)"
    return keys


def assert_opens_nothing(vault, keys):
    for name, path in ((CASE_KEY, vault.cases_path), (MEDICAL_KEY, vault.medical_path)):
        if name in keys:
            with pytest.raises(VaultCorrupt):
                Database(path, keys[name], "essai")


def backup_slot_file(archive, into):
    with tarfile.open(archive) as tar:
        into.write_bytes(tar.extractfile("keyslots.json").read())
    return into


def test_disabled_officer_opens_nothing_live_with_old_files(vault, tmp_path):
    old = tmp_path / "ancien-keyslots.json"
    shutil.copy(vault.keyslots_path, old)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        backup(s, tmp_path / "avant.trame")
        s.disable_user("enqueteur")
        s.cases.create("2026/000999")
    from_backup = backup_slot_file(tmp_path / "avant.trame", tmp_path / "sauv-keyslots.json")
    for copy in (old, from_backup):
        assert_opens_nothing(vault, old_keys(copy, "enqueteur", OFFICER_PASSWORD))

    # By command: the old slot file copied back over the live one opens nothing.
    shutil.copy(old, vault.keyslots_path)
    r = trame(vault.home, "cases", "list", user="enqueteur", password=OFFICER_PASSWORD)
    assert r.returncode != 0 and "2026/000999" not in r.stdout
    assert "Traceback" not in r.stderr and r.stderr.startswith("trame: ")


def test_remaining_accounts_and_recovery_keys_still_open(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.create("2026/000100")
        s.disable_user("enqueteur")
    for login, password in (("uaped", UAPED_PASSWORD), ("admin", ADMIN_PASSWORD)):
        with vault.unlock(login, password) as s:
            assert s.cases.get(case.id) is not None
            assert s.audit.verify().ok
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert s.medical_records.for_case(case.id) == []
    with pytest.raises(UserDisabled):
        vault.unlock("enqueteur", OFFICER_PASSWORD)
    with vault.unlock_recovery(vault.init_result.recovery_code) as s:
        assert s.cases.get(case.id) is not None
    with vault.unlock_recovery(vault.init_result.medical_recovery_code, medical=True) as s:
        assert s.medical_records.for_case(case.id) == []


def test_disabling_a_doctor_rotates_the_medical_key(vault, tmp_path):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        s.add_user("medecin2", DOCTOR2_PASSWORD, "medecin")
        case = s.cases.create("2026/000200")
        s.medical_records.create(case.id, "examen", "examen_umj", "1")
    old = tmp_path / "ancien-keyslots.json"
    shutil.copy(vault.keyslots_path, old)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        s.disable_user("medecin2")
    keys = old_keys(old, "medecin2", DOCTOR2_PASSWORD)
    assert set(keys) >= {CASE_KEY, MEDICAL_KEY}
    assert_opens_nothing(vault, keys)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert len(s.medical_records.for_case(case.id)) == 1
        assert s.audit.verify().ok


def test_keys_rotate_command(vault, tmp_path):
    old = tmp_path / "ancien-keyslots.json"
    shutil.copy(vault.keyslots_path, old)
    r = trame(vault.home, "keys", "rotate", user="admin", password=ADMIN_PASSWORD)
    assert r.returncode == 0, r.stderr
    assert "base des dossiers" in r.stdout
    assert_opens_nothing(vault, old_keys(old, "enqueteur", OFFICER_PASSWORD))
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.entries("vault.rotate")
        assert s.audit.verify().ok
    r = trame(vault.home, "keys", "rotate", user="enqueteur", password=OFFICER_PASSWORD)
    assert r.returncode != 0 and "administrateur" in r.stderr


@pytest.mark.parametrize("crash_in", ["_rekey", "_install"])
def test_a_crash_mid_rotation_is_finished_at_next_unlock(vault, monkeypatch, crash_in):
    """The process dies after the journal (before or after the re-key): the next unlock by
    any remaining account finishes the rotation; the removed account is refused."""
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.create("2026/000300")

    def power_cut(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(rotation, crash_in, power_cut)
    with vault.unlock("admin", ADMIN_PASSWORD) as s, pytest.raises(KeyboardInterrupt):
        s.disable_user("enqueteur")
    monkeypatch.undo()
    assert (vault.home / rotation.JOURNAL).exists()
    with pytest.raises(UserDisabled):
        vault.unlock("enqueteur", OFFICER_PASSWORD)
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        assert s.cases.get(case.id) is not None
    assert not (vault.home / rotation.JOURNAL).exists()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.audit.verify().ok


WRITER = """
import sys
from desktop.core.vault import Vault
from desktop.core.vault.crypto import KdfParams
vault = Vault(sys.argv[1], KdfParams(1, 65536, 1).with_new_salt())
session = vault.unlock(sys.argv[2], sys.argv[3])
print("ready", flush=True)
while True:
    session.rotate_keys()
    print("rotated", flush=True)
"""


def test_sigkill_during_rotations_never_loses_the_vault(vault):
    """A médecin rotates both keys in a loop; SIGKILL at random moments; after each kill
    every account still opens both databases (old or new key, never neither)."""
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case = s.cases.create("2026/000400")
        s.medical_records.create(case.id, "examen", "examen_umj", "1")
        with s.cases_db.transaction():  # some volume, so that kills land inside a re-key
            s.cases_db.execute(
                "INSERT INTO settings (key, value) SELECT 'remplissage-' || value,"
                " hex(randomblob(2000)) FROM (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL"
                " SELECT value + 1 FROM n WHERE value < 3000) SELECT value FROM n)"
            )
    rotated = journals = 0
    args = [str(vault.home), "medecin", DOCTOR_PASSWORD]
    rng = random.Random(15)
    for cycle in range(16):
        if cycle % 2:
            rotated += len(kill_cycles(WRITER, args, cycles=1, seed=cycle, window=(0.05, 1.0)))
        else:  # aimed: kill while a journal exists, i.e. inside a re-key
            rotated += kill_when(WRITER, args, vault.home / rotation.JOURNAL, rng.uniform(0, 0.25))
        journals += (vault.home / rotation.JOURNAL).exists()
        with vault.unlock("uaped", UAPED_PASSWORD) as s:
            assert s.cases.get(case.id) is not None
        with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
            assert len(s.medical_records.for_case(case.id)) == 1
            assert s.audit.verify().ok
    assert rotated > 0 and journals > 0, "no kill landed inside a rotation"


def kill_when(code, args, path, delay) -> int:
    """Start the writer, SIGKILL it `delay` seconds after `path` appears; lines printed."""
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.001)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lines = proc.stdout.read().splitlines()
    proc.stdout.close()
    return len([ln for ln in lines if ln.strip()])


def test_a_doctor_renews_the_medical_recovery_key_and_the_old_one_opens_nothing(vault):
    from desktop.core.errors import WrongPassword
    from desktop.core.vault.enrolment import renew_medical_recovery

    old_code = vault.init_result.medical_recovery_code
    with vault.unlock_recovery(old_code, medical=True) as s:
        old_medical = s._key(MEDICAL_KEY)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        case = s.cases.create("2026/000600")
        s.medical_records.create(case.id, "umj", "checklist_umj", "1")
        new_code = renew_medical_recovery(s)
    with pytest.raises(WrongPassword):
        vault.unlock_recovery(old_code, medical=True)
    with pytest.raises(VaultCorrupt):
        Database(vault.medical_path, old_medical, "essai")
    with vault.unlock_recovery(new_code, medical=True) as s:
        assert len(s.medical_records.for_case(case.id)) == 1
        s.change_password("medecin", "phrase du médecin redéfinie")
    with vault.unlock("medecin", "phrase du médecin redéfinie") as s:
        assert s.audit.verify().ok
    r = trame(vault.home, "keys", "renew-medical-recovery", user="admin", password=ADMIN_PASSWORD)
    assert r.returncode == 1 and "médecin" in r.stderr
