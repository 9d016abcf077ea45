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


def test_sealing_by_keyboard_names_the_report_as_listed(qtbot, vault, controller):
    """Ctrl+Maj+S on her checklist: the pad, then « Rapport UAPED du … » est signé, scellé
    (the report's name as listed, « UAPED » in capitals, not « Rapport d'accueil uaped »)."""
    from tests.ui.helpers import CTRL, SHIFT, dialog
    from tests.ui.test_e2e_documents import draw_signature, shown

    _case_with_uaped_report(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    page = _open_checklist(qtbot, main)
    title = page.report.row.title
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    sign = shown(qtbot, "uaped_seal_dialog")
    draw_signature(sign.pad)
    qtbot.waitUntil(sign.seal_button.isEnabled, timeout=2000)
    sign.seal_button.click()
    qtbot.waitUntil(lambda: page.report.row.state == "scelle", timeout=30000)
    done = dialog(qtbot, "Document scellé")
    assert f"« {title} »" in done.text() and "uaped" not in done.text(), done.text()
    done.close()
    assert page.view.read_only  # and her checklist is now read-only
