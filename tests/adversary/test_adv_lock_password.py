"""Issue 15, adversary: passwords the policy (desktop/core/vault/policy.py) accepted though an
attacker tries them early, and the ones it must keep accepting.

Broke (fixed): a word said twice around a year (« Soleil2026!soleil », « jetaime2026jetaime »)
was priced as two independent words; the titles of the people who use Trame and the words
of the procedure (« officier-de-police-judiciaire », « gardien-de-la-paix-2026 »,
« medecinlegiste2026 », « procureur-de-la-republique », « unite-medico-judiciaire ») were
not in the French words, so they passed for 10¹²–10²² guesses."""

from __future__ import annotations

import secrets
import string
import unicodedata

import pytest

from desktop.core.errors import WeakPassword
from desktop.core.vault.policy import check_password_policy, generate_passphrase
from tests.conftest import OFFICER_PASSWORD

WRONGLY_ACCEPTED = [
    "Soleil2026!soleil",
    "jetaime2026jetaime",
    "Princesse2026!princesse",
    "Julien2026!julien",
    "vacances-vacances-2026",
    "officier-de-police-judiciaire",
    "OfficierPoliceJudiciaire2026",
    "gardien-de-la-paix-2026",
    "medecinlegiste2026",
    "procureur-de-la-republique",
    "commissaire-de-police",
    "unite-medico-judiciaire",
    "tribunaljudiciaire2026",
    "protectiondelenfance",
    "maltraitance2026!",
]


@pytest.mark.parametrize("password", WRONGLY_ACCEPTED)
def test_a_guessable_french_password_is_refused(password):
    with pytest.raises(WeakPassword):
        check_password_policy(password, ("enqueteur",))


HELD_REFUSED = [
    "M0tdep@sse2026!",
    "azertyuiop123",
    "1qaz2wsx3edc4rfv",
    "BRIGADE_DES_MINEURS_2026",
    "Enqueteur.Enqueteur.2026",
    "P0l1c3N4t10n4l3",
    unicodedata.normalize("NFD", "mot de passe enquêteur"),
    unicodedata.normalize("NFD", "enquêteurenquêteur2026"),
    "Dupont-Jean-75015",
    "x" * 10_000,
    "aZ3$" * 2_500,
]


@pytest.mark.parametrize("password", HELD_REFUSED, ids=lambda p: p[:30])
def test_what_already_held_is_still_refused(password):
    with pytest.raises(WeakPassword):
        check_password_policy(password, ("jean.dupont",))


def test_generated_passphrases_random_strings_and_the_test_passwords_still_pass():
    for _ in range(300):
        check_password_policy(generate_passphrase(), ("enqueteur",))
    alphabet = string.ascii_letters + string.digits
    check_password_policy("".join(secrets.choice(alphabet) for _ in range(16)))
    check_password_policy("".join(secrets.choice(alphabet) for _ in range(10_000)))
    check_password_policy(OFFICER_PASSWORD, ("enqueteur",))


def test_a_10000_character_password_creates_and_unlocks_an_account(vault):
    password = "".join(secrets.choice(string.ascii_letters) for _ in range(10_000))
    from tests.conftest import ADMIN_PASSWORD

    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user("long.mot", password, "enqueteur")
    with vault.unlock("long.mot", password) as session:
        assert session is not None
