"""Usability walk of the UAPED coordinator (issue 13: every action reachable by keyboard, its
shortcut shown in a menu). On her UAPED home, the « Fiches de signalement » actions are in a
page menu with their keys, listed in F1, and they act on the case selected *now* (the side box
is rebuilt at each case change). On her checklist, « Rapport UAPED » (Aperçu, Signer et
sceller…) has a menu and keys too. Real main window, real vault, offscreen."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt

from desktop.core.records import RecordKind, start_record
from desktop.core.seal.store import CertificateStore
from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, SHIFT, key
from tests.ui.test_keyboard_map import check_screen


def _two_cases(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        ids = []
        for number, name in (("2026/007001", "MARTIN"), ("2026/007002", "BERNARD")):
            case = s.cases.create(number, "BPM Paris")
            person = s.persons.add(case.id, "victime", name, "Léa", "2011-05-02")
            ids.append((case.id, person.id))
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        for case_id, person_id in ids:
            start_record(s, RecordKind.UAPED, case_id, person_id)
        CertificateStore(s).create("Sam LEROY", organization="UAPED fictive")
    return ids


def _page_menu(main):
    menus = [a for a in main.menuBar().actions() if a.menu() is main.page_menu]
    assert menus, [a.text() for a in main.menuBar().actions()]
    return {a.text().replace("&", ""): a for a in main.page_menu.actions() if a.text()}


def _box(home):
    b = getattr(home, "fiches", None)
    return b if b is not None and shiboken6.isValid(b) else None


def test_uaped_home_fiche_actions_in_a_menu_on_the_selected_case(qtbot, vault, controller):
    ids = _two_cases(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    entries = _page_menu(main)
    for text, keys in (
        ("Nouvelle fiche de signalement…", "Ctrl+Shift+N"),
        ("Ouvrir la fiche", "Ctrl+O"),
        ("Aperçu de la fiche", "Ctrl+Shift+O"),
        ("Sceller la fiche…", "Ctrl+Shift+S"),
        ("Imprimer la fiche…", "Ctrl+P"),
    ):
        assert text in entries, list(entries)
        assert entries[text].shortcut().toString() == keys
    check_screen(main)  # unique keys, all in the F1 table

    # she goes down to the second case: the box is rebuilt, the menu entry acts on it
    first = _box(home)
    first_case = first.case_id
    home.cases.setFocus()
    key(Qt.Key.Key_Down, widget=home.cases)
    qtbot.waitUntil(lambda: _box(home) is not None and _box(home) is not first, timeout=10000)
    other = next(p for c, p in ids if c != first_case)
    qtbot.waitUntil(lambda: home.victim.currentData() == other, timeout=10000)
    check_screen(main)
    _page_menu(main)["Nouvelle fiche de signalement…"].trigger()
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.wizard.flow is not None, timeout=10000)
    names = {ids[0][1]: "MARTIN", ids[1][1]: "BERNARD"}
    assert page.wizard.flow.answers["mineur_nom"] == names[other]


def test_uaped_report_box_has_menu_and_keys(qtbot, vault, controller):
    _two_cases(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: home.records.count() == 1, timeout=10000)
    home.records.setCurrentRow(0)
    key(Qt.Key.Key_Return, widget=home.records)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "uaped_page", timeout=5000)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.report.row is not None, timeout=10000)
    entries = _page_menu(main)
    assert entries["Aperçu du rapport"].shortcut().toString() == "Ctrl+Shift+O"
    assert entries["Signer et sceller le rapport…"].shortcut().toString() == "Ctrl+Shift+S"
    check_screen(main)
    key(Qt.Key.Key_O, CTRL | SHIFT, widget=page.view)
    qtbot.waitUntil(
        lambda: (
            getattr(page.report, "preview_dialog", None) is not None
            and page.report.preview_dialog.isVisible()
        ),
        timeout=20000,
    )
    page.report.preview_dialog.reject()


def test_new_fiche_opens_even_if_the_box_is_rebuilt_meanwhile(qtbot, vault, controller):
    """Ctrl+Maj+N while the case's side is being read again (a case chosen, a return to the
    screen): the fiche is created and opened, not lost with the box rebuilt meanwhile."""
    _two_cases(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    home._case_selected()  # what choosing the case does: its checklists and side read again
    key(Qt.Key.Key_N, CTRL | SHIFT, widget=main)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "fiche_page", timeout=10000)


def test_no_fiche_yet_says_how_to_start_one(qtbot, vault, controller):
    """« Aperçu » (Ctrl+Maj+O) with no fiche in the case: the message names the way to start
    one, with its key."""
    from tests.ui.helpers import dialog

    _two_cases(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    key(Qt.Key.Key_O, CTRL | SHIFT, widget=main)
    box = dialog(qtbot, "Trame")
    assert "Nouvelle fiche de signalement" in box.text() and "Ctrl+Maj+N" in box.text(), box.text()
    box.close()


def test_tab_in_the_fiches_box_follows_the_buttons_left_to_right(qtbot, vault, controller):
    """Tab from the fiches' table reaches « Ouvrir » first, as shown (leftmost), then the
    others in their order on screen, « Nouvelle fiche de signalement… » last."""
    from PySide6.QtWidgets import QApplication

    _two_cases(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    qtbot.wait(300)
    qtbot.waitUntil(lambda: _box(home) is not None and home.victim.count() > 1, timeout=10000)
    box = _box(home)
    for b in box.buttons.values():  # as with a fiche selected: every button can take the focus
        b.setEnabled(True)
    box.table.setFocus()
    seen = []
    for _ in range(5):
        key(Qt.Key.Key_Tab, widget=QApplication.focusWidget())
        seen.append(QApplication.focusWidget().text())
    assert seen == ["Ouvrir", "Aperçu", "Sceller…", "Imprimer…", "Nouvelle fiche de signalement…"]
