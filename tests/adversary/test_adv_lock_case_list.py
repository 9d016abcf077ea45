"""Issue 15, adversary: after Ctrl+L, the home page (case list) must hold no name of a
person. README « Verrouiller verrouille »: the names already saved leave the Python objects
of the screens. The case list is not told of the lock: its table model keeps every row it
showed (victims' names when « Afficher les noms » is on) and its search box keeps what was
typed (a name, a phone number) while the laptop is locked. Fixed: the page forgets both at
lock and searches again at unlock."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import controller, ctx, type_text, unlock  # noqa: F401 - UI fixtures
from tests.ui.helpers import CTRL, key
from tests.ui.test_lock import relock_with
from tests.ui.test_lock_wipes import holders


def _case_with_name(vault, last_name: str) -> None:
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000888", "Brigade fictive")
        s.persons.add(case.id, "victime", last_name, "Eloise", "2011-04-02")


def _listed(page, canary) -> bool:
    """A plain loop: a generator in the test would make `canary` a closure cell (a holder)."""
    for row in page.model.rows:
        if canary in str(row):
            return True
    return False


def _shown(qtbot, controller, canary):  # noqa: F811
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    page.toggle_names()
    page.search.setFocus()
    type_text(page.search, canary)
    qtbot.waitUntil(
        lambda: any(canary in str(r) for r in page.model.rows) and bool(page.search.text()),
        timeout=10000,
    )
    return main, page


def test_after_lock_the_case_list_model_holds_no_name(qtbot, vault, controller):  # noqa: F811
    canary = f"CANARI{secrets.token_hex(4).upper()}"  # last names are stored in capitals
    _case_with_name(vault, canary)
    main, page = _shown(qtbot, controller, canary)
    key(Qt.Key.Key_L, CTRL)
    assert controller.locked and controller.ctx.tasks.wait_idle()
    assert not _listed(page, canary)
    assert holders(canary) == []


def test_after_lock_the_search_box_holds_no_name(qtbot, vault, controller):  # noqa: F811
    canary = f"CANARI{secrets.token_hex(4).upper()}"  # last names are stored in capitals
    _case_with_name(vault, canary)
    main, page = _shown(qtbot, controller, canary)
    key(Qt.Key.Key_L, CTRL)
    assert controller.locked
    assert canary not in page.search.text()


def test_unlocking_shows_the_cases_again(qtbot, vault, controller):  # noqa: F811
    canary = f"CANARI{secrets.token_hex(4).upper()}"
    _case_with_name(vault, canary)
    main, page = _shown(qtbot, controller, canary)
    key(Qt.Key.Key_L, CTRL)
    assert controller.locked
    relock_with(qtbot, controller, OFFICER_PASSWORD)
    assert controller.main is main and main.current_page() is page
    qtbot.waitUntil(lambda: any(canary in str(r) for r in page.model.rows), timeout=10000)
