"""Keys of the step-form view in a hearing: F4 on a drop-down opens its list (the help panel
stays as it is), and Échap closes « Trame incomplète »."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing


def test_f4_opens_the_drop_down_and_escape_closes_incomplete(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    wizard = page.wizard
    combo = next(row.editor for row in wizard.rows.values() if isinstance(row.editor, QComboBox))
    combo.setFocus()
    help_before = wizard.help_visible
    key(Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: combo.view().isVisible(), timeout=2000)
    assert wizard.help_visible == help_before
    combo.hidePopup()
    wizard.steps.setFocus()
    key(Qt.Key.Key_F4)  # elsewhere, F4 still shows or hides the help
    assert wizard.help_visible != help_before

    key(Qt.Key.Key_T, CTRL | SHIFT, widget=main)  # « Terminer » on an empty hearing
    box = dialog(qtbot, "Trame incomplète")
    key(Qt.Key.Key_Escape, widget=box)
    qtbot.waitUntil(lambda: not shiboken6.isValid(box) or not box.isVisible(), timeout=2000)
