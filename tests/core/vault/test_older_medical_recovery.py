"""Issue 15, older vaults: their medical recovery key was made by `init` and shown to the
administrator. At a médecin's unlock, Trame tells him in French exactly what to run; once he
has run it, the warning is gone and the old key opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.core.errors import WrongPassword
from desktop.core.vault import crypto
from desktop.core.vault.keyslots import (
    CASE_KEY,
    KIND_MEDICAL_RECOVERY,
    MEDICAL_KEY,
    MEDICAL_RECOVERY_LOGIN,
)
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD

WARNING = "trame keys renew-medical-recovery --user medecin"


def trame(home, *args, user="medecin", password=DOCTOR_PASSWORD):
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_USER=user, TRAME_PASSWORD=password)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        stdin=subprocess.DEVNULL,
    )


def make_older(vault) -> str:
    """Turn the fixture's vault into one as an older release's `init` left it: a medical
    recovery key whose code the administrator saw, registered by the administrator."""
    code = crypto.new_recovery_code()
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:  # only to wrap the medical key
        data = {CASE_KEY: s._key(CASE_KEY), MEDICAL_KEY: s._key(MEDICAL_KEY)}
        slot = s.slots.make_slot(
            MEDICAL_RECOVERY_LOGIN, code, "medecin", KIND_MEDICAL_RECOVERY, data, s.slot.kdf
        )

        def swap():
            s.slots.slots = [x for x in s.slots.slots if x.kind != KIND_MEDICAL_RECOVERY]
            s.slots.slots.append(slot)

        s._save_slots(swap)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:  # as `init` registered it
        s.audit.register_key(s.user_id, slot.user_id, slot.sign_pub, root=True)
    return code


def test_a_new_vault_tells_the_medecin_nothing(vault):
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert s.warnings == []


def test_a_medecin_of_an_older_vault_is_told_what_to_run_then_it_holds(vault):
    old_code = make_older(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.warnings == []  # the police side is not told about medical keys
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert len(s.warnings) == 1 and WARNING in s.warnings[0]
        assert "l'administrateur" in s.warnings[0]
    # The command line shows it at every médecin command, in French, on stderr.
    r = trame(vault.home, "audit", "verify")
    assert r.returncode == 0 and WARNING in r.stderr, r.stdout + r.stderr
    # The médecin runs exactly what he was told.
    r = trame(vault.home, *WARNING.split()[1:])
    assert r.returncode == 0, r.stdout + r.stderr
    new_code = r.stdout.split("une seule fois :")[1].split()[0]
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        assert s.warnings == []
        assert s.audit.verify().ok
    r = trame(vault.home, "audit", "verify")
    assert r.returncode == 0 and WARNING not in r.stderr
    # The key the administrator saw opens nothing; the médecin's new one does.
    with pytest.raises(WrongPassword):
        vault.unlock_recovery(old_code, medical=True)
    with vault.unlock_recovery(new_code, medical=True) as s:
        assert s.has_medical_access()
