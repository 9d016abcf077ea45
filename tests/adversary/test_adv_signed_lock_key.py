"""Adversary (issue 16): Ctrl+L pressed while the « Texte déjà signé » reason dialog (or any
modal dialog) is open, in the real main window.

Qt ignores the main window's application-wide Ctrl+L action while a modal dialog is active:
the officer locked, walked away, and Trame stayed open with the reason typed, one Entrée
away from changing the signed text under his name (until the idle lock, minutes later)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import controller, ctx, type_text, unlock  # noqa: F401 - UI fixtures
from tests.ui.helpers import CTRL, dialog, key, open_hearing
from tests.ui.test_signed_edits import TITLE, _field, _hearing, _vault_state


def test_ctrl_l_locks_while_the_reason_dialog_is_open(qtbot, vault, controller):  # noqa: F811
    rid = _hearing(vault, signed=True)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    wizard = open_hearing(qtbot, main, rid).wizard
    qtbot.waitUntil(lambda: bool(wizard.signed.state.signers), timeout=10000)
    number = _field(qtbot, wizard, "pv_numero")
    type_text(number, "9")
    box = dialog(qtbot, TITLE)
    type_text(box.reason, "relecture")
    key(Qt.Key.Key_L, CTRL, widget=box.reason)
    qtbot.waitUntil(lambda: controller.locked, timeout=3000)
    assert not main.isVisible() and controller.unlock_window.isVisible()
    answers, _meta, stale, audited = _vault_state(vault, rid)
    assert answers["pv_numero"] == "41" and stale == [False] and audited == 0
    # unlocked again: the question is not back, the field holds the stored value
    form = controller.unlock_window.form
    type_text(form.password, OFFICER_PASSWORD)
    key(Qt.Key.Key_Return, widget=form.password)
    qtbot.waitUntil(lambda: not controller.locked and main.isVisible(), timeout=10000)
    assert not any(
        w.isVisible() and w.windowTitle() == TITLE for w in QApplication.topLevelWidgets()
    )
    assert wizard.flow.answers["pv_numero"] == "41"


def test_ctrl_l_locks_over_an_application_modal_message(qtbot, vault, controller):  # noqa: F811
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    box = QMessageBox(QMessageBox.Icon.Question, "Question", "Continuer ?", parent=main)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box, timeout=3000)
    key(Qt.Key.Key_L, CTRL, widget=box)
    qtbot.waitUntil(lambda: controller.locked, timeout=3000)
    assert not box.isVisible()
