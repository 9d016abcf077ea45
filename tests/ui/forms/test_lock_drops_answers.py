"""Issue 15, lock means locked, for the step-form views (hearing, fiche, UAPED and UMJ
checklists) through the real main window: an answer typed before Ctrl+L (or the idle lock)
is on no widget of any window while locked, and unlocking returns to the same screen, the
same step and the same field, with the answer reloaded from the vault."""

from __future__ import annotations

import secrets

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.core.records import RecordKind, start_record
from desktop.ui.forms.locking import cursor_of
from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key
from tests.ui.test_lock import relock_with

TYPED = ("text", "long_text")


def widget_texts(widget: QWidget) -> list[str]:
    """Every text a widget shows or keeps for showing (all items of a list or combo box)."""
    texts = [widget.windowTitle(), widget.toolTip()]
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.displayText()]
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        texts.append(widget.toPlainText())
    elif isinstance(widget, QComboBox):
        texts += [widget.currentText()] + [widget.itemText(i) for i in range(widget.count())]
    elif isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    elif isinstance(widget, QListWidget):
        texts += [widget.item(i).text() for i in range(widget.count())]
    return texts


def showing(canary: str, main: QWidget) -> list[str]:
    """The class names of the widgets whose text holds the canary: the main window's children
    (QLineEdit, QTextEdit, QPlainTextEdit, QComboBox, QLabel… as the issue lists them) and
    every other widget the application still has (a step page only detached would count)."""
    QCoreApplication.sendPostedEvents(None, int(QEvent.Type.DeferredDelete))
    widgets = [main, *main.findChildren(QWidget), *QApplication.allWidgets()]
    return [type(w).__name__ for w in widgets if any(canary in t for t in widget_texts(w))]


# -- the four step-form screens, each opened the way its user opens it ------------------------
def hearing(vault, main_of):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000123", "Brigade de protection des mineurs")
        person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
        rid = start_record(s, RecordKind.AUDITION, case.id, person.id)
    main = main_of("enqueteur", OFFICER_PASSWORD)
    page = main.open_page("hearing", record_id=rid)
    page.show_wizard()
    return main, page, page.wizard, OFFICER_PASSWORD


def fiche(vault, main_of):
    from desktop.core.documents.fiche import new_fiche

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000124", "Brigade de protection des mineurs")
        person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
        rid = new_fiche(s, case.id, person.id)
    main = main_of("enqueteur", OFFICER_PASSWORD)
    page = main.open_page("fiche", record_id=rid)
    return main, page, page.wizard, OFFICER_PASSWORD


def uaped(vault, main_of):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000125", "Brigade de protection des mineurs")
        person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        rid = start_record(s, RecordKind.UAPED, case.id, person.id)
    main = main_of("uaped", UAPED_PASSWORD)
    page = main.open_page("checklist.uaped.record", record_id=rid)
    return main, page, page.view, UAPED_PASSWORD


def umj(vault, main_of):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000126", "Brigade de protection des mineurs")
        person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        rid = start_record(s, RecordKind.UMJ, case.id, person.id)
    main = main_of("medecin", DOCTOR_PASSWORD)
    page = main.open_page("checklist.umj.record", record_id=rid)
    return main, page, page.view, DOCTOR_PASSWORD


def typed_field(view):
    """A free-text field shown on a step that is not the first one (so that coming back to
    « the same step » means something), and that step's id."""
    flow = view.flow
    for step in flow.visible_steps()[1:]:
        for f in step.fields:
            if f.type in TYPED and flow.is_visible(f.id) and not flow.answers.get(f.id):
                return step.id, f.id
    raise AssertionError("no free-text field after the first step")


@pytest.mark.parametrize("screen", [hearing, fiche, uaped, umj])
@pytest.mark.parametrize("how", ["ctrl_l", "idle"])
def test_lock_drops_the_answers_and_unlock_returns_to_the_step(
    qtbot, vault, controller, screen, how
):
    canary = f"Canari-{secrets.token_hex(6)} la voiture bleue"  # built at run time
    main, page, view, password = screen(
        vault, lambda login, pw: unlock(qtbot, controller, login, pw)
    )
    qtbot.waitUntil(lambda: view.flow is not None, timeout=10000)
    step_id, field_id = typed_field(view)
    view.goto(step_id)
    editor = view.rows[field_id].editor
    main.activateWindow()
    editor.setFocus()
    type_text(editor, canary)
    qtbot.waitUntil(lambda: view.answers.get(field_id) == canary, timeout=2000)
    for _ in range(3):
        key(Qt.Key.Key_Left, widget=editor)
    assert cursor_of(editor) == len(canary) - 3
    assert showing(canary, main)  # the walk sees the answer while unlocked

    if how == "ctrl_l":
        key(Qt.Key.Key_L, CTRL, widget=editor)
    else:
        controller.ctx.settings.idle_lock_seconds = 1
        controller.ctx.settings.idle_warning_seconds = 0
        controller.idle.start()
        qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    assert controller.locked and not main.isVisible()
    assert controller.ctx.tasks.wait_idle()
    assert showing(canary, main) == []
    assert view.answers == {} and view.rows == {}  # nor in the view's Python state

    relock_with(qtbot, controller, password)
    assert controller.main is main and main.current_page() is page
    qtbot.waitUntil(lambda: view.flow is not None, timeout=10000)
    assert view.flow.current == step_id
    assert view.rows[field_id].editor.value() == canary  # reloaded from the vault
    editor = view.rows[field_id].editor  # a new widget, where the cursor was
    main.activateWindow()  # offscreen: no window manager gives the focus back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=2000)
    assert QApplication.focusWidget() is editor
    assert cursor_of(editor) == len(canary) - 3
