"""Issue 14 (one step-form view) and the form findings of issue 13 (M1, M2, M9), driven
through the real main window on a real vault."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox

from desktop.core.formspec import VISITED_KEY
from tests.conftest import OFFICER_PASSWORD
from tests.ui.checklists.test_umj_transmission import open_umj, prepared  # noqa: F401
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def step_items(view):
    items = [view.steps.item(i) for i in range(view.steps.count())]
    return [i for i in items if i.data(Qt.ItemDataRole.UserRole)]


def phase_headers(view):
    items = [view.steps.item(i) for i in range(view.steps.count())]
    return [i.text() for i in items if not i.data(Qt.ItemDataRole.UserRole)]


def open_new_hearing(qtbot, vault, controller):
    _case_id, record_id = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, record_id)
    return main, page, record_id


def test_phase_titles_on_screen_are_the_definitions(qtbot, vault, controller):
    _main, page, _rid = open_new_hearing(qtbot, vault, controller)
    view = page.wizard
    spec = view.spec
    declared = []
    for step in spec.steps:
        label = spec.phase_label(step.phase)
        if step.phase and (not declared or declared[-1] != label):
            declared.append(label)
    assert phase_headers(view) == declared
    assert "Protocole NICHD : phase pré-déclarative" in declared
    nichd = next(s for s in spec.steps if s.phase == "nichd_pre_declaratif")
    view.goto(nichd.id)
    assert view.phase.text().replace("\u00a0", " ") == spec.phase_label("nichd_pre_declaratif")


def test_a_new_hearing_shows_no_step_complete_until_visited(qtbot, vault, controller):
    """M2: steps without required fields were shown complete before anything was typed."""
    main, page, record_id = open_new_hearing(qtbot, vault, controller)
    view = page.wizard
    assert not [i.text() for i in step_items(view) if i.text().startswith("✓")]
    assert "0 complète" in view.progress.text()

    # a step without any required field becomes complete once the officer has been there
    flow = view.flow
    free = next(
        s
        for s in flow.visible_steps()
        if s.id != flow.current and not flow.errors(s.id) and s.fields
    )
    view.goto(free.id)
    main.activateWindow()
    key(Qt.Key.Key_PageDown, CTRL, widget=view.next_button)
    qtbot.waitUntil(lambda: view.flow.current != free.id)
    marks = {i.data(Qt.ItemDataRole.UserRole): i.text()[:1] for i in step_items(view)}
    assert marks[free.id] == "✓"

    # the visited steps are kept in the vault: reopening shows the same state
    view.flush()
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=10000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert free.id in s.records.answers(record_id)[VISITED_KEY]


def wheel(widget, delta: int) -> None:
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_mouse_wheel_over_a_drop_down_scrolls_and_changes_nothing(qtbot, vault, controller):
    """M1: scrolling the long form with the wheel changed combo answers (and saved them)."""
    _main, page, _rid = open_new_hearing(qtbot, vault, controller)
    view = page.wizard
    step = next(s for s in view.spec.steps if any(f.type == "choice" for f in s.fields))
    view.goto(step.id)
    combo = next(row.editor for row in view.rows.values() if isinstance(row.editor, QComboBox))
    main = page.window()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    view.next_button.setFocus()
    before = combo.currentIndex()
    for _ in range(3):
        wheel(combo, -120)
    assert combo.currentIndex() == before
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert view.flow.answers.get(combo.f.id) is None
    # with the focus (chosen by Tab or a click), the wheel still works as Qt users expect
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo, -120)
    assert combo.currentIndex() != before


def test_fast_typing_in_the_umj_checklist_loses_nothing(qtbot, vault, controller, prepared):  # noqa: F811
    """M9: in the UMJ checklist, each keystroke rebuilt the delay alerts with parentless
    labels (top-level windows for a moment) that took the focus: characters were lost."""
    case, _person = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    view.goto(view.spec.step_of("faits_datetime").id)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    editor = view.rows["faits_datetime"].editor
    editor.setFocus()
    text = "28/11/2026 23h00"
    for ch in text:
        QTest.keyClicks(QApplication.focusWidget() or main, ch)
        qtbot.wait(1)  # the event loop runs between keystrokes, as with a real typist
    assert editor.text() == text
    view.goto(view.spec.step_of("declarations").id)
    qtbot.wait(50)  # the previous step's widgets are deleted
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    notes = view.rows["declarations"].editor
    notes.setFocus()
    for ch in "Élodie a été vue à l'hôpital":
        target = QApplication.focusWidget() or main
        if ch.isascii():
            QTest.keyClicks(target, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                target,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )
        qtbot.wait(1)
    assert notes.toPlainText() == "Élodie a été vue à l'hôpital"
    assert view.flow.answers["faits_datetime"] == "2026-11-28T23:00"
