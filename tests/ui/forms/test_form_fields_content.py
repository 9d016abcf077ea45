"""Issue 13's form-field findings through the real main window: an approximate date typed
as « juin 2026 », the « Maintenant » button of time fields, a two-minute hearing's duration,
the interpreter added to the persons present."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import make_hearing, open_hearing


def open_step(qtbot, vault, controller, field_id):
    _case_id, record_id = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, record_id)
    view = page.wizard
    view.goto(view.spec.step_of(field_id).id)
    qtbot.wait(50)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main, page, view, record_id


def test_typing_an_approximate_date(qtbot, vault, controller):
    _main, _page, view, _rid = open_step(qtbot, vault, controller, "faits_date_debut")
    editor = view.rows["faits_date_debut"].editor
    editor.setFocus()
    type_text(editor, "juin 2026")
    QTest.keyClick(editor, Qt.Key.Key_Tab)
    assert view.flow.answers["faits_date_debut"] == "2026-06"
    assert not view.rows["faits_date_debut"].error.isVisibleTo(view)


def test_time_fields_have_a_now_button_and_short_hearings_last_minutes(qtbot, vault, controller):
    _main, _page, view, _rid = open_step(qtbot, vault, controller, "audition_debut")
    start = view.rows["audition_debut"]
    assert start.now_button is not None and start.now_button.text() == "Maintenant"
    qtbot.mouseClick(start.now_button, Qt.MouseButton.LeftButton)
    assert view.flow.answers["audition_debut"]  # now, as typed by the button
    end = view.rows["audition_fin"].editor
    end.setFocus()
    end.selectAll()
    stamp = view.flow.answers["audition_debut"]
    day, hm = stamp[:10], stamp[11:16]
    h, m = int(hm[:2]), int(hm[3:])
    m += 2
    h, m = (h + m // 60) % 24, m % 60
    if h == 0 and m < 2:  # the test ran at midnight: keep both on the same day
        return
    y, mo, d = day.split("-")
    type_text(end, f"{d}/{mo}/{y} {h:02d}h{m:02d}")
    QTest.keyClick(end, Qt.Key.Key_Tab)
    duration = view.rows["audition_duree_heures"].editor.text()
    assert duration.replace("\u00a0", " ") == "2 minutes", duration


def test_the_interpreter_is_added_to_the_persons_present(qtbot, vault, controller):
    _main, _page, view, _rid = open_step(qtbot, vault, controller, "interprete")
    check = view.rows["interprete"].editor
    check.setFocus()
    QTest.keyClick(check, Qt.Key.Key_Space)
    assert view.flow.answers["interprete"] is True
    name = view.rows["interprete_nom"].editor
    qtbot.waitUntil(lambda: view.rows["interprete_nom"].isVisibleTo(view))
    name.setFocus()
    type_text(name, "Ana Popescu")
    qtbot.waitUntil(lambda: bool(view.flow.answers.get("personnes_presentes")), timeout=3000)
    rows = view.flow.answers["personnes_presentes"]
    assert [(r["qualite"], r["nom"]) for r in rows] == [("interprete", "Ana Popescu")]
    present = view.rows["personnes_presentes"].editor
    assert len(present.rows) == 1
    assert present.rows[0]["nom"].editor.text() == "Ana Popescu"
    assert {e.field_id for e in view.flow.errors() if e.kind == "required"} >= {"interprete_langue"}
