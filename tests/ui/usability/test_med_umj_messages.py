"""Usability (médecin at the UMJ): one message per mistake, the one that says what to do.

Found at 1366×768: an examination time typed in the future shows two red lines under the
field saying the same thing (« … ne peut pas être dans le futur. » from the form's generic
`not_future` constraint, then « L'examen ne peut pas être daté dans le futur (…; il est
maintenant …) » from the medical check), which pushes the next fields down for nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.checklists.test_umj_transmission import prepared
from tests.ui.conftest import type_text
from tests.ui.helpers import key
from tests.ui.usability.test_med_umj_keyboard import focus, opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_exam_in_the_future_says_it_once(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)  # the clock says 11/03/2026 16 h 00
    view = page.view
    row = view.rows["examen_datetime"]
    row.editor.setFocus()
    type_text(focus(), "11/03/2026 17h00")
    key(Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: row.error.isVisible(), timeout=5000)
    text = row.error.text()
    assert "il est maintenant 11/03/2026" in text  # the useful one, with the time to compare
    assert text.count("futur") == 1, text
