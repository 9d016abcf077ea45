"""The UAPED checklist shows the same urgency alerts as the UMJ side from the date and time
of the last facts (issue 17, point 13)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import key


def test_uaped_page_shows_the_umj_time_windows_from_the_last_facts(qtbot, vault, controller):
    from desktop.core.formspec import FormRegistry

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000321", "Brigade de protection des mineurs")
        person = s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02")
    spec = FormRegistry().get("checklist_uaped")
    facts = (datetime.now() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        rec = s.records.create(case.id, "uaped", spec.id, str(spec.version), person.id)
        s.records.set_answer(rec.id, "faits_datetime", facts)
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
    qtbot.waitUntil(lambda: len(page.alerts.alerts) > 0, timeout=5000)
    rows = [w.text() for w in page.alerts.findChildren(QLabel) if w is not page.alerts.header]
    assert any("URGENT" in r for r in rows), rows
    assert "Délais depuis les faits" in page.alerts.header.text()
