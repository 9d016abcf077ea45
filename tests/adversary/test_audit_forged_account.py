"""An enquêteur holding the case key appends, at the tail of the chain, a key.register entry
for an account id nobody created (or spelled like the administrator's login), signed by a
key he just made ("an account's first key may register itself"), then entries in that
name. `trame audit verify` must not call such a chain intact: a self-registered key is only
for accounts whose creation is in the chain."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.core.errors import InvalidInput
from desktop.core.vault import Vault, sealing
from desktop.core.vault.audit import KEY_REGISTER, _digest, key_object
from desktop.core.vault.backup import backup, restore
from desktop.core.vault.enrolment import (
    enrol_first_doctor,
    issue_medical_enrolment,
    renew_medical_recovery,
)
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD, fast_kdf


def forge(session, user_id, action, obj, private: bytes):
    db = session.cases_db
    seq, prev = session.audit.head()
    ts = "2026-11-30T22:00:00.000000Z"
    digest = _digest(session.audit._key, seq + 1, ts, user_id, action, obj, prev)
    sig = sealing.sign(private, digest.encode())
    with db.transaction():
        db.execute(
            "INSERT INTO audit (seq, ts, user_id, action, object_id, prev_hash, hash, sig)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (seq + 1, ts, user_id, action, obj, prev, digest, sig),
        )


def test_a_key_self_registered_for_an_account_nobody_created_breaks_the_chain(vault):
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes_raw()
    pub = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        forge(s, "admin", KEY_REGISTER, key_object("admin", pub.decode()), private)
        forge(s, "admin", "case.delete", "42", private)
        report = s.audit.verify()
    assert not report.ok


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


def new_key() -> tuple[bytes, str]:
    key = Ed25519PrivateKey.generate()
    pub = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return key.private_bytes_raw(), base64.b64encode(pub).decode()


def test_a_ghost_account_with_a_self_registered_key_fails_audit_verify_in_french(vault):
    private, pub = new_key()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        ghost = str(uuid.uuid4())  # an account id nobody created
        forge(s, ghost, KEY_REGISTER, key_object(ghost, pub), private)
        forge(s, ghost, "case.purge", "1", private)
        seq = s.audit.head()[0] - 1
    r = trame(vault.home, "audit", "verify")
    assert r.returncode == 1, r.stdout + r.stderr
    assert f"ROMPU au maillon n° {seq}" in r.stdout
    assert "s'est attribuée lui-même" in r.stdout and "Traceback" not in r.stderr


def test_a_ghost_account_registered_by_an_officer_fails_audit_verify(vault):
    """The officer signs the ghost's registration with his own, valid key."""
    private, pub = new_key()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        ghost = str(uuid.uuid4())
        s.audit.register_key(s.user_id, ghost, pub)
        forge(s, ghost, "case.purge", "1", private)
    r = trame(vault.home, "audit", "verify")
    assert r.returncode == 1 and "compte inconnu" in r.stdout, r.stdout


@pytest.mark.parametrize("login", ["medecin", "admin", "uaped"])
def test_a_second_key_forged_for_an_existing_account_is_detected(vault, login):
    private, pub = new_key()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        victim = s.users.by_login(login).id
        s.audit.register_key(s.user_id, victim, pub)
        forge(s, victim, "case.purge", "1", private)
        report = s.audit.verify()
    assert not report.ok and "droit" in report.reason
    r = trame(vault.home, "audit", "verify")
    assert r.returncode == 1 and "ROMPU" in r.stdout


def test_an_officer_cannot_make_himself_an_enrolment_or_root_key(vault):
    """key.medical and key.root are for an administrator's key only."""
    private, pub = new_key()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        ghost = str(uuid.uuid4())
        s.audit.register_key(s.user_id, ghost, pub, medical=True)
        report = s.audit.verify()
    assert not report.ok and "droit" in report.reason


def verified(vault, user="admin", password=ADMIN_PASSWORD):
    with vault.unlock(user, password) as s:
        report = s.audit.verify()
    assert report.ok, report.reason
    return report


def test_every_legitimate_flow_keeps_the_chain_intact(vault, tmp_path):
    """init, users add, the médecin's enrolment (fixture), a médecin creating a médecin, an
    administrator's password reset, an own password change, a disable (key rotation), an
    explicit rotation, the medical recovery key renewed and used, a restore."""
    verified(vault)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        s.add_user("medecin2", "deuxieme medecin fictif sur garde", "medecin")
    verified(vault, "medecin2", "deuxieme medecin fictif sur garde")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("enqueteur2", "second enqueteur fictif des mineurs", "enqueteur")
        s.change_password("enqueteur", "nouvelle phrase enqueteur fictif")
        s.change_password("admin", "nouvelle phrase administrateur fictif")
    with vault.unlock("enqueteur", "nouvelle phrase enqueteur fictif") as s:
        s.cases.create("2026/000901")
    with vault.unlock("admin", "nouvelle phrase administrateur fictif") as s:
        backup(s, tmp_path / "avant.trame")
        s.disable_user("enqueteur2")  # rotates the case key
        s.rotate_keys()
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        code = renew_medical_recovery(s)
        s.change_password("medecin2", "medecin deux remis par le premier")
    with vault.unlock_recovery(code, medical=True) as s:
        s.change_password("medecin", "medecin remis par la cle de secours")
    verified(vault, "medecin", "medecin remis par la cle de secours")
    restore(
        vault.home,
        tmp_path / "avant.trame",
        "admin",
        "nouvelle phrase administrateur fictif",
        accept_rollback=True,
    )
    verified(vault, "admin", "nouvelle phrase administrateur fictif")
    # The medical recovery key, unknown to the backup's chain, still resets a médecin.
    with vault.unlock_recovery(code, medical=True) as s:
        s.change_password("medecin", "medecin remis apres la restauration")
    verified(vault, "medecin", "medecin remis apres la restauration")
    r = trame(vault.home, "audit", "verify", password="nouvelle phrase administrateur fictif")
    assert r.returncode == 0 and "intact" in r.stdout, r.stdout + r.stderr


def test_a_restore_from_before_the_enrolment_keeps_the_medecin_a_registrar(vault_home, tmp_path):
    """The backup predates the médecin's key: the restoring administrator registers it as a
    key of the medical side, so the médecin still creates médecins in a verified chain."""
    kdf = fast_kdf()
    Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=kdf)
    v = Vault(vault_home, kdf)
    with v.unlock("admin", ADMIN_PASSWORD) as s:
        backup(s, tmp_path / "init.trame")
        code = issue_medical_enrolment(s)
    enrol_first_doctor(v, code, "medecin", DOCTOR_PASSWORD)
    restore(vault_home, tmp_path / "init.trame", "admin", ADMIN_PASSWORD, accept_rollback=True)
    with v.unlock("medecin", DOCTOR_PASSWORD) as s:
        s.add_user("medecin2", "deuxieme medecin fictif sur garde", "medecin")
    verified(v)


def test_an_enrolment_code_from_an_older_release_is_refused_in_french(vault_home):
    """A code whose key the administrator never registered (issued before this check)
    would make the médecin's key unverifiable: refused before anything is created."""
    kdf = fast_kdf()
    Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=kdf)
    v = Vault(vault_home, kdf)
    with v.unlock("admin", ADMIN_PASSWORD) as s:
        code = issue_medical_enrolment(s)
        enrolment = next(x for x in s.slots.slots if x.kind == "medical-enrolment")
        with s.cases_db.transaction():  # as an older release left it: key not registered
            s.cases_db.execute("DELETE FROM account_keys WHERE pub = ?", (enrolment.sign_pub,))
    with pytest.raises(InvalidInput, match="version antérieure"):
        enrol_first_doctor(v, code, "medecin", DOCTOR_PASSWORD)
    assert not v.medical_path.exists()


def test_an_upgraded_vault_lets_its_older_accounts_register_their_first_key(vault_home):
    """A vault whose chain predates signatures: its administrator starts them, its recovery
    key (declared as an older account) registers its own key when first used, and an
    account created afterwards is registered by the administrator."""
    from tests.core.vault.test_upgrade import make_v1_vault

    vault, result = make_v1_vault(vault_home)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
    with vault.unlock_recovery(result.recovery_code) as s:
        assert s.audit.verify().ok
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        # An account created after the start cannot register itself.
        private, pub = new_key()
        ghost = str(uuid.uuid4())
        forge(s, ghost, KEY_REGISTER, key_object(ghost, pub), private)
        assert not s.audit.verify().ok


def strip_signatures(session):
    """Make the chain look as a release before signatures left it: the same events, no
    signatures, no key entries, HMACs recomputed (the case key holder can)."""
    db = session.cases_db
    rows = [
        (e.ts, e.user_id, e.action, e.object_id)
        for e in session.audit.entries()
        if not e.action.startswith(("key.", "audit.signing", "account."))
    ]
    prev = "0" * 64
    with db.transaction():
        db.execute("DELETE FROM audit")
        db.execute("DELETE FROM account_keys")
        for seq, (ts, user_id, action, obj) in enumerate(rows, start=1):
            digest = _digest(session.audit._key, seq, ts, user_id, action, obj, prev)
            db.execute(
                "INSERT INTO audit (seq, ts, user_id, action, object_id, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, ts, user_id, action, obj, prev, digest),
            )
            prev = digest


def test_an_upgraded_vault_starts_signatures_with_its_administrator(vault):
    """Older accounts register their own first key; only the administrator starts the
    signed chain (an enquêteur opening first stays unsigned), an older médecin keeps
    creating médecins, and an enquêteur still cannot invent an account."""
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        strip_signatures(s)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.cases.create("2026/000911")
        assert all(not e.sig for e in s.audit.entries())  # no start by an enquêteur
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        start = s.audit.entries("audit.signing")
        assert len(start) == 1 and start[0].user_id == s.user_id
        declared = {e.object_id.split(":")[1] for e in s.audit.entries("account.legacy")}
        assert {"enqueteur", "medecin", "uaped"} <= declared
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        s.add_user("medecin2", "deuxieme medecin fictif sur garde", "medecin")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.cases.create("2026/000912")
        assert s.audit.verify().ok, s.audit.verify().reason
        private, pub = new_key()
        ghost = str(uuid.uuid4())
        s.audit.register_key(s.user_id, ghost, pub)
        forge(s, ghost, "case.purge", "1", private)
        report = s.audit.verify()
    assert not report.ok and "compte inconnu" in report.reason
