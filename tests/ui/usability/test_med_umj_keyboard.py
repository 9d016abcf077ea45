"""Usability (médecin at the UMJ, keyboard only): the cursor is where the doctor types.

Found by walking the real window at 1366×768: the UMJ checklist opened with the focus on the
page itself (six Tab before the first field); Ctrl+PgDown from a field left the cursor on
« ← Checklists » (the next Space left the examination, the letters typed were lost); and
« Revenir à la checklist » after « Transmettre le CMI » left the cursor nowhere, the first
missing field out of sight."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.medical.clock import fixed_clock
from desktop.core.records import RecordKind, start_record
from tests.conftest import DOCTOR_PASSWORD
from tests.core.medical.umj_data import PARIS
from tests.ui.checklists.test_umj_transmission import open_umj, prepared, wait_saved
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, key

__all__ = ["prepared"]  # the fixture, shared with the transmission test

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)


def field_of(widget) -> str | None:
    """The id of the checklist field whose editor holds `widget` (None: outside any field)."""
    while widget is not None:
        f = getattr(widget, "f", None)
        if f is not None and hasattr(f, "id"):
            return f.id
        widget = widget.parentWidget()
    return None


def focus():
    """The widget with the keyboard focus in the main window (offscreen, the window may be
    inactive: its own focus widget is the one the next key goes to once activated)."""
    main = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "main_window")
    return QApplication.focusWidget() or main.focusWidget()


def focused_field() -> str | None:
    return field_of(focus())


def open_by_keyboard(qtbot, controller, case_id: int):
    """Checklist UMJ (Ctrl+3), the case with ↓, Tab to « Nouvelle checklist », Space."""
    controller.ctx.clock = fixed_clock(NOW)
    main = unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    main.resize(1366, 768)
    key(Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: hasattr(main.stack.currentWidget(), "new_button"), timeout=5000)
    home = main.stack.currentWidget()
    qtbot.waitUntil(lambda: home.case_id == case_id and home.victim.count() >= 1, timeout=10000)
    assert focus() is home.cases  # the keyboard starts on the cases
    for _ in range(10):
        if focus() is home.new_button:
            break
        key(Qt.Key.Key_Tab)
    assert focus() is home.new_button
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "umj_page", timeout=10000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    return main, page


def test_umj_opens_with_the_cursor_in_the_first_field(
    qtbot, vault, controller, prepared, officer_session
):
    case, person = prepared
    start_record(
        officer_session,
        RecordKind.AUDITION,
        case.id,
        person.id,
        answers={
            "audition_debut": "2026-11-29T09:00",
            "faits_datetime_derniers": "2026-11-28T23:00",
        },
    )
    main, page = open_by_keyboard(qtbot, controller, case.id)
    view = page.view
    qtbot.waitUntil(lambda: focused_field() == "saisine", timeout=5000)
    key(Qt.Key.Key_Down)  # « Réquisition judiciaire »
    assert view.answers.get("saisine") == "requisition"
    qtbot.waitUntil(lambda: page.hearing_facts is not None, timeout=10000)
    header = page.alerts.header.text()
    assert "faits le 28/11/2026 à 23\u00a0h\u00a000" in header
    assert "d'après l'audition du 29/11/2026" in header


def opened(qtbot, controller, case_id: int):
    main, page = open_umj(qtbot, controller, case_id)  # the clock of umj_data: 11/03/2026
    main.resize(1366, 768)
    return main, page


def test_ctrl_pgdown_then_typing_lands_in_the_next_step(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    view.goto("consentement")
    view.focus_first_field()
    assert focused_field() == "consentement_mineur"
    key(Qt.Key.Key_PageDown, CTRL)  # « Étape suivante »
    assert view.flow.current == "commemoratifs"
    assert focused_field() == "faits_nature", QApplication.focusWidget()
    type_text(focus(), " violences sexuelles répétées à l'hôtel")
    assert main.stack.currentWidget() is page  # the Space did not leave the examination
    key(Qt.Key.Key_Tab)
    assert view.answers.get("faits_nature") == " violences sexuelles répétées à l'hôtel"
    # the time of the facts as a doctor types it: the alerts follow, from the checklist
    for _ in range(6):
        if focused_field() == "faits_datetime":
            break
        key(Qt.Key.Key_Tab)
    type_text(focus(), "10/03/2026 22h30")
    key(Qt.Key.Key_Tab)
    assert view.answers.get("faits_datetime") == "2026-03-10T22:30"
    assert "faits le 10/03/2026 à 22\u00a0h\u00a030" in page.alerts.header.text()
    assert "audition" not in page.alerts.header.text()


def test_back_to_the_checklist_puts_the_cursor_in_the_first_missing_field(
    qtbot, vault, controller, prepared
):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    view.focus_first_field()
    assert focused_field() == "saisine"
    key(Qt.Key.Key_Down)  # « Réquisition judiciaire »: the CMI goes to the authority
    wait_saved(qtbot, controller.ctx)
    key(Qt.Key.Key_E, CTRL | SHIFT)  # « Transmettre le CMI… »
    qtbot.waitUntil(
        lambda: page.missing_box is not None and page.missing_box.isVisible(), timeout=15000
    )
    box = page.missing_box
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=2000)
    QTest.keyClick(box, Qt.Key.Key_Return)  # « Revenir à la checklist »
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=5000)
    # the first missing field of the report's order, with the cursor in it, on screen
    first = next(i.field for i in box_issues(page) if i.field in view.rows)
    assert focused_field() == first, (first, focus())
    row = view.rows[first]
    viewport = view.scroll.viewport()
    top = row.mapTo(viewport, row.rect().topLeft()).y()
    assert 0 <= top < viewport.height(), "the missing field is out of sight"
    type_text(focus(), "Dr Éloïse FRANÇOIS")
    key(Qt.Key.Key_Tab)
    assert view.answers.get(first) == "Dr Éloïse FRANÇOIS"


def box_issues(page):
    from desktop.core.medical.readiness import cmi_readiness

    out = []
    page.ctx.tasks.op(lambda s: cmi_readiness(s, page.record_id, clock=page.clock).issues).success(
        out.append
    ).run()
    page.ctx.tasks.wait_idle()
    QApplication.processEvents()
    return out[0]
