"""The médecin's enrolment code, seen by an enquêteur (shoulder-surfing) while it waits, or an
older code the administrator replaced: with a copy of the key-slot file of that time (the
data folder, any backup) it opens the enrolment slot, whose signing key the administrator
registered as a key of the medical side (`key.medical`).

The code is single-use in the application. The verifier must hold it to the same rule: once
the enrolment key has registered the first médecin (or once a newer code replaced it), a
registration it signs is not an authority's, so the enquêteur cannot enrol a ghost médecin
in the chain, nor give the real médecin a second key of his own making, after the fact.
"""

from __future__ import annotations

import uuid

import pytest

from desktop.core.vault import Vault, sealing
from desktop.core.vault.audit import KEY_REGISTER, _digest, key_object
from desktop.core.vault.enrolment import (
    KIND_ENROLMENT,
    enrol_first_doctor,
    issue_medical_enrolment,
)
from desktop.core.vault.keyslots import KeySlotFile
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, OFFICER_PASSWORD, fast_kdf


def append_signed(session, user_id, action, obj, private: bytes) -> None:
    """At the tail of the chain, HMAC recomputed (case key holder), signed with `private`."""
    db = session.cases_db
    seq, prev = session.audit.head()
    ts = "2026-11-30T23:00:00.000000Z"
    digest = _digest(session.audit._key, seq + 1, ts, user_id, action, obj, prev)
    with db.transaction():
        db.execute(
            "INSERT INTO audit (seq, ts, user_id, action, object_id, prev_hash, hash, sig)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq + 1,
                ts,
                user_id,
                action,
                obj,
                prev,
                digest,
                sealing.sign(private, digest.encode()),
            ),
        )


def stolen_enrolment_key(slot_file_bytes: bytes, path, code: str) -> tuple[str, bytes]:
    """What the enquêteur gets from a copy of the key-slot file and the code he saw."""
    from desktop.core.vault import crypto

    slots = KeySlotFile.parse(slot_file_bytes, path)
    slot = next(s for s in slots.slots if s.kind == KIND_ENROLMENT)
    keys = slots.open_slot(slot, crypto.normalize_recovery_code(code))
    assert keys is not None
    return slot.user_id, keys[sealing.SIGN]


@pytest.fixture
def fresh(vault_home):
    kdf = fast_kdf()
    Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=kdf)
    v = Vault(vault_home, kdf)
    with v.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
    return v


@pytest.mark.parametrize("which", ["used", "replaced"])
def test_a_spent_enrolment_key_registers_no_ghost_medecin(fresh, which):
    with fresh.unlock("admin", ADMIN_PASSWORD) as s:
        code = issue_medical_enrolment(s)
    seen = fresh.keyslots_path.read_bytes()  # the data folder, as the enquêteur reads it
    enrolment_id, private = stolen_enrolment_key(seen, fresh.keyslots_path, code)
    if which == "replaced":
        with fresh.unlock("admin", ADMIN_PASSWORD) as s:
            code = issue_medical_enrolment(s)  # a new code: the old one "no longer exists"
    enrol_first_doctor(fresh, code, "medecin", DOCTOR_PASSWORD)
    with fresh.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        doctor = s.users.by_login("medecin").id
        ghost = str(uuid.uuid4())
        ghost_priv, ghost_pub = sealing.new_signer()
        append_signed(s, enrolment_id, KEY_REGISTER, key_object(ghost, ghost_pub), private)
        # The ghost, now "of the medical side", gives the real médecin a key of its making…
        fake_priv, fake_pub = sealing.new_signer()
        append_signed(s, ghost, KEY_REGISTER, key_object(doctor, fake_pub), ghost_priv)
        # …and writes in the médecin's name.
        append_signed(s, doctor, "medical.record.delete", "7", fake_priv)
        report = s.audit.verify()
    assert not report.ok, "a spent enrolment key still registers médecins"
    assert "code d'inscription" in report.reason, report.reason
