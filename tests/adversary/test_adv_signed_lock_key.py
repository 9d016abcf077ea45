"""Adversary (issue 16): Ctrl+L pressed while the « Texte déjà signé » reason dialog (or any
modal dialog) is open, in the real main window.

Qt ignores the main window's application-wide Ctrl+L action while a modal dialog is active:
the officer locked, walked away, and Trame stayed open with the reason typed, one Entrée
away from changing the signed text under his name (until the idle lock, minutes later)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
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
    # the form dropped its answers at lock (issue 15) and reloads them from the vault
    qtbot.waitUntil(lambda: wizard.flow is not None, timeout=10000)
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


@pytest.mark.parametrize("how", ["idle", "ctrl_l"])
def test_a_lock_while_the_transcript_asks_why_unlocks_back_to_the_hearing(
    qtbot,
    vault,
    controller,  # noqa: F811
    how,
):
    """The transcript's correction asks its reason in a modal dialog of its own (exec). A lock
    then ends that dialog and Qt deletes it; the unlock showed the hidden windows again and
    raised on the deleted one: the main window stayed hidden and the idle lock was never
    started again for the rest of the session."""
    rid = _hearing(vault, signed=True)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    qtbot.waitUntil(lambda: panel.heard_signed, timeout=10000)
    settings = controller.ctx.settings
    typed = []

    def in_the_dialog():  # runs inside the dialog's own event loop
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.windowTitle() == TITLE
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, in_the_dialog)
            return
        type_text(box.reason, "relecture")
        typed.append(True)
        if how == "ctrl_l":
            key(Qt.Key.Key_L, CTRL, widget=box.reason)
        else:  # the officer walks away, the dialog open
            settings.idle_lock_seconds, settings.idle_warning_seconds = 2, 1

    panel.table.setFocus()
    panel.table.selectRow(0)
    key(Qt.Key.Key_Return, widget=panel.table)
    panel.answer.moveCursor(panel.answer.textCursor().MoveOperation.End)
    type_text(panel.answer, " du Nord")
    QTimer.singleShot(0, in_the_dialog)
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    qtbot.waitUntil(lambda: controller.locked, timeout=10000)
    settings.idle_lock_seconds = 300
    assert typed
    _answers, meta, stale, audited = _vault_state(vault, rid)
    assert stale == [False] and audited == 0 and not meta.get("modifications_apres_signature")
    form = controller.unlock_window.form
    type_text(form.password, OFFICER_PASSWORD)
    key(Qt.Key.Key_Return, widget=form.password)
    qtbot.waitUntil(lambda: not controller.locked and main.isVisible(), timeout=10000)
    assert controller.idle._timer.isActive(), "no idle lock any more after this unlock"
    qtbot.waitUntil(lambda: bool(panel.model.entries), timeout=10000)  # reloaded after unlock
    assert panel.model.entries[0].answer == "À la gare"
