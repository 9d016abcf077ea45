from __future__ import annotations

import json

import pytest

from desktop.core.errors import PermissionDenied, VaultCorrupt
from desktop.core.vault.db import Database
from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD


def test_police_slots_never_wrap_the_medical_key(vault):
    data = json.loads((vault.home / "keyslots.json").read_text())
    for slot in data["slots"]:
        # the slot's own key pairs are wrapped under the password; data keys sealed to it
        assert set(slot["keys"]) == {"box", "sign"}
        if slot["role"] in ("administrateur", "enqueteur", "uaped"):
            assert set(slot["sealed"]) == {"case"}, slot["kind"]
        if slot["role"] == "medecin":
            assert set(slot["sealed"]) == {"case", "medical"}


@pytest.mark.parametrize(
    ("login", "password"), [("enqueteur", OFFICER_PASSWORD), ("uaped", UAPED_PASSWORD)]
)
def test_police_account_cannot_open_the_medical_database(vault, login, password):
    with vault.unlock(login, password) as s:
        assert not s.has_medical_access()
        with pytest.raises(PermissionDenied) as err:
            s.medical_db  # noqa: B018
        assert "secret médical" in err.value.message
        with pytest.raises(PermissionDenied):
            s.medical_records  # noqa: B018
        # Even with its only key, the medical file does not open.
        with pytest.raises(VaultCorrupt):
            Database(vault.medical_path, s._key("case"), "la base médicale")


def test_doctor_reads_and_writes_medical_data(doctor_session):
    case = doctor_session.cases.create("2026/0042", "UMJ")
    rec = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1")
    doctor_session.medical_records.set_answer(rec.id, "antecedents", "texte confidentiel")
    assert doctor_session.medical_records.answers(rec.id) == {"antecedents": "texte confidentiel"}
    actions = [e.action for e in doctor_session.audit.entries("medical.")]
    assert "medical.answer" in actions


def test_administrator_cannot_create_a_medical_account(admin_session):
    with pytest.raises(PermissionDenied):
        admin_session.add_user(
            "faux-medecin", "un mot de passe long comme un hérisson nain", "medecin"
        )


def test_doctor_cannot_create_police_accounts(doctor_session):
    with pytest.raises(PermissionDenied):
        doctor_session.add_user("agent", "un mot de passe long comme un hérisson nain", "enqueteur")
