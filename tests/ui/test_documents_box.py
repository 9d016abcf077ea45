"""The case screen's « Documents » box on an incomplete hearing: missing items first, a draft
printed through the Qt print dialog, and a seal refused in French, before any question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing
from tests.ui.test_e2e_documents import shown


def open_case_by_keyboard(qtbot, main, rows: int = 1):
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.documents.table.rowCount() == rows, timeout=10000)
    return view


def test_incomplete_hearing_preview_print_and_refused_seal(qtbot, vault, controller, tmp_path):
    make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=2)  # the PV, its PV de renseignement
    box = view.documents
    assert box.table.item(0, 1).text() == "brouillon"
    assert box.table.item(0, 2).text().startswith("commencé le ")
    assert box.table.item(0, 2).text().endswith(", aucun signataire encore")

    # preview: what is missing comes first, and no « Sceller » button
    box.table.setFocus()
    key(Qt.Key.Key_Return)  # Entrée on a document: its preview
    preview = shown(qtbot, "preview_dialog")
    assert preview.missing.isVisible() and preview.missing.count() > 3
    items = [preview.missing.item(i).text() for i in range(preview.missing.count())]
    assert "le numéro de procès-verbal" in items
    assert preview.missing_title.y() < preview.view.y()
    assert not preview.seal_button.isVisible()
    assert preview.view.page_count() >= 1
    key(Qt.Key.Key_Escape, widget=preview)
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=2000)

    # « Imprimer » from the case screen: the Qt print dialog, no file written by Trame
    key(Qt.Key.Key_P, CTRL, widget=main)
    printing = shown(qtbot, "print_dialog")
    assert printing.windowTitle().startswith("Imprimer — PV d'audition")
    out = tmp_path / "projet.pdf"
    name = printing.findChild(QLineEdit, "filename")
    name.clear()
    type_text(name, str(out))
    key(Qt.Key.Key_Return, widget=name)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 5000, timeout=20000)

    # « Sceller »: what is missing listed first (issue 13), before any certificate or question
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    refusal = dialog(qtbot, "Document incomplet")
    assert "ne peut pas encore être scellé" in refusal.text()
    assert "numéro de procès-verbal" in refusal.text()
    key(Qt.Key.Key_Escape, widget=refusal)
    qtbot.waitUntil(lambda: not refusal.isVisible(), timeout=5000)
    controller.ctx.tasks.wait_idle()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.documents.for_case(view.case_id) == []
