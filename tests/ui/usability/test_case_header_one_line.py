"""At 1366×768 the case screen's subtitle (service · date of creation) is read on one line:
it was wrapped into a narrow column, « créé » at the end of one line, the date below, and
cut in half when the service name is long."""

from __future__ import annotations

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock


def test_case_subtitle_on_one_line(qtbot, vault, controller):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/004488", "Brigade de protection des mineurs — Paris")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.resize(1366, 768)
    view = main.open_page("case", case_id=case.id)
    qtbot.waitUntil(lambda: "créé le" in view.subtitle.text(), timeout=5000)
    qtbot.wait(50)
    sub = view.subtitle
    metrics = sub.fontMetrics()
    assert metrics.horizontalAdvance(sub.text()) <= sub.contentsRect().width(), sub.text()
    assert sub.height() < 2 * metrics.lineSpacing()
