"""Usability walk of the UAPED coordinator: once her « Rapport UAPED » is sealed, her checklist
is shown read-only (the sealed PDF is the act), and the screen says so; opened again later it
is still read-only. Real main window, real vault, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.documents import seal
from desktop.core.pv.sample import signature_png
from tests.conftest import UAPED_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import key
from tests.ui.test_uaped_report_seal import AUTHOR, _case_with_uaped_report


def _open_checklist(qtbot, main):
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: home.records.count() == 1, timeout=10000)
    home.records.setCurrentRow(0)
    key(Qt.Key.Key_Return, widget=home.records)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "uaped_page", timeout=5000)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    qtbot.waitUntil(lambda: page.report.row is not None, timeout=10000)
    return page


def test_a_sealed_uaped_report_leaves_the_checklist_read_only(qtbot, vault, controller):
    record_id = _case_with_uaped_report(vault)
    with vault.unlock("uaped", UAPED_PASSWORD) as s:  # setup: sealed earlier, on the pad
        seal(s, record_id, "", signature_png(AUTHOR, 5), "coordinatrice")
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    page = _open_checklist(qtbot, main)
    assert page.report.row.state == "scelle"
    qtbot.waitUntil(lambda: page.view.read_only, timeout=5000)
    assert not page.view.scroll.widget().isEnabled()
    assert "scellé" in page.note.text() and "lecture seule" in page.note.text()
    # another step: still read-only
    key(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier, widget=main)
    qtbot.wait(200)
    assert not page.view.scroll.widget().isEnabled()
