"""M7: a signer's name is typed once — or picked among the persons of the procedure — and the
signature pad takes it; no red « Indiquez le nom » once the row has it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.sample import demo_data
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import key, make_hearing, open_hearing
from tests.ui.test_e2e_documents import draw_signature, field_row

_V = demo_data()["victim"]
MINOR = f"{_V['first_name']} {_V['last_name'].upper()}"  # the sample victim (make_hearing)


def test_signer_name_typed_once_or_picked_from_persons(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    wizard = page.wizard
    wizard.goto("signatures")
    qtbot.waitUntil(lambda: wizard.flow.current == "signatures", timeout=5000)
    editor = field_row(wizard, "signataires").editor

    # the minor: picked among the persons, the name follows everywhere
    editor.add_button.setFocus()
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(editor.rows) == 1, timeout=2000)
    qtbot.wait(50)  # the event loop runs between two key presses of a user
    row = editor.rows[0]
    row["personne"].editor.setFocus()
    key(Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: row["nom"].editor.value() == MINOR, timeout=2000)
    panel = row["signature"].editor.panel
    assert panel.name_edit.text() == MINOR and panel.name_edit.isReadOnly()
    draw_signature(panel.pad)
    qtbot.waitUntil(lambda: panel.status() == "signe", timeout=2000)
    assert panel.hint.text() == ""

    # the officer: typed once in « Prénom et nom »
    editor.add_button.setFocus()
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: len(editor.rows) == 2, timeout=2000)
    qtbot.wait(50)
    row = editor.rows[1]
    type_text(row["nom"].editor, "Léa FABRE")
    panel = row["signature"].editor.panel
    assert panel.name_edit.text() == "Léa FABRE"
    draw_signature(panel.pad)
    qtbot.waitUntil(lambda: panel.status() == "signe", timeout=2000)
    assert panel.hint.text() == ""
    main.flush()
    controller.ctx.tasks.wait_idle()
    qtbot.wait(100)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rows = s.records.answers(rid)["signataires"]
    assert [r["nom"] for r in rows] == [MINOR, "Léa FABRE"]
    assert [r["signature"]["name"] for r in rows] == [MINOR, "Léa FABRE"]
    assert rows[0]["personne"] is not None
