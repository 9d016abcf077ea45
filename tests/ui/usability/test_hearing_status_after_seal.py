"""Once its PV is sealed, the case screen does not list the hearing as « en cours »: the
officer would « Reprendre » a hearing whose procès-verbal can no longer change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing
from tests.ui.test_e2e_documents import ALT, run_hearing_to_the_end


def test_sealed_hearing_is_not_listed_as_under_way(qtbot, vault, controller):
    case_id, record_id = make_hearing(vault, "2026/004455")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = main.open_page("case", case_id=case_id)
    qtbot.waitUntil(lambda: view.hearing_list.count() == 1, timeout=5000)
    page = open_hearing(qtbot, main, record_id)
    run_hearing_to_the_end(qtbot, main, page.wizard, page)
    key(Qt.Key.Key_Left, ALT, widget=main)
    qtbot.waitUntil(lambda: main.current_page() is view, timeout=5000)
    box = view.documents
    qtbot.waitUntil(lambda: box.rows and box.rows[0].state == "signe", timeout=10000)

    view.setFocus()
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)
    cert = dialog(qtbot, "Créer un certificat de sceau")
    type_text(cert.name, "Léa FABRE")
    type_text(cert.org, "Préfecture de police (fictive)")
    key(Qt.Key.Key_Return, widget=cert.org)
    confirm = dialog(qtbot, "Sceller le document")
    key(Qt.Key.Key_Return, widget=confirm.focusWidget() or confirm)
    qtbot.waitUntil(lambda: box.rows and box.rows[0].state == "scelle", timeout=20000)
    dialog(qtbot, "Document scellé").close()

    qtbot.waitUntil(lambda: "(en cours)" not in view.hearing_list.item(0).text(), timeout=5000)
    assert "scellé" in view.hearing_list.item(0).text()
