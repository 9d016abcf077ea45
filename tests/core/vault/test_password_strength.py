"""Password strength by estimated guesses (zxcvbn with French words), not length alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.core.errors import WeakPassword
from desktop.core.vault import Vault
from desktop.core.vault.policy import check_password_policy, generate_passphrase
from tests.conftest import ADMIN_PASSWORD, fast_kdf

WEAK = ["aaaaaaaaaaaa", "123456789012", "motdepasse12", "azertyuiopqs"]


@pytest.mark.parametrize("password", WEAK)
def test_the_weak_passwords_of_the_issue_are_refused(vault, password):
    with pytest.raises(WeakPassword) as err:
        check_password_policy(password)
    assert "deviner" in err.value.message
    with vault.unlock("admin", ADMIN_PASSWORD) as s, pytest.raises(WeakPassword):
        s.add_user("faible", password, "enqueteur")
    with pytest.raises(WeakPassword):
        Vault.create(vault.home.parent / "autre", "admin", password, kdf=fast_kdf())


def test_a_generated_passphrase_is_accepted_and_differs_each_time(vault):
    first, second = generate_passphrase(), generate_passphrase()
    assert first != second and len(first.split("-")) == 6
    check_password_policy(first)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("fort", first, "enqueteur")
    with vault.unlock("fort", first) as s:
        assert s.role == "enqueteur"


def test_cli_offers_a_passphrase_and_init_refuses_a_weak_one(tmp_path):
    env = dict(os.environ, TRAME_HOME=str(tmp_path / "h"), TRAME_KDF_SECONDS="0.02")
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "passphrase"], capture_output=True, text=True, env=env
    )
    assert r.returncode == 0 and len(r.stdout.strip().split("-")) == 6
    env["TRAME_PASSWORD"] = "azertyuiopqs"
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "init"], capture_output=True, text=True, env=env
    )
    assert r.returncode == 1 and "deviner" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("separator", ["-", " ", "_", ".", ""])
def test_random_six_word_phrases_pass_whatever_the_separator(separator):
    """The generator's words drawn at random, repeats allowed (generate_passphrase draws
    different words), with any separator: the word-sequence estimate must not refuse real
    random phrases."""
    import secrets

    from desktop.core.vault.policy import PASSPHRASE_WORDS, _word_lists

    pool = _word_lists()[0]
    for _ in range(60):
        words = [secrets.choice(pool) for _ in range(PASSPHRASE_WORDS)]
        check_password_policy(separator.join(words))
