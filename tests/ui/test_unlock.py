"""The unlock window against a real vault: wrong then right password, first run, roles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import type_text, unlock


def test_wrong_then_right_password(qtbot, vault, controller):
    window = controller.start()
    qtbot.waitExposed(window)
    form = window.form
    assert window.windowTitle() == "Trame — déverrouillage"
    type_text(form.login, "enqueteur")
    type_text(form.password, "mauvais mot de passe")
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.error.isVisible(), timeout=10000)
    assert form.error.text() == "Identifiant ou mot de passe incorrect."
    assert form.password.text() == ""
    assert controller.main is None
    type_text(form.password, OFFICER_PASSWORD)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=10000
    )
    assert not window.isVisible()
    assert controller.ctx.user.role == "enqueteur"
    menus = [a.text() for a in controller.main.menuBar().actions()]
    assert menus == ["&Fichier", "&Dossiers", "&Administration", "A&ide"]


def test_roles_see_only_their_menus(qtbot, vault, controller):
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    menus = [a.text() for a in main.menuBar().actions()]
    assert menus == ["&Fichier", "&Checklists", "&Administration", "Fic&hes", "A&ide"]
    assert "Checklist UAPED" in main.windowTitle()
    assert main.spec("cases") is None
    assert main.spec("checklist.umj") is None


def test_first_run_creates_the_administrator_and_shows_the_keys_once(qtbot, vault_home, controller):
    from desktop.core.vault import Vault

    window = controller.start()
    qtbot.waitExposed(window)
    flow = window.stack.currentWidget()
    assert window.windowTitle() == "Trame — premier démarrage"
    type_text(flow.password, "court")
    type_text(flow.confirm, "court")
    QTest.keyClick(flow.confirm, Qt.Key.Key_Return)
    assert "trop court" in flow.error.text()
    flow.password.clear()
    flow.confirm.clear()
    type_text(flow.password, "phrase de passe très longue")
    type_text(flow.confirm, "phrase de passe très longue")
    QTest.keyClick(flow.confirm, Qt.Key.Key_Return)
    assert not flow.error.isVisible()  # the old « trop court » is gone while creating
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.keys, timeout=20000)
    keys = flow.keys
    codes = [keys.admin_key.text()]
    assert len(codes[0].replace("-", "")) == 32
    # No medical key at creation (issue 15): nothing medical is shown to the administrator.
    assert keys.medical_key.text() == "" and not keys.medical_key.isVisible()
    assert not (vault_home / "medical.db").exists()
    assert not keys.next.isEnabled()  # not before the user says the keys are written down
    QTest.keyClick(keys.check, Qt.Key.Key_Return)  # Entrée does nothing before the box
    assert controller.main is None
    QTest.keyClick(keys.check, Qt.Key.Key_Space)
    QTest.keyClick(keys.check, Qt.Key.Key_Return)  # then Entrée opens Trame
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=5000
    )
    assert controller.ctx.user.role == "administrateur"
    assert not window.isVisible()
    assert keys.admin_key.text() == "" and keys.medical_key.text() == ""  # shown once only
    with Vault(vault_home).unlock_recovery(codes[0]) as s:
        assert s.role == "administrateur"


def test_first_run_offers_a_french_passphrase_and_refuses_a_guessable_one(
    qtbot, vault_home, controller
):
    from desktop.core.vault import Vault

    window = controller.start()
    qtbot.waitExposed(window)
    flow = window.stack.currentWidget()
    type_text(flow.password, "azertyuiopqs")
    type_text(flow.confirm, "azertyuiopqs")
    QTest.keyClick(flow.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "deviner" in flow.error.text(), timeout=20000)
    qtbot.mouseClick(flow.suggest, Qt.MouseButton.LeftButton)
    phrase = flow.password.text()
    assert len(phrase.split("-")) == 6 and flow.confirm.text() == phrase
    assert flow.password.echoMode() == flow.password.EchoMode.Normal  # readable, to copy
    QTest.keyClick(flow.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.currentWidget() is flow.keys, timeout=20000)
    assert flow.password.echoMode() == flow.password.EchoMode.Password
    with Vault(vault_home).unlock("admin", phrase) as s:
        assert s.role == "administrateur"
