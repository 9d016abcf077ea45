"""Usability (first médecin, unlock window): the medical recovery key, shown once, cannot be
dismissed by a stray Échap.

Found walking « Première connexion d'un médecin… »: on the page « CLÉ DE SECOURS MÉDICALE —
pour vous seul, affichée une seule fois », Échap (or the window's close button) closes the
dialog at once: the key is gone before « J'ai recopié la clé », the identifiant is not put back
in the unlock form, and nothing tells the doctor that `trame keys renew-medical-recovery`
gives a new one."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.vault import Vault
from desktop.core.vault.enrolment import issue_medical_enrolment
from tests.conftest import ADMIN_PASSWORD, DOCTOR_PASSWORD, fast_kdf
from tests.ui import helpers
from tests.ui.conftest import type_text


def test_escape_does_not_throw_the_medical_key_away(qtbot, vault_home, controller):
    Vault.create(vault_home, "admin", ADMIN_PASSWORD, kdf=fast_kdf())
    with Vault(vault_home, fast_kdf()).unlock("admin", ADMIN_PASSWORD) as admin:
        code = issue_medical_enrolment(admin)
    window = controller.start()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.form.enrol, Qt.MouseButton.LeftButton)
    dialog = helpers.dialog(qtbot, "Trame — première connexion d'un médecin")
    type_text(dialog.code, code.lower().replace("-", " "))  # as read aloud: spaces, lower case
    type_text(dialog.login, "dr.morand")
    type_text(dialog.password, DOCTOR_PASSWORD)
    type_text(dialog.confirm, DOCTOR_PASSWORD)
    QTest.keyClick(dialog.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=30000)
    key = dialog.key.text()
    assert key

    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # a stray Échap
    qtbot.wait(200)
    assert shiboken6.isValid(dialog) and dialog.isVisible(), "the key shown once is gone"
    assert dialog.key.text() == key
    assert dialog.kept.isVisible()  # says why the window stays and how to leave
    dialog.close()  # the title bar close button: same guard
    qtbot.wait(50)
    assert dialog.isVisible()

    qtbot.mouseClick(dialog.copied, Qt.MouseButton.LeftButton)  # « J'ai recopié la clé »
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert window.form.login.text() == "dr.morand"  # the identifiant is put back
