"""Issue 15, adversary: after Ctrl+L the case screen must hold no name of a person. Its lock
handler only emptied `persons`: the persons table (names, pseudonyms, phones when « Afficher
les noms » is on) and the hearing list (« Audition du … — NAME ») kept them in their items
while the laptop is locked. Fixed: both are emptied at lock, filled again at unlock."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt

from desktop.core.records import RecordKind, start_record
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import controller, ctx, unlock  # noqa: F401 - UI fixtures
from tests.ui.helpers import CTRL, key
from tests.ui.test_lock import relock_with
from tests.ui.test_lock_wipes import holders


def _case_with_name(vault, last_name: str) -> int:
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000889", "Brigade fictive")
        person = s.persons.add(case.id, "victime", last_name, "Eloise", "2011-04-02")
        start_record(s, RecordKind.AUDITION, case.id, person.id)
    return case.id


def _texts(view) -> str:
    out = []
    table = view.person_table
    for r in range(table.rowCount()):
        for c in range(table.columnCount()):
            item = table.item(r, c)
            if item is not None:
                out.append(item.text())
    for i in range(view.hearing_list.count()):
        out.append(view.hearing_list.item(i).text())
    return "\n".join(out)


def _opened(qtbot, controller, case_id, canary):  # noqa: F811
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = main.open_page("case", case_id=case_id)
    qtbot.waitUntil(lambda: view.hearing_list.count() == 1, timeout=10000)
    view.toggle_names()
    _wait_shown(qtbot, view, canary)
    return main, view


def _wait_shown(qtbot, view, canary) -> None:
    """Here, not in the test: a lambda there would make `canary` a closure cell (a holder)."""
    qtbot.waitUntil(lambda: canary in _texts(view), timeout=10000)


def test_after_lock_the_case_screen_holds_no_name(qtbot, vault, controller):  # noqa: F811
    canary = f"CANARI{secrets.token_hex(4).upper()}"  # last names are stored in capitals
    case_id = _case_with_name(vault, canary)
    main, view = _opened(qtbot, controller, case_id, canary)
    key(Qt.Key.Key_L, CTRL)
    assert controller.locked and controller.ctx.tasks.wait_idle()
    assert canary not in _texts(view)
    assert holders(canary) == []
    relock_with(qtbot, controller, OFFICER_PASSWORD)
    assert main.current_page() is view
    _wait_shown(qtbot, view, canary)
