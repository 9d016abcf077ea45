"""A whole hearing with the keyboard only, on a real vault: guided form and transcript."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from desktop.core.hearing.transcript import DRAFT_FIELD
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key


def focused_row(wizard):
    w = QApplication.focusWidget()
    while w is not None and not w.objectName().startswith("field_"):
        if w is wizard:
            return None
        w = w.parentWidget()
    return w


def fill_step_by_keyboard(qtbot, wizard, values):
    """Tab through the step; answer every required field still empty."""
    wizard.focus_first_field()
    seen = set()
    for _ in range(200):
        focus = QApplication.focusWidget()
        if focus in (wizard.next_button, wizard.prev_button, wizard.finish_button):
            break
        row = focused_row(wizard)
        if row is not None and id(focus) not in seen:
            seen.add(id(focus))
            f = row.f
            current = wizard.flow.answers.get(f.id)
            required = f.required or (
                f.required_if is not None and f.required_if.test(wizard.flow.value, wizard.flow.now)
            )
            if required and current in (None, "", []):
                if isinstance(focus, QLineEdit):
                    type_text(focus, values.get(f.id) or values[f.type])
                elif isinstance(focus, QPlainTextEdit):
                    type_text(focus, "Réponse écrite au clavier, « mot pour mot ».")
                elif isinstance(focus, QComboBox):
                    key(Qt.Key.Key_Down)
                elif isinstance(focus, QCheckBox):
                    key(Qt.Key.Key_Space)
        key(Qt.Key.Key_Tab)
    else:  # pragma: no cover - a focus trap would be a bug
        raise AssertionError("Tab never left the step")


def test_whole_hearing_with_the_keyboard(qtbot, vault, controller):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/007777", "Brigade de protection des mineurs")
        s.persons.add(case.id, "victime", "Martin", "Éloïse", "2011-04-02", {"pseudonyme": "Lou"})
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    key(Qt.Key.Key_A, CTRL | SHIFT)
    new = dialog(qtbot, "Nouvelle audition")
    key(Qt.Key.Key_Return, widget=new.person)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "hearing_page", timeout=10000)
    page = main.current_page()
    wizard = page.wizard
    qtbot.waitUntil(lambda: wizard.flow is not None, timeout=10000)
    assert wizard.flow.answers["procedure_numero"] == "2026/007777"
    assert wizard.flow.answers["victime_date_naissance"] == "2011-04-02"

    now = datetime.now()
    values = {
        "text": "Brigadier-chef Léa Fabre",
        "integer": "2",
        "date": (now - timedelta(days=60)).strftime("%d/%m/%Y"),
        "time": (now - timedelta(hours=1)).strftime("%Hh%M"),
        "datetime": (now - timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "audition_fin": (now - timedelta(minutes=5)).strftime("%d/%m/%Y %H:%M"),
    }
    visited = []
    for _ in range(60):
        visited.append(wizard.flow.current)
        fill_step_by_keyboard(qtbot, wizard, values)
        if wizard.flow.is_last:
            break
        key(Qt.Key.Key_PageDown, CTRL)
        qtbot.waitUntil(lambda: wizard.flow.current != visited[-1], timeout=2000)
    assert visited == [s.id for s in wizard.flow.visible_steps()]
    assert len(visited) > 20

    # the transcript: start, questions and answers, a prompt, a pause, the recording, the end
    key(Qt.Key.Key_T, CTRL)
    panel = page.transcript
    assert QApplication.focusWidget() is panel.question
    key(Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    key(Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "Enregistrement depuis" in panel.recording.text(), timeout=5000)
    type_text(panel.question, "Raconte-moi tout ce qui s'est passé.")
    qtbot.waitUntil(lambda: panel.qtype.currentData() == "invitation", timeout=2000)
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.answer
    type_text(panel.answer, "On allait à l'hôtel près de la gare, avec Karim.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)
    assert QApplication.focusWidget() is panel.question
    key(Qt.Key.Key_E, CTRL)  # « Et ensuite ? », the cursor goes to the answer
    assert panel.question.text() == "Et ensuite ?"
    type_text(panel.answer, "Après il m'a pris mon téléphone.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 3, timeout=5000)
    type_text(panel.question, "Il t'a forcée, n'est-ce pas ?")
    qtbot.waitUntil(lambda: panel.alerts.isVisible(), timeout=2000)
    assert panel.qtype.currentData() == "suggestive"
    assert "Question à queue" in panel.alerts.text()
    key(Qt.Key.Key_Backtab, SHIFT)  # the type: the officer may correct the classifier
    assert QApplication.focusWidget() is panel.qtype
    key(Qt.Key.Key_Up)
    assert panel.qtype.currentData() == "choix"
    type_text(panel.answer, "Oui.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 4, timeout=5000)
    assert panel.model.entries[-1].question_type == "choix"
    # cued prompt from the minor's own words, chosen with the keyboard
    key(Qt.Key.Key_E, CTRL | SHIFT)
    picker = dialog(qtbot, "Parle-moi plus de « … »")
    text = picker.text
    cursor = text.textCursor()
    content = text.toPlainText()
    cursor.setPosition(content.index("hôtel"))
    text.setTextCursor(cursor)
    for _ in range(len("hôtel")):
        QTest.keyClick(text, Qt.Key.Key_Right, SHIFT)
    key(Qt.Key.Key_Return, widget=text)
    assert panel.question.text() == "Parle-moi plus de «\u00a0hôtel\u00a0»."
    qtbot.waitUntil(lambda: panel.qtype.currentData() == "invitation_indicee", timeout=2000)
    type_text(panel.answer, "C'était un petit hôtel.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 5, timeout=5000)
    # pause with a reason, then resumption
    key(Qt.Key.Key_S, CTRL | SHIFT)
    pause = dialog(qtbot, "Suspendre l'audition")
    type_text(pause.reason.lineEdit(), "Besoin de boire")
    key(Qt.Key.Key_Return, widget=pause.reason.lineEdit())
    qtbot.waitUntil(lambda: len(panel.model.entries) == 6, timeout=5000)
    assert panel.model.entries[-1].kind == "pause"
    assert "suspendue" in panel.status.text()
    panel.question.setFocus()
    key(Qt.Key.Key_S, CTRL | SHIFT)
    resume = dialog(qtbot, "Reprendre l'audition")
    key(Qt.Key.Key_Return, widget=resume.reason.lineEdit())
    qtbot.waitUntil(lambda: len(panel.model.entries) == 7, timeout=5000)
    panel.question.setFocus()
    key(Qt.Key.Key_F, CTRL | SHIFT)
    box = dialog(qtbot, "Fin de l'audition")
    key(Qt.Key.Key_Return, widget=box.focusWidget() or box)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 8, timeout=5000)
    assert "terminée" in panel.status.text()
    # the guided form got the pause times from the transcript; finishing checks completeness
    key(Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: wizard.flow.answers.get("pause_faite") is True, timeout=2000)
    key(Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(
        lambda: any(
            w.isVisible() and w.windowTitle() == "Trame complète"
            for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
    main.flush()
    controller.ctx.tasks.wait_idle()
    qtbot.wait(50)
    rid = page.record_id
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        record = s.records.get(rid)
        answers = s.records.answers(rid)
        entries = s.transcript.for_record(rid)
    assert record.status == "termine"
    assert record.current_step == visited[-1]
    assert answers["officier_nom"] == "Brigadier-chef Léa Fabre"
    assert DRAFT_FIELD not in answers
    assert [e.kind for e in entries] == [
        "debut",
        "qr",
        "qr",
        "qr",
        "qr",
        "pause",
        "reprise",
        "fin",
    ]
    assert entries[1].answer == "On allait à l'hôtel près de la gare, avec Karim."
    assert entries[1].recording_offset_ms is not None
    assert entries[5].note == "Besoin de boire"
