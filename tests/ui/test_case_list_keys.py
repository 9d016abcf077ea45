"""The case list by keyboard: from the search field, the arrows walk the list and Entrée
opens the case under the cursor (finding: arrows + Entrée did nothing)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import key


def test_arrows_then_enter_open_the_case(qtbot, vault, controller):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        ids = [s.cases.create(f"2026/00010{i}", "BPM").id for i in range(3)]
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    assert QApplication.focusWidget() is page.search
    key(Qt.Key.Key_Down)  # from the search field into the list
    assert QApplication.focusWidget() is page.table
    first = page.model.case_id(page.table.currentIndex().row())
    key(Qt.Key.Key_Down)
    second = page.model.case_id(page.table.currentIndex().row())
    assert second != first and second in ids
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    assert main.current_page().case_id == second
