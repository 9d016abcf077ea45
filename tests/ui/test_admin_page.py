"""Administration against a real vault: create an account that can then unlock, idle delay."""

from __future__ import annotations

from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock


def test_admin_creates_an_account_and_sets_the_idle_delay(qtbot, vault, vault_home, controller):
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    assert [a.text() for a in main.menuBar().actions()] == [
        "&Fichier",
        "&Dossiers",
        "&Administration",
        "A&ide",
    ]
    page = main.open_page("admin.accounts")
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=5000)  # the fixture's accounts
    type_text(page.login, "c.durand")
    type_text(page.password, "trop court")
    page.create_account()
    qtbot.waitUntil(lambda: "12" in page.message.text(), timeout=5000)  # the vault's rule
    page.password.clear()
    type_text(page.password, "une phrase de passe assez longue")
    page.create_account()
    qtbot.waitUntil(lambda: page.table.rowCount() == 5, timeout=5000)
    assert "c.durand" in page.message.text() and page.password.text() == ""
    with Vault(vault_home).unlock("c.durand", "une phrase de passe assez longue") as s:
        assert s.role == "enqueteur"
    page.idle.setValue(12)
    page.save_idle()
    qtbot.waitUntil(lambda: controller.ctx.settings.idle_lock_seconds == 720, timeout=5000)
    # an officer cannot reach this page: it is not in their menus
    controller.lock()
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "enqueteur")
    type_text(form.password, OFFICER_PASSWORD)
    form._submit()
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main is not main, timeout=10000
    )
    assert controller.main.spec("admin.accounts") is None
    qtbot.waitUntil(lambda: controller.ctx.settings.idle_lock_seconds == 720, timeout=5000)
