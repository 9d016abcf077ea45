"""Usability (médecin, administrator on the command line): the administrator who types
`trame users add … --role medecin` is told what to do instead (the first médecin enrols with
a code, then a médecin creates the others), before any password is asked; the account a
médecin creates on the command line has a temporary password that the real window forces
him to change at his first login."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from desktop.core.passwords import must_change
from desktop.core.vault import Vault
from tests.conftest import DOCTOR_PASSWORD
from tests.ui.conftest import type_text
from tests.ui.helpers import key
from tests.ui.test_cli_temporary_password import TEMPORARY, forced_change_dialog, trame

OWN = "ma phrase de médecin à moi seul"


def test_admin_adding_a_doctor_is_told_the_way(vault, vault_home):
    r = trame(vault_home, "users", "add", "dr.lenoir", "--role", "medecin", new="")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    # what to do, with the exact commands: the code for the first médecin, then a médecin
    assert "trame users enrol-medical" in r.stderr, r.stderr
    assert "--role medecin --user" in r.stderr, r.stderr
    assert "Première connexion d'un médecin" in r.stderr, r.stderr
    assert "Mot de passe" not in r.stdout + r.stderr  # no password asked for nothing


def test_doctor_created_by_a_doctor_changes_it_at_first_login(qtbot, vault, vault_home, controller):
    r = trame(
        vault_home,
        "users",
        "add",
        "dr.lenoir",
        "--role",
        "medecin",
        user="medecin",
        password=DOCTOR_PASSWORD,
    )
    assert r.returncode == 0, r.stderr
    assert "médecin (UMJ)" in r.stdout and "provisoire" in r.stdout

    change = forced_change_dialog(qtbot, controller, "dr.lenoir", TEMPORARY)
    assert change.forced
    type_text(change.new, OWN)
    type_text(change.confirm, OWN)
    key(Qt.Key.Key_Return, widget=change.confirm)
    qtbot.waitUntil(lambda: not shiboken6.isValid(change) or not change.isVisible(), timeout=20000)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=20000
    )
    assert controller.ctx.user.role == "medecin" and controller.ctx.user.medical
    controller.ctx.tasks.wait_idle()
    with Vault(vault_home).unlock("dr.lenoir", OWN) as s:
        assert not must_change(s) and s.has_medical_access()


def test_admin_resetting_a_doctor_password_is_told_the_way(vault, vault_home):
    r = trame(vault_home, "users", "passwd", "medecin", new="")
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    assert "--user" in r.stderr and "trame recover medecin --medical" in r.stderr.replace(
        "NOM", "medecin"
    ), r.stderr
    assert "Mot de passe" not in r.stdout + r.stderr  # no password asked for nothing
    with Vault(vault_home).unlock("medecin", DOCTOR_PASSWORD) as s:
        assert not must_change(s)  # nothing changed
