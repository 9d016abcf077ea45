"""Usability (médecin on the command line, finding M6): a password set by someone else is
temporary; it opens nothing on the command line but its own change. The window forces the
change at first login; `trame` refuses every other command with the way to change it."""

from __future__ import annotations

from desktop.core.passwords import must_change
from desktop.core.vault import Vault
from tests.conftest import DOCTOR_PASSWORD
from tests.ui.test_cli_temporary_password import TEMPORARY, trame

OWN = "ma phrase de médecin à moi seul"


def as_lenoir(home, *args, password=TEMPORARY, new=""):
    return trame(home, *args, user="dr.lenoir", password=password, new=new)


def test_temporary_password_refused_until_changed(vault, vault_home):
    r = trame(
        vault_home,
        "users",
        "add",
        "dr.lenoir",
        "--role",
        "medecin",
        "--user",
        "medecin",
        user="medecin",
        password=DOCTOR_PASSWORD,
    )
    assert r.returncode == 0, r.stderr

    r = as_lenoir(vault_home, "users", "list")  # any command but his own change
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    assert "provisoire" in r.stderr and "changez-le d'abord" in r.stderr, r.stderr
    assert "trame users passwd dr.lenoir --user dr.lenoir" in r.stderr
    assert "première connexion dans la fenêtre" in r.stderr
    assert "dr.lenoir" not in r.stdout  # nothing listed

    r = as_lenoir(vault_home, "users", "passwd", "medecin", new="un autre mot de passe long")
    assert r.returncode == 1 and "changez-le d'abord" in r.stderr, r.stderr
    with Vault(vault_home).unlock("medecin", DOCTOR_PASSWORD) as s:
        assert not must_change(s)  # the other médecin's password is untouched

    r = as_lenoir(vault_home, "users", "passwd", "dr.lenoir", new=OWN)  # his own: allowed
    assert r.returncode == 0, r.stderr
    with Vault(vault_home).unlock("dr.lenoir", OWN) as s:
        assert not must_change(s)

    r = as_lenoir(vault_home, "users", "list", password=OWN)
    assert r.returncode == 0, r.stderr
    assert "dr.lenoir" in r.stdout
