"""Resuming a hearing (« Reprendre », then Ctrl+T): the Q/R table shows the latest entries,
where the next question follows, not the first ones. The table is filled while its tab is
hidden, so the scroll made at loading had no viewport to act on."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def test_the_transcript_opens_on_its_latest_entry(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        with s.cases_db.transaction():
            for i in range(40):
                s.transcript.append(
                    rid,
                    "qr",
                    speaker="enqueteur",
                    question=f"Et ensuite, la fois n° {i} ?",
                    answer=f"On est allés à la gare, la fois {i}.",
                    wall_time="2026-11-30T10:00:00Z",
                )
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    assert page.tabs.currentWidget() is not page.transcript_tab  # opens on the guided steps
    key(Qt.Key.Key_T, CTRL)
    table = page.transcript.table
    qtbot.waitUntil(table.isVisible)
    last = table.model().index(table.model().rowCount() - 1, 0)

    def latest_in_view() -> bool:
        rect = table.visualRect(last)
        return rect.isValid() and table.viewport().rect().contains(rect.center())

    qtbot.waitUntil(latest_in_view, timeout=5000)
    first = table.model().index(0, 0)
    assert not table.viewport().rect().contains(table.visualRect(first).center())
    # the rows in view fit their text at the shown widths (no tall blank band)
    top = table.rowAt(0)
    in_view = range(top, table.model().rowCount())
    fit = [max(table.sizeHintForRow(r), table.verticalHeader().sectionSizeHint(r)) for r in in_view]
    assert [table.rowHeight(r) for r in in_view] == fit
