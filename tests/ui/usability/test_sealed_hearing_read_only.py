"""After its PV is sealed, « Reprendre » opens the hearing read-only: the sealed PV is the
act, a later fact goes into a sealed addendum (« Ajouter une mention »), never the record."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing
from tests.ui.test_e2e_documents import ALT, run_hearing_to_the_end


def test_reprendre_a_sealed_hearing_opens_it_read_only(qtbot, vault, controller):
    case_id, record_id = make_hearing(vault, "2026/004456")
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
    qtbot.waitUntil(lambda: "scellé" in view.hearing_list.item(0).text(), timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        before = len(s.transcript.for_record(record_id))

    # « Reprendre » (Entrée on the hearing): shown, but nothing can change
    view.hearing_list.setCurrentRow(0)
    view.hearing_list.setFocus()
    key(Qt.Key.Key_Return, widget=view.hearing_list)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "hearing_page", timeout=5000)
    sealed = main.current_page()
    qtbot.waitUntil(lambda: sealed.sealed_banner.isVisible(), timeout=10000)
    assert "scellé" in sealed.sealed_banner.text()
    assert "Ajouter une mention" in sealed.sealed_banner.text()
    qtbot.waitUntil(lambda: sealed.transcript.loaded, timeout=5000)
    key(Qt.Key.Key_T, CTRL, widget=main)
    assert not sealed.transcript.question.isEnabled()
    assert not sealed.wizard.scroll.widget().isEnabled()
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)  # « Suspendre… »: refused
    key(Qt.Key.Key_Return, CTRL, widget=main)  # « Valider l'entrée »: refused
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert len(s.transcript.for_record(record_id)) == before
