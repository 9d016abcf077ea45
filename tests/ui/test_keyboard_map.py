"""The keyboard map: on each screen, every shortcut is unique and listed in the F1 table,
in French (« Alt+Gauche », « Maj »), and the menus' mnemonics do not collide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from desktop.ui.widgets import key_text
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import dialog, key, make_hearing, open_hearing

WINDOW_WIDE = (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut)


def live_shortcuts(main) -> list[tuple[str, str]]:
    """(keys, what) of every shortcut the user can press on the current screen."""
    out = []
    page = main.current_page()
    owners = [main, *main.menuBar().findChildren(QWidget), page, *page.findChildren(QWidget)]
    seen = set()
    for w in owners:
        for action in w.actions():
            if action.shortcut().isEmpty() or id(action) in seen:
                continue
            if action.shortcutContext() not in WINDOW_WIDE:  # a field's own key: local
                continue
            seen.add(id(action))
            if w is page or w is main or w.isVisibleTo(main):
                out.append((action.shortcut().toString(), action.text()))
    for sc in page.findChildren(QShortcut):
        parent = sc.parent()
        if sc.context() not in WINDOW_WIDE:
            continue
        if sc.isEnabled() and isinstance(parent, QWidget) and parent.isVisibleTo(main):
            out.append((sc.key().toString(), parent.toolTip() or parent.objectName()))
    return out


def check_screen(main) -> None:
    shortcuts = live_shortcuts(main)
    keys = [k for k, _ in shortcuts]
    dups = {k for k in keys if keys.count(k) > 1}
    assert not dups, [s for s in shortcuts if s[0] in dups]
    table = {k for k, _ in main.shortcut_rows()}
    missing = [s for s in shortcuts if key_text(s[0]) not in table]
    assert not missing, missing
    mnemonics = [
        a.text().split("&")[1][0].lower() for a in main.menuBar().actions() if "&" in a.text()
    ]
    assert len(mnemonics) == len(set(mnemonics)), mnemonics


def test_every_screen_has_unique_shortcuts_listed_in_f1(qtbot, vault, controller):
    case_id, record_id = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    check_screen(main)
    view = main.open_case(case_id)
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    check_screen(main)
    # the case screen's page buttons: no Alt+letter taken by a menu of the bar
    menu_letters = {
        a.text().split("&")[1][0].lower() for a in main.menuBar().actions() if "&" in a.text()
    }
    for b in view.findChildren(QAbstractButton):
        if "&" in b.text() and b.isVisibleTo(main):
            assert b.text().split("&")[1][0].lower() not in menu_letters, b.text()
    # « Nouvelle a&udition » opens with its underlined letter (Alt+A is « &Administration »)
    key(Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier, widget=main)
    dialog(qtbot, "Nouvelle audition").reject()
    open_hearing(qtbot, main, record_id)
    check_screen(main)


def test_menus_show_shortcuts_in_french(qtbot, vault, controller):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    text = main.back_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert text == "Alt+Gauche"
    assert key_text("Ctrl+Shift+Return") == "Ctrl+Maj+Entrée"
    assert QApplication.translate("QShortcut", "Shift") == "Maj"
