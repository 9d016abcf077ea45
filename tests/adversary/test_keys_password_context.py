"""Passwords zxcvbn (English dictionaries) finds strong but that any attacker targeting a
French child-protection unit tries first: the account's own login, and the words of the
service (brigade des mineurs, UAPED, gendarmerie…) with a year or repeated, with or without
separators between them."""

from __future__ import annotations

import pytest

from desktop.core.errors import WeakPassword
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, fast_kdf

# (login, password): each was accepted by the policy before this test.
WITH_LOGIN = [
    ("lucie.fictive", "lucie.fictive.2026"),
    ("capitaine.imaginaire", "capitaine.imaginaire1"),
    ("hélène.fictive", "helene-fictive-2026"),  # the login without its accents
    ("hélène.fictive", "Hélène Fictive 2026"),
]
SERVICE_WORDS = [
    "brigadedesmineurs",
    "BrigadeMineurs2026",
    "uaped2026uaped",
    "uapedparis2026",
    # zxcvbn alone prices each separator between words as brute force: a combination
    # attack (words of the service chained with a separator and a number) does not
    "brigade-des-mineurs-75",
    "Brigade des Mineurs 75",
    "brigade_des_mineurs_2026",
    "uaped.paris.2026",
    "police nationale mineurs",
    "mot de passe enquêteur",  # accents do not hide a word: « enqueteur » is tried
    "brigadedesmineurs75",  # zxcvbn adds 10⁴ guesses per part: 4 parts passed for 10¹²
]


@pytest.mark.parametrize(("login", "password"), WITH_LOGIN)
def test_a_password_built_on_the_login_is_refused(vault, login, password):
    with vault.unlock("admin", ADMIN_PASSWORD) as s, pytest.raises(WeakPassword):
        s.add_user(login, password, "enqueteur")
    with pytest.raises(WeakPassword):
        Vault.create(vault.home.parent / "autre", login, password, kdf=fast_kdf())


@pytest.mark.parametrize("password", SERVICE_WORDS)
def test_a_password_made_of_the_service_words_is_refused(vault, password):
    with vault.unlock("admin", ADMIN_PASSWORD) as s, pytest.raises(WeakPassword):
        s.add_user("agent.fictif", password, "enqueteur")


def test_a_password_change_to_the_login_is_refused(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("paul.fictif", "tulipe-volcan-teckel-verger-treuil", "enqueteur")
        with pytest.raises(WeakPassword):
            s.change_password("paul.fictif", "paul.fictif.paul.fictif")
