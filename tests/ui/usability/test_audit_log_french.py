"""The administrator reads the audit log in French: a session opened with a password shows
« mot de passe », not the key slot's internal name « password »."""

from __future__ import annotations

from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import unlock


def menu_action(main, menu_title: str, text: str):
    menu = next(
        a.menu() for a in main.menuBar().actions() if a.text().replace("&", "") == menu_title
    )
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(text))


def test_session_rows_name_the_unlock_method_in_french(qtbot, vault, controller):
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    menu_action(main, "Administration", "Journal d'audit").trigger()
    qtbot.waitUntil(lambda: main.current_page().objectName() != "", timeout=5000)
    page = main.current_page()
    table = page.table
    qtbot.waitUntil(lambda: table.rowCount() > 0, timeout=5000)
    rows = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    sessions = [row for row in rows if row[3] == "Ouverture de session"]
    assert sessions
    objects = {row[4] for row in sessions}
    assert not objects & {"password", "recovery", "medical-recovery"}, objects
    assert "mot de passe" in objects
