"""Issue 15: the first médecin enrols in the application, from the unlock window
(« Première connexion d'un médecin… »): the administrator's code, his identifiant and
password, then the medical recovery key shown once, to him; he then unlocks as médecin."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.vault import Vault
from desktop.core.vault.enrolment import issue_medical_enrolment
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, fast_kdf
from tests.ui import helpers
from tests.ui.conftest import type_text


def test_first_doctor_enrols_from_the_unlock_window(qtbot, vault_home, controller):
    Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=fast_kdf())
    v = Vault(vault_home, fast_kdf())
    with v.unlock("admin", ADMIN_PASSWORD) as admin:
        code = issue_medical_enrolment(admin)
    window = controller.start()
    qtbot.waitExposed(window)
    enrol = window.form.enrol
    assert enrol.text() == "Première connexion d'un &médecin…"
    qtbot.mouseClick(enrol, Qt.MouseButton.LeftButton)
    dialog = helpers.dialog(qtbot, "Trame — première connexion d'un médecin")

    # a wrong code: a French message, nothing created
    type_text(dialog.code, "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH")
    type_text(dialog.login, "dr.morand")
    type_text(dialog.password, DOCTOR_PASSWORD)
    type_text(dialog.confirm, DOCTOR_PASSWORD)
    QTest.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=15000)
    assert "Code d'inscription incorrect" in dialog.error.text()
    assert dialog.login.text() == "dr.morand"

    dialog.code.clear()
    type_text(dialog.code, code)
    QTest.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=30000)
    shown = dialog.key.text()
    assert shown and shown != code
    # the key shown is the medical recovery key: it opens the medical side
    with Vault(vault_home, fast_kdf()).unlock_recovery(shown, medical=True) as s:
        assert s.has_medical_access()

    qtbot.mouseClick(dialog.copied, Qt.MouseButton.LeftButton)  # « J'ai recopié la clé »
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.form.login.text() == "dr.morand"
    type_text(window.form.password, DOCTOR_PASSWORD)
    QTest.keyClick(window.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=15000
    )
    assert controller.ctx.user.role == "medecin" and controller.ctx.user.medical
