"""A long hearing costs no more per entry than a short one (issue 20). Counted, not timed:
saving an entry folds only that entry's text and sends the same SQL whatever the number of
earlier entries; opening the hearing sizes only the rows in view."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from desktop.core.hearing import transcript as tx
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def _add_entries(vault, rid, n):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        with s.cases_db.transaction():
            for i in range(n):
                s.transcript.append(
                    rid,
                    "qr",
                    speaker="enqueteur",
                    question=f"Et ensuite, que s'est-il passé la fois n° {i} ?",
                    answer=f"On est allés à l'hôtel près de la gare, la fois {i}.",
                    wall_time="2026-11-30T10:00:00Z",
                )


def _one_entry_cost(qtbot, controller, main, rid, monkeypatch):
    """(folds, statements) spent to type and save one entry in the hearing `rid`."""
    page = open_hearing(qtbot, main, rid)
    page.show_transcript()
    panel = page.transcript
    before = len(panel.model.entries)
    statements: list[str] = []
    controller.ctx.tasks.op(lambda s: s.cases_db.conn.set_trace_callback(statements.append)).run()
    folds = []
    real = tx._fold
    monkeypatch.setattr(tx, "_fold", lambda text: folds.append(1) or real(text))
    type_text(panel.question, "Qu'est-ce qui s'est passé ?")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "Il m'a emmenée.")
    panel._analyse_timer.stop()
    panel._analyse()
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == before + 1, timeout=20000)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=20000)
    monkeypatch.setattr(tx, "_fold", real)
    controller.ctx.tasks.op(lambda s: s.cases_db.conn.set_trace_callback(None)).run()
    return len(folds), [_shape(st) for st in statements]


def _shape(statement: str) -> str:
    """The statement without its values (times, ids and texts differ between hearings)."""
    return re.sub(r"\b\d+\b", "N", re.sub(r"'(?:[^']|'')*'", "?", statement))


def test_saving_an_entry_does_not_reread_the_hearing(qtbot, vault, controller, monkeypatch):
    _case, short = make_hearing(vault, "2026/000001")
    _case, long = make_hearing(vault, "2026/000002")
    _add_entries(vault, short, 5)
    _add_entries(vault, long, 600)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    folds_short, sql_short = _one_entry_cost(qtbot, controller, main, short, monkeypatch)
    folds_long, sql_long = _one_entry_cost(qtbot, controller, main, long, monkeypatch)
    assert folds_short == folds_long  # only the typed text is folded, never the 600 before
    assert sql_short == sql_long
    # the next number comes from the (record_id, seq) index; no statement reads the entries
    reads = [st for st in sql_long if "FROM transcript WHERE record_id" in st and "MAX" not in st]
    assert reads == []


def test_opening_a_long_hearing_sizes_only_the_rows_in_view(qtbot, vault, controller):
    from desktop.ui.transcript import TranscriptPanel

    _case, rid = make_hearing(vault)
    _add_entries(vault, rid, 800)
    unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    panel = TranscriptPanel(controller.ctx, rid)
    qtbot.addWidget(panel)
    sized = []
    real = panel.table.resizeRowToContents
    panel.table.resizeRowToContents = lambda row: sized.append(row) or real(row)
    panel.table.resizeRowsToContents = lambda: sized.extend(range(10_000))
    panel.resize(1000, 600)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded, timeout=20000)
    assert len(panel.model.entries) == 800
    assert 0 < len(sized) < 100
    assert 799 in sized  # the last rows, in view after scrolling to the bottom
    panel.table.scrollToTop()
    assert 0 in sized  # rows are sized as they come into view


def _parses_in_five_ticks(panel, core, monkeypatch) -> int:
    parsed = []
    real = core.parse_time
    monkeypatch.setattr(core, "parse_time", lambda t: parsed.append(1) or real(t))
    for _ in range(5):
        panel._tick()
    monkeypatch.setattr(core, "parse_time", real)
    return len(parsed)


def test_the_clock_tick_reads_only_the_entries_that_shape_the_timeline(
    qtbot, vault, controller, monkeypatch
):
    from desktop.core.hearing import transcript as core
    from desktop.ui.transcript import TranscriptPanel

    costs = []
    for n in (5, 900):
        _case, rid = make_hearing(vault, f"2026/{n:06d}")
        _add_entries(vault, rid, n)
        if not costs:
            unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
        panel = TranscriptPanel(controller.ctx, rid)
        qtbot.addWidget(panel)
        qtbot.waitUntil(lambda p=panel: p.loaded, timeout=20000)
        panel._tick()  # the cache is filled once, at the first tick after opening
        costs.append(_parses_in_five_ticks(panel, core, monkeypatch))
    assert costs[0] == costs[1]  # five ticks cost the same at 5 and at 900 entries
