"""The entry being typed in the transcript panel: the draft saved at every change, the
question type pre-selected by the core classifier, corrections of a past entry and the
NICHD prompts inserted in the question (a mixin of TranscriptPanel, kept apart to keep the
panel readable)."""

from __future__ import annotations

from desktop.core.hearing.marks import warning_codes
from desktop.core.hearing.transcript import (
    DRAFT_FIELD,
    INTERVIEWER,
    analyse,
    cued_prompt,
    next_prompt,
    now_iso,
)

ANALYSE_LIMIT = 2000  # characters of a question read by the classifier


class EditorMixin:
    """Needs from the panel: ctx, record_id, model, history, question, answer, speaker, qtype,
    alerts, _draft_timer, _analyse_timer, draft_key, _flash, _show_mode, _clear_editor."""

    def _restore_draft(self, draft: dict | None) -> None:
        self._suppress = True
        try:
            draft = draft or {}
            self.question.setPlainText(draft.get("question", ""))
            self.answer.setPlainText(draft.get("answer", ""))
            self._started_at = draft.get("started_at")
            self._editing_id = draft.get("entry_id")
            self._type_manual = bool(draft.get("type_manual"))
            index = self.speaker.findData(draft.get("speaker", INTERVIEWER))
            self.speaker.setCurrentIndex(max(0, index))
            self.qtype.setCurrentIndex(max(0, self.qtype.findData(draft.get("question_type", ""))))
            self._show_mode()
        finally:
            self._suppress = False
        self._analyse()

    # -- typing ----------------------------------------------------------------------------------
    def _question_changed(self) -> None:
        if self._suppress:
            return
        self._analyse_timer.start()
        self._changed()

    def _changed(self) -> None:
        if self._suppress:
            return
        if self._started_at is None and (self.question.text() or self.answer.text()):
            self._started_at = now_iso()
        self._draft_pending = True
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    def _type_chosen(self, _index: int) -> None:
        self._type_manual = True
        self._changed()

    def _analyse(self) -> None:
        text = self.question.text()[:ANALYSE_LIMIT]
        editing = self._entry(self._editing_id) if self._editing_id is not None else None
        asked = self.history.asked_before(editing.question if editing is not None else None)
        result = analyse(text, self.history.said, asked=asked)
        if not self._type_manual:
            before = self.qtype.currentData()
            self.qtype.setCurrentIndex(max(0, self.qtype.findData(result.question_type)))
            if before != result.question_type and not self._suppress:
                self._changed()  # the draft keeps the pre-selected type too
        self._alert_codes = warning_codes(result.alerts)  # kept with the entry (issue 13)
        messages = [a.message for a in result.alerts]
        self.alerts.setText("\n".join(f"⚠ {m}" for m in messages))
        self.alerts.setVisible(bool(messages))

    def _draft(self) -> dict:
        return {
            "speaker": self.speaker.currentData(),
            "question_type": self.qtype.currentData(),
            "type_manual": self._type_manual,
            "question": self.question.text(),
            "answer": self.answer.text(),
            "started_at": self._started_at,
            "entry_id": self._editing_id,
        }

    def _save_draft(self) -> None:
        if not self._draft_pending:
            return
        self._draft_pending = False
        draft = self._draft()
        empty = not (draft["question"] or draft["answer"]) and draft["entry_id"] is None
        value = None if empty else draft
        rid = self.record_id
        self.ctx.saver.save(self.draft_key, lambda s: s.records.set_answer(rid, DRAFT_FIELD, value))

    def flush(self) -> None:
        """Send what is being typed now (before a lock, a page change or quitting)."""
        self._draft_timer.stop()
        self._save_draft()

    # -- corrections -----------------------------------------------------------------------------
    def _entry(self, entry_id: int | None):
        return next((e for e in self.model.entries if e.id == entry_id), None)

    def edit_entry(self, row: int) -> None:
        if self.read_only:
            return
        if not 0 <= row < len(self.model.entries):
            return
        entry = self.model.entries[row]
        if entry.kind != "qr" or self.model._voided(entry):
            return
        if self.question.text() or self.answer.text():
            if self._editing_id is None:
                self._flash("Validez d'abord l'entrée en cours (Ctrl+Entrée).")
                return
        self._restore_draft(
            {
                "speaker": entry.speaker,
                "question_type": entry.question_type,
                "type_manual": True,
                "question": entry.question,
                "answer": entry.answer,
                "started_at": entry.wall_time,
                "entry_id": entry.id,
            }
        )
        self._draft_pending = True
        self._save_draft()
        self.focus_question()

    def cancel_edit(self) -> None:
        if self._editing_id is None:
            return
        self._clear_editor()
        self._draft_pending = True
        self._save_draft()
        self.focus_question()

    # -- prompts ---------------------------------------------------------------------------------
    def focus_question(self) -> None:
        self.question.setFocus()
        cursor = self.question.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.question.setTextCursor(cursor)

    def _insert_question(self, text: str) -> None:
        if self.question.text().strip():
            self.question.moveCursor(self.question.textCursor().MoveOperation.End)
            self.question.insertPlainText(" " + text)
        else:
            self.question.setPlainText(text)
        self.answer.setFocus()

    def prompt_next(self) -> None:
        self._insert_question(next_prompt())

    def prompt_more(self) -> None:
        words = self.answer.textCursor().selectedText().strip()
        if words:
            self._insert_question(cued_prompt(words))
            return
        from desktop.ui.transcript.dialogs import CuePicker

        answers = [e.answer for e in self.model.entries if e.kind == "qr" and e.answer.strip()]
        if not answers:
            self._flash("Le mineur n'a encore rien dit : pas de mots à reprendre.")
            return
        picker = CuePicker(answers, self)
        picker.chosen.connect(lambda w: self._insert_question(cued_prompt(w)))
        picker.open()
