"""An enquêteur, signing with his own registered key, writes each entry type that could make
a ghost account (or himself) an authority — account.legacy, a second audit.signing, key.root,
key.medical, medical.enrolment.issue, user.add, vault.restore — then registers a key for the
ghost, or in his own name a key for the administrator, and writes in their names. Each chain
must fail `trame audit verify`. And a user.disable he signs for the administrator or the
médecin does not silence their keys."""

from __future__ import annotations

import uuid

import pytest

from desktop.core.vault import sealing
from desktop.core.vault.audit import KEY_REGISTER, key_object
from tests.adversary.test_adv_audit_enrolment_key import append_signed
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD


@pytest.mark.parametrize(
    "action",
    [
        "account.legacy",
        "audit.signing",
        "key.root",
        "key.medical",
        "medical.enrolment.issue",
        "user.add",
        "vault.restore",
    ],
)
def test_no_entry_type_lets_an_enqueteur_make_a_ghost_authority(vault, action):
    ghost = str(uuid.uuid4())
    ghost_priv, ghost_pub = sealing.new_signer()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        me, mine = s.user_id, bytes(s._keys["sign"])
        admin = s.users.by_login("admin").id
        obj = {
            "account.legacy": f"{ghost}:administrateur",
            "audit.signing": key_object(ghost, ghost_pub),
            "key.root": key_object(ghost, ghost_pub),
            "key.medical": key_object(ghost, ghost_pub),
            "medical.enrolment.issue": ghost,
            "user.add": ghost,
            "vault.restore": "1:" + "0" * 64,
        }[action]
        append_signed(s, me, action, obj, mine)
        append_signed(s, ghost, KEY_REGISTER, key_object(ghost, ghost_pub), ghost_priv)
        fake_priv, fake_pub = sealing.new_signer()
        append_signed(s, ghost, KEY_REGISTER, key_object(admin, fake_pub), ghost_priv)
        append_signed(s, admin, "case.purge", "1", fake_priv)
        report = s.audit.verify()
    assert not report.ok


@pytest.mark.parametrize("victim", ["admin", "medecin"])
def test_a_disable_signed_by_an_enqueteur_silences_nobody(vault, victim):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        target = s.users.by_login(victim).id
        append_signed(s, s.user_id, "user.disable", target, bytes(s._keys["sign"]))
    password = ADMIN_PASSWORD if victim == "admin" else DOCTOR_PASSWORD
    with vault.unlock(victim, password) as s:
        s.cases.create("2026/000321")
        report = s.audit.verify()
    assert report.ok, report.reason
