"""Usability walk of the UAPED coordinator on her « Fiches de signalement »: the fiche's form
fills the 1366×768 window (no empty band above it), and « Sceller… » on an incomplete fiche says
what to do and takes her to the fiche (she has no case screen: no « Revenir au dossier »).
Real main window, real vault, offscreen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt

from tests.conftest import UAPED_PASSWORD
from tests.ui.checklists.test_uaped_fiche import prepare
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, SHIFT, key
from tests.ui.test_e2e_documents import shown


def _home_with_draft(qtbot, vault, controller):
    prepare(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    main.resize(1366, 768)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: getattr(home, "fiches", None) is not None, timeout=10000)
    qtbot.waitUntil(lambda: home.victim.count() > 1, timeout=10000)
    key(Qt.Key.Key_N, CTRL | SHIFT, widget=main)  # « Nouvelle fiche de signalement… »
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.wizard.flow is not None, timeout=10000)
    return main, home, page


def test_fiche_form_starts_under_its_heading(qtbot, vault, controller):
    main, _home, page = _home_with_draft(qtbot, vault, controller)
    qtbot.wait(100)
    top = page.back_button.mapTo(page, QPoint(0, 0)).y()
    form_top = page.wizard.mapTo(page, QPoint(0, 0)).y()
    assert top < 40, f"« ← UAPED » à {top} px du haut : bande vide au-dessus du formulaire"
    assert form_top < 90, form_top
    assert page.wizard.height() > 0.8 * page.height(), (page.wizard.height(), page.height())


def test_sealing_an_incomplete_fiche_leads_to_the_fiche(qtbot, vault, controller):
    main, home, page = _home_with_draft(qtbot, vault, controller)
    main.back()
    qtbot.waitUntil(lambda: main.current_page() is home, timeout=5000)

    def box():
        b = home.fiches
        return b if b is not None and shiboken6.isValid(b) and b.rows else None

    qtbot.waitUntil(lambda: box() is not None, timeout=10000)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: box() is not None, timeout=10000)
    box().table.setFocus()
    box().table.selectRow(0)
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)  # « Sceller la fiche… »
    missing = shown(qtbot, "seal_missing")
    texts = " ".join(b.text() for b in missing.buttons()) + " " + missing.text()
    assert "dossier" not in texts.replace("Dossiers", ""), texts  # she has no case screen
    assert "complétez" in missing.text().lower(), missing.text()  # what to do
    key(Qt.Key.Key_Return, widget=missing)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)
