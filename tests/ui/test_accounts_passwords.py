"""Accounts by keyboard (M6, M5): Entrée creates the account; its temporary password must be
changed at first login; any user changes his own password; the first médecin is guided."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.errors import WrongPassword
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, dialog, key

TEMPORARY = "provisoire donné de vive voix"
OWN = "ma phrase secrète à moi seule"


def closed(dialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def shown(qtbot, name):
    def find():
        return next(
            (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == name),
            None,
        )

    qtbot.waitUntil(lambda: find() is not None, timeout=10000)
    return find()


def test_temporary_password_is_replaced_at_first_login(qtbot, vault, vault_home, controller):
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    page = main.open_page("admin.accounts")
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=5000)
    type_text(page.login, "l.fabre")
    key(Qt.Key.Key_Return, widget=page.login)  # Entrée goes on to the role
    assert QApplication.focusWidget() is page.role
    type_text(page.password, TEMPORARY)
    key(Qt.Key.Key_Return, widget=page.password)  # Entrée creates the account
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=5000)
    assert "première connexion" in page.message.text()

    key(Qt.Key.Key_L, CTRL, widget=main)
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "l.fabre")
    type_text(form.password, TEMPORARY)
    key(Qt.Key.Key_Return, widget=form.password)
    change = shown(qtbot, "password_change")
    assert change.forced and not change.current.isVisible()
    key(Qt.Key.Key_Escape, widget=change)  # no way around it
    assert change.isVisible()
    type_text(change.new, OWN)
    type_text(change.confirm, OWN + "x")
    key(Qt.Key.Key_Return, widget=change.confirm)
    qtbot.waitUntil(lambda: change.error.isVisible(), timeout=10000)
    assert "pas identiques" in change.error.text()
    change.confirm.clear()
    type_text(change.confirm, OWN)
    key(Qt.Key.Key_Return, widget=change.confirm)
    qtbot.waitUntil(lambda: closed(change), timeout=20000)
    controller.ctx.tasks.wait_idle()
    with Vault(vault_home).unlock("l.fabre", OWN) as s:
        assert s.role == "enqueteur"
    with pytest.raises(WrongPassword):
        Vault(vault_home).unlock("l.fabre", TEMPORARY)

    # next time: no forced change; the user changes it himself from the Fichier menu
    key(Qt.Key.Key_L, CTRL, widget=controller.main)
    form = controller.unlock_window.form
    type_text(form.password, OWN)
    key(Qt.Key.Key_Return, widget=form.password)
    qtbot.waitUntil(lambda: not controller.locked and controller.main.isVisible(), timeout=10000)
    qtbot.wait(200)
    assert not any(
        w.isVisible() and w.objectName() == "password_change"
        for w in QApplication.topLevelWidgets()
    )
    controller.main.password_action.trigger()
    change = dialog(qtbot, "Changer mon mot de passe")
    type_text(change.current, "pas le bon mot de passe")
    type_text(change.new, "une autre phrase assez longue")
    type_text(change.confirm, "une autre phrase assez longue")
    key(Qt.Key.Key_Return, widget=change.confirm)
    qtbot.waitUntil(lambda: change.error.isVisible(), timeout=20000)
    change.current.clear()
    type_text(change.current, OWN)
    key(Qt.Key.Key_Return, widget=change.confirm)
    qtbot.waitUntil(lambda: closed(change), timeout=20000)
    controller.ctx.tasks.wait_idle()
    Vault(vault_home).unlock("l.fabre", "une autre phrase assez longue").close()


def test_first_medecin_account_path_is_shown_and_guided(qtbot, vault, controller):
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    page = main.open_page("admin.accounts")
    page.role.setFocus()
    page.role.setCurrentIndex(page.role.findData("medecin"))
    assert page.medical_hint.isVisible() and "clé de secours médicale" in page.medical_hint.text()
    assert not page.create.isEnabled()
    page.medical_path.click()
    qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    recovery = dialog(qtbot, "Trame — clé de secours")
    assert recovery.medical.isChecked()
    type_text(recovery.code, vault.init_result.medical_recovery_code)
    key(Qt.Key.Key_Return, widget=recovery.code)
    qtbot.waitUntil(lambda: not controller.locked and controller.main.isVisible(), timeout=20000)
    assert controller.ctx.user.medical
