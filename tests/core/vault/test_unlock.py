from __future__ import annotations

import json

import pytest

from desktop.core.errors import (
    KeySlotsDamaged,
    NotAVault,
    Throttled,
    UserDisabled,
    VaultExists,
    VaultNotFound,
    WeakPassword,
    WrongPassword,
)
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, fast_kdf


class FakeClock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


def test_wrong_password_refused_then_delayed_then_right_one_opens(vault):
    clock = FakeClock()
    v = Vault(vault.home, fast_kdf(), clock=clock)
    for _ in range(3):
        with pytest.raises(WrongPassword) as err:
            v.unlock("enqueteur", "pas le bon mot de passe")
        assert "incorrect" in err.value.message
    # After three failures the next attempt must wait, even with the right password.
    with pytest.raises(Throttled) as err:
        v.unlock("enqueteur", OFFICER_PASSWORD)
    assert 0 < err.value.remaining <= 60
    assert "réessayez dans" in err.value.message
    clock.t += err.value.remaining + 0.01
    with v.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.role == "enqueteur"


def test_delay_persists_across_restarts_and_is_capped(vault):
    clock = FakeClock()
    for _ in range(10):
        v = Vault(vault.home, fast_kdf(), clock=clock)  # a new process each time
        clock.t += 61  # wait out any delay, then fail again
        with pytest.raises(WrongPassword):
            v.unlock("admin", "mauvais mot de passe")
    v = Vault(vault.home, fast_kdf(), clock=clock)
    with pytest.raises(Throttled) as err:
        v.unlock("admin", ADMIN_PASSWORD)
    assert err.value.remaining == pytest.approx(60, abs=0.1)
    clock.t += 60.1
    with v.unlock("admin", ADMIN_PASSWORD):
        pass


def test_delay_schedule():
    from desktop.core.vault.keyslots import Throttle

    assert [Throttle.delay_for(n) for n in range(0, 10)] == [0, 0, 0, 2, 4, 8, 16, 32, 60, 60]


def test_unknown_user_is_refused_like_a_wrong_password(vault):
    with pytest.raises(WrongPassword) as err:
        vault.unlock("personne", ADMIN_PASSWORD)
    assert err.value.message == "Identifiant ou mot de passe incorrect."


def test_default_login_is_the_administrator(vault):
    with vault.unlock(None, ADMIN_PASSWORD) as s:
        assert s.role == "administrateur"


@pytest.mark.parametrize("password", ["", "   ", "court", "onze caract"])
def test_password_policy_explains_why(vault_home, password):
    with pytest.raises(WeakPassword) as err:
        Vault.create(vault_home, "admin", password, kdf=fast_kdf())
    assert "12 caractères" in err.value.message
    assert "mineurs" in err.value.message  # the message explains why
    assert not (vault_home / "keyslots.json").exists()


def test_init_twice_refuses_and_keeps_the_vault(vault):
    before = (vault.home / "keyslots.json").read_bytes()
    with pytest.raises(VaultExists):
        Vault.create(vault.home, "admin2", ADMIN_PASSWORD, kdf=fast_kdf())
    assert (vault.home / "keyslots.json").read_bytes() == before


def test_disabled_user_cannot_unlock(vault, admin_session):
    admin_session.disable_user("enqueteur")
    with pytest.raises(UserDisabled):
        vault.unlock("enqueteur", OFFICER_PASSWORD)


def test_missing_vault(tmp_path):
    with pytest.raises(VaultNotFound) as err:
        Vault(tmp_path / "rien").unlock("admin", ADMIN_PASSWORD)
    assert "trame init" in err.value.message


def test_missing_or_damaged_keyslot_file_is_a_clear_error_and_keeps_data(vault):
    slots = vault.home / "keyslots.json"
    original = slots.read_bytes()
    db_before = (vault.home / "cases.db").read_bytes()
    slots.write_bytes(original[: len(original) // 2])
    with pytest.raises(KeySlotsDamaged) as err:
        vault.unlock("admin", ADMIN_PASSWORD)
    assert "endommagé" in err.value.message
    slots.unlink()
    with pytest.raises(KeySlotsDamaged):
        vault.unlock("admin", ADMIN_PASSWORD)
    assert (vault.home / "cases.db").read_bytes() == db_before
    slots.write_text(json.dumps({"format": "autre chose"}))
    with pytest.raises(NotAVault):
        vault.unlock("admin", ADMIN_PASSWORD)
    slots.write_bytes(original)
    with vault.unlock("admin", ADMIN_PASSWORD):
        pass


def test_slot_edited_to_claim_another_role_does_not_open(vault):
    path = vault.home / "keyslots.json"
    data = json.loads(path.read_text())
    for slot in data["slots"]:
        if slot["kind"] == "password" and slot["role"] == "enqueteur":
            slot["role"] = "medecin"
    path.write_text(json.dumps(data))
    with pytest.raises(WrongPassword):
        vault.unlock("enqueteur", OFFICER_PASSWORD)


def test_keyslot_file_holds_no_login_names(vault, admin_session):
    admin_session.add_user(
        "jeanne.fictive", "un mot de passe long comme un hérisson nain", "enqueteur"
    )
    text = (vault.home / "keyslots.json").read_text().lower()
    assert "jeanne" not in text and "fictive" not in text
    assert '"admin"' not in text


def test_kdf_parameters_stored_and_at_least_64_mib(vault):
    data = json.loads((vault.home / "keyslots.json").read_text())
    for slot in data["slots"]:
        assert slot["kdf"]["alg"] == "argon2id"
        assert slot["kdf"]["memory_kib"] >= 65536
        assert len(slot["kdf"]["salt"]) >= 22  # 16 bytes in base64


def test_any_change_to_another_slot_is_detected(vault, admin_session):
    admin_session.disable_user("enqueteur")
    path = vault.home / "keyslots.json"
    data = json.loads(path.read_text())
    for slot in data["slots"]:
        if slot["role"] == "enqueteur":
            slot["disabled"] = False  # an attempt to re-enable the account by hand
    path.write_text(json.dumps(data))
    with pytest.raises(KeySlotsDamaged) as err:
        vault.unlock("admin", ADMIN_PASSWORD)
    assert "modifié en dehors de Trame" in err.value.message
