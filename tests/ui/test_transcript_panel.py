"""The live transcript against a real vault: 50 entries, corrections, huge pastes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.hearing.transcript import DRAFT_FIELD
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def test_fifty_entries_typed(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    key(Qt.Key.Key_T, CTRL)
    panel = page.transcript
    for i in range(1, 51):
        type_text(panel.question, f"Et après, n° {i} ?")
        key(Qt.Key.Key_Tab)
        type_text(panel.answer, f"Réponse {i} : on est allés à l'hôtel, c'était l'été.")
        key(Qt.Key.Key_Return, CTRL)
        assert QApplication.focusWidget() is panel.question
    qtbot.waitUntil(lambda: len(panel.model.entries) == 50, timeout=20000)
    qtbot.waitUntil(lambda: main.save_indicator.text().startswith("Enregistré à"), timeout=5000)
    assert [e.seq for e in panel.model.entries] == list(range(1, 51))
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        entries = s.transcript.for_record(rid)
        assert DRAFT_FIELD not in s.records.answers(rid)
    assert len(entries) == 50
    assert entries[49].question == "Et après, n° 50 ?"
    assert entries[49].answer == "Réponse 50 : on est allés à l'hôtel, c'était l'été."
    assert entries[0].question_type == "invitation"  # « Et après » is an open invitation
    # the keystroke-to-commit latency is measured by `make bench`, not asserted here


def test_draft_survives_a_restart_and_corrections(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    type_text(panel.question, "Où étiez-vous ?")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "À la gare")
    qtbot.waitUntil(lambda: panel.qtype.currentData() == "directive", timeout=5000)
    qtbot.waitUntil(
        lambda: not panel._draft_timer.isActive() and not controller.ctx.saver.dirty(),
        timeout=5000,
    )
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        draft = s.records.answers(rid)[DRAFT_FIELD]
    assert draft["question"] == "Où étiez-vous ?" and draft["answer"] == "À la gare"
    assert draft["question_type"] == "directive" and draft["started_at"]
    # a second panel on the same record (a restart) gets the draft back
    from desktop.ui.transcript import TranscriptPanel

    other = TranscriptPanel(controller.ctx, rid)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.loaded, timeout=5000)
    assert other.question.text() == "Où étiez-vous ?" and other.answer.text() == "À la gare"
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    # correction of an entry: Enter on the row, edit, Ctrl+Entrée
    panel.table.setFocus()
    panel.table.selectRow(0)
    key(Qt.Key.Key_Return, widget=panel.table)
    assert "Correction de l'entrée n° 1" in panel.mode.text()
    assert panel.answer.text() == "À la gare"
    panel.answer.moveCursor(panel.answer.textCursor().MoveOperation.End)
    type_text(panel.answer, " du Nord")
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    qtbot.waitUntil(lambda: panel.model.entries[0].answer == "À la gare du Nord", timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        entries = s.transcript.for_record(rid)
        assert DRAFT_FIELD not in s.records.answers(rid)
    assert len(entries) == 1 and entries[0].answer == "À la gare du Nord"


def test_long_pastes_are_kept_whole_and_too_long_ones_refused_in_french(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    panel.answer.setFocus()
    type_text(panel.answer, "Début : ")
    # 5 MB: more than a field can hold (the vault would refuse it): refused, nothing changed
    big = ("Il m'a dit de monter dans la voiture, j'avais peur. " * 100_000)[: 5 * 1024 * 1024]
    QApplication.clipboard().setText(big)
    key(Qt.Key.Key_V, CTRL, widget=panel.answer)
    QApplication.processEvents()
    assert "Collage refusé" in panel.mode.text() and "presse-papiers" in panel.mode.text()
    assert panel.answer.toPlainText() == "Début : " and not panel.answer.isReadOnly()
    # 240,000 characters: kept whole (shown in part, read-only) and saved whole
    long = ("Il m'a dit de monter dans la voiture, j'avais peur. " * 5_000)[:240_000]
    QApplication.clipboard().setText(long)
    key(Qt.Key.Key_V, CTRL, widget=panel.answer)
    QApplication.processEvents()
    type_text(panel.question, "Et ensuite ?")
    QApplication.processEvents()
    assert panel.answer.isReadOnly() and "enregistré en entier" in panel.answer.toPlainText()
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=20000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        draft = s.records.answers(rid)[DRAFT_FIELD]
    assert draft["answer"] == "Début : " + long
