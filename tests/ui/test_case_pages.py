"""Home page against a real vault: create a case, persons, hidden names, FTS search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui import helpers
from tests.ui.conftest import type_text, unlock


def key(widget, k, mod=Qt.KeyboardModifier.NoModifier):
    """A key press on `widget`, in its (re)activated window: the shared helper."""
    helpers.key(k, mod, widget=widget)


def test_create_case_and_persons_with_the_keyboard(qtbot, vault, controller):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    assert page.objectName() == "case_list"
    qtbot.waitUntil(lambda: "Aucun dossier" in page.count.text(), timeout=5000)
    key(main, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = helpers.dialog(qtbot, "Nouveau dossier")
    type_text(dialog.number, "2026/004321")
    key(dialog.number, Qt.Key.Key_Tab)
    type_text(dialog.service.lineEdit(), "Brigade de protection des mineurs — Créteil")
    key(dialog.service.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    assert view.heading.text() == "Dossier 2026/004321"
    assert main.windowTitle() == "Trame — Dossier 2026/004321"

    # a victim with accents, a pseudonym and a phone, all by keyboard
    key(main, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = helpers.dialog(qtbot, "Ajouter une personne")
    dialog.role.setFocus()
    type_text(dialog.last_name, "Lefèvre")
    type_text(dialog.first_name, "Zoé")
    type_text(dialog.pseudonym, "Lou")
    type_text(dialog.birth, "3 février 2012")
    type_text(dialog.phones, "06 12 34 56 78")
    key(dialog.phones, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.person_table.rowCount() == 1, timeout=5000)
    # names are hidden by default, shown on demand
    assert view.person_table.item(0, 1).text() == "••••••"
    assert view.person_table.item(0, 2).text() == "Lou"
    assert view.person_table.item(0, 4).text() == "••/••/2012"
    key(main, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert view.person_table.item(0, 1).text() == "Zoé LEFÈVRE"
    assert view.person_table.item(0, 4).text() == "03/02/2012"

    # a bad phone number: French message, nothing lost
    key(main, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = helpers.dialog(qtbot, "Ajouter une personne")
    type_text(dialog.last_name, "Témoin")
    type_text(dialog.phones, "appelle-moi")
    key(dialog.phones, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=5000)
    assert "Numéro de téléphone non reconnu" in dialog.error.text()
    assert dialog.last_name.text() == "Témoin"
    dialog.reject()

    # back to the list: search inside the encrypted database
    key(main, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    page = main.current_page()
    assert page.objectName() == "case_list"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.table.isColumnHidden(4)
    key(main, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(page.search, "zoe")
    qtbot.waitUntil(lambda: page.count.text() == "1 dossier trouvé", timeout=5000)
    page.search.clear()
    type_text(page.search, "inconnu")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    assert page.count.text() == "Aucun dossier ne correspond à la recherche."
    page.search.clear()
    type_text(page.search, "4321")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    key(main, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rows[0].victims == "Zoé LEFÈVRE", timeout=5000)
    assert not page.table.isColumnHidden(4)
    key(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.hasFocus(), timeout=5000)
    key(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)


def test_filters_by_status_and_service(qtbot, vault, controller):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        a = s.cases.create("2026/1", "BPM Paris")
        s.cases.create("2026/2", "Brigade de Créteil")
        s.cases.set_status(a.id, "clos")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.service.count() == 3, timeout=5000)
    page.status.setCurrentIndex(page.status.findData("clos"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.model.rows[0].procedure_number == "2026/1"
    page.status.setCurrentIndex(0)
    page.service.setCurrentIndex(page.service.findData("Brigade de Créteil"))
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 1 and page.model.rows[0].procedure_number == "2026/2",
        timeout=5000,
    )
