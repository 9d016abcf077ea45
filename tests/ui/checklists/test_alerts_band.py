"""Issue 13 (hearing-room frictions, screen review at 1366×768): the alerts band above the
UMJ and UAPED checklists was capped at 118 px and cut its 6th line in half. Every alert is
now shown whole: the band grows with its alerts (up to a cap, far above the 12 windows)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import UAPED_PASSWORD
from tests.core.medical.umj_data import NOW
from tests.ui.checklists.test_umj_hearing_facts import open_umj
from tests.ui.checklists.test_umj_transmission import fill, prepared
from tests.ui.conftest import unlock
from tests.ui.helpers import key

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def assert_every_alert_readable(qtbot, panel) -> None:
    """Each alert row lies wholly inside the band's viewport, with nothing left to scroll to
    (the old band had a scroll bar and still showed its 6th line cut in half)."""
    band = panel.parentWidget().parentWidget()  # panel → viewport → scroll area
    window = band.window()
    window.resize(1366, 768)

    def shown_rows() -> list[QLabel]:
        return [w for w in panel.findChildren(QLabel) if w is not panel.header and w.isVisible()]

    qtbot.waitUntil(lambda: len(shown_rows()) == len(panel.alerts) >= 6, timeout=5000)
    rows = shown_rows()
    scroll_bar = band.verticalScrollBar()
    viewport = band.viewport()

    def all_shown() -> bool:
        if scroll_bar.maximum() > 0:
            return False
        for row in rows:
            top = row.mapTo(viewport, QPoint(0, 0)).y()
            if top < 0 or top + row.height() > viewport.height():
                return False
        return True

    qtbot.waitUntil(all_shown, timeout=3000)
    # the checklist itself keeps most of the window
    assert band.height() < window.height() // 2


def test_umj_band_shows_every_alert_whole(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    fill(page.view, "faits_datetime", NOW.strftime("%Y-%m-%dT%H:%M"))
    fill(page.view, "faits_datetime_precision", "exacte")
    assert_every_alert_readable(qtbot, page.alerts)


def test_uaped_band_shows_every_alert_whole(qtbot, vault, controller, officer_session):
    from desktop.core.formspec import FormRegistry

    case = officer_session.cases.create("2026/000321", "Brigade de protection des mineurs")
    person = officer_session.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    spec = FormRegistry().get("checklist_uaped")
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        rec = s.records.create(case.id, "uaped", spec.id, str(spec.version), person.id)
        s.records.set_answer(rec.id, "faits_datetime", "2026-11-28T23:00")
        s.records.set_answer(rec.id, "faits_datetime_precision", "exacte")
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: home.records.count() == 1, timeout=10000)
    home.records.setCurrentRow(0)
    home.records.setFocus()
    key(Qt.Key.Key_Return, widget=home.records)
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "uaped_page", timeout=5000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    assert_every_alert_readable(qtbot, page.alerts)
