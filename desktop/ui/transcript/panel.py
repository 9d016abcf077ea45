"""The live question / answer transcript of a hearing.

Keyboard first: Question → Tab → Réponse → Ctrl+Entrée validates the entry and comes back
to Question. The entry being typed is saved at every change as a draft
(answers[DRAFT_FIELD]); validating appends the entry and clears the draft in one
transaction, so a crash never loses nor duplicates it. The question type is pre-selected by
the core classifier and can always be changed; warnings never block.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSplitter,
    QTableView,
    QWidget,
)

from desktop.core.hearing.corrections import correct_entry
from desktop.core.hearing.history import History
from desktop.core.hearing.transcript import (
    DRAFT_FIELD,
    INTERVIEWER,
    MINOR,
    RECORDING_START,
    next_prompt,
    now_iso,
    offset_ms,
    question_types,
    speakers,
)
from desktop.core.pv.binding import note_edit_after_signature
from desktop.ui.models.transcript import ANSWER, PHASE, QUESTION, TranscriptModel
from desktop.ui.signing import after_signature
from desktop.ui.transcript import voiding
from desktop.ui.transcript.editor import EditorMixin
from desktop.ui.transcript.locking import LockMixin
from desktop.ui.transcript.recording import RecordingMixin
from desktop.ui.transcript.timeline import SEALED_NOTICE, TimelineMixin
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    WARNING_STYLE,
    LongTextEdit,
    button,
    hbox,
    make_action,
    plain_text,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)

EMPTY_ANSWER = (
    "La réponse est vide : tapez-la, ou « (silence) » si le mineur ne répond pas. "
    "Rien n'a été enregistré."
)


class TextBox(LongTextEdit):
    """A multi-line field where Tab moves on and Ctrl+Entrée belongs to the panel."""

    def __init__(self, name: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        self.setAccessibleName(placeholder)

    def text(self) -> str:
        return plain_text(self)


class TranscriptPanel(EditorMixin, TimelineMixin, RecordingMixin, LockMixin, QWidget):
    entry_saved = Signal(object)  # TranscriptEntry, once committed

    def __init__(self, ctx, record_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.setObjectName("transcript_panel")
        self.meta: dict = {}
        self.loaded = False
        self.history = History()  # what was said and asked so far, kept entry by entry
        self._started_at: str | None = None
        self._editing_id: int | None = None
        self._type_manual = False
        self._draft_pending = False
        self._suppress = False
        self.draft_key = ("draft", record_id, DRAFT_FIELD)
        self.read_only = False  # the PV is sealed: shown, never changed (set_read_only)

        # header: state, duration, recording, timeline buttons
        self.status = label("", wrap=False)
        self.status.setObjectName("transcript_status")
        self.duration_alert = label("", WARNING_STYLE)
        self.duration_alert.setObjectName("duration_alert")
        self.duration_alert.setVisible(False)
        self.recording = label("", MUTED_STYLE, wrap=False)
        self.recording.setObjectName("recording_label")
        self.start_button = button(
            "Début de l'audition",
            self.start_hearing,
            "Ctrl+Shift+D",
            "Noter le début de l'audition",
        )
        self.record_button = button("Début de l'enregistrement", self.recording_mark)
        self.record_button.setObjectName("record_button")
        self.pause_button = button(
            "Suspendre…", self.toggle_pause, "Ctrl+Shift+S", "Suspendre ou reprendre l'audition"
        )
        self.pause_button.setObjectName("pause_button")
        self.end_button = button(
            "Fin de l'audition…", self.end_hearing, "Ctrl+Shift+F", "Noter la fin de l'audition"
        )

        # history
        self.model = TranscriptModel(self)
        self.table = QTableView()
        self.table.setObjectName("transcript_table")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setToolTip("Entrée : corriger l'entrée sélectionnée")
        header = self.table.horizontalHeader()
        for col, width in ((0, 38), (1, 70), (2, 70), (3, 40), (4, 130), (PHASE, 120)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(QUESTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ANSWER, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda index: self.edit_entry(index.row()))
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(100)
        self._rows_timer.timeout.connect(self._resize_all_visible)
        header.sectionResized.connect(lambda *_a: self._rows_timer.start())
        # Rows are sized when they come into view, not all at opening (a 5,000-entry hearing
        # took 2 s to size every row).
        self._sized: set[int] = set()
        self._to_latest = False  # loaded while hidden: show the latest entries once shown
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self._size_visible_rows())

        # editor
        self.speaker = QComboBox()
        self.speaker.setObjectName("speaker")
        for code, (letter, text) in speakers().items():
            if code != MINOR:
                self.speaker.addItem(f"{letter} — {text}", code)
        self.speaker.setToolTip("Qui pose la question")
        self.qtype = QComboBox()
        self.qtype.setObjectName("question_type")
        self.qtype.addItem("Non classée", "")
        for code, text in question_types().items():
            self.qtype.addItem(text, code)
        self.qtype.setToolTip(
            "Type de question, proposé d'après le texte ; modifiable à tout moment"
        )
        self.qtype.activated.connect(self._type_chosen)
        self.speaker.activated.connect(lambda _i: self._changed())
        self.question = TextBox("question", "Question posée")
        self.question.setMaximumHeight(80)
        self.answer = TextBox("answer", "Réponse, mot pour mot")
        for box in (self.question, self.answer):
            box.refused.connect(self._flash)  # a paste too long for the vault
        self.alerts = label("", WARNING_STYLE)
        self.alerts.setObjectName("alerts")
        self.alerts.setVisible(False)
        self.mode = label("", MUTED_STYLE)
        self.mode.setObjectName("editor_mode")
        self.mode.setVisible(False)
        self.next_button = button(next_prompt(), self.prompt_next, "Ctrl+E", "Relance ouverte")
        self.more_button = button(
            "Parle-moi plus de « … »",
            self.prompt_more,
            "Ctrl+Shift+E",
            "Relance sur les mots du mineur (sélectionnez-les dans une réponse)",
        )
        self.validate_button = button(
            "Valider l'entrée",
            self.validate,
            "Ctrl+Return",
            "Enregistrer la question et la réponse",
        )
        self.validate_button.setObjectName("validate_entry")
        self.validate_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # no Tab + Espace save
        enter = make_action(self, "Valider l'entrée", self.validate, "Ctrl+Enter")
        enter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel = make_action(self, "Annuler la correction", self.cancel_edit, "Escape")
        cancel.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        make_action(
            self,
            "Aller à la question",
            self.focus_question,
            "Ctrl+Shift+Q",
            "Placer le curseur dans la question",
        ).setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._install_recording()  # Ctrl+Maj+R: start, end, resumption of the recording
        self._alert_codes = ""
        self.observation_action = make_action(
            self,
            "Observation de l'enquêteur…",
            self.add_observation,
            "Ctrl+Shift+O",
            "Noter une observation (silence, pleurs, geste) : imprimée entre crochets au PV",
        )
        self.observation_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._menu_extra = [self.observation_action]
        make_action(
            self,
            "Aller à l'historique",
            self.table.setFocus,
            "Ctrl+Shift+H",
            "Parcourir les entrées déjà validées",
        ).setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.question.textChanged.connect(self._question_changed)
        self.answer.textChanged.connect(self._changed)
        voiding.install(self)

        editor = QWidget()
        editor.setLayout(
            vbox(
                self.mode,
                hbox(
                    label("Locuteur :", wrap=False),
                    self.speaker,
                    8,
                    label("Type :", wrap=False),
                    self.qtype,
                    None,
                    self.next_button,
                    self.more_button,
                ),
                self.question,
                self.alerts,
                self.answer,
                hbox(None, self.validate_button),
                spacing=6,
            )
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.setLayout(
            vbox(
                hbox(
                    self.status,
                    12,
                    self.recording,
                    None,
                    self.start_button,
                    self.record_button,
                    self.pause_button,
                    self.end_button,
                ),
                self.duration_alert,
                splitter,
                spacing=6,
            )
        )
        # After the layout (reparenting resets the chain). Question -> Tab -> Réponse; Maj+Tab from the question reaches the type, then the
        # speaker.
        QWidget.setTabOrder(self.speaker, self.qtype)
        QWidget.setTabOrder(self.qtype, self.question)
        QWidget.setTabOrder(self.question, self.answer)
        QWidget.setTabOrder(self.answer, self.validate_button)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(0)
        self._draft_timer.timeout.connect(self._save_draft)
        self._analyse_timer = QTimer(self)
        self._analyse_timer.setSingleShot(True)
        self._analyse_timer.setInterval(120)
        self._analyse_timer.timeout.connect(self._analyse)
        self._set_enabled(False)
        # issue 16: once the person heard has signed, a change asks for a reason
        self.heard_signed, self.signers = False, ()
        self.ask_reason = lambda: after_signature.ask_reason(self, self.signers)
        ctx.events.locked.connect(self._forget)  # issue 15: no statement kept while locked
        ctx.events.unlocked.connect(self._refill)
        self.reload()

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        rid = self.record_id

        def job(s):
            record = s.records.get(rid)
            entries = s.transcript.for_record(rid)
            return (
                record.meta,
                entries,
                s.records.answers(rid).get(DRAFT_FIELD),
                History.from_entries(entries),  # folds every entry once, off the UI thread
            )

        self.ctx.tasks.op(job, parent=self).success(self._loaded).run()
        after_signature.refresh_signed(self.ctx, rid, self, self._set_heard_signed)

    def _set_heard_signed(self, signers) -> None:
        self.signers = tuple(signers or ())  # who holds a valid signature (issue 16)
        self.heard_signed = bool(self.signers)

    def _loaded(self, value) -> None:
        self.meta, entries, draft, self.history = value
        self.model.set_meta(self.meta)
        self.model.set_entries(entries)
        self._sized.clear()
        self._show_latest()
        # a hidden table (the hearing opens on the guided steps) has no viewport to scroll:
        # done when it is shown, so « Reprendre » lands on the latest entries
        self._to_latest = not self.table.isVisible()
        self._restore_draft(draft)
        self.loaded = True
        self._set_enabled(True)
        self._tick()

    def _size_visible_rows(self) -> None:
        """Fit the height of the rows in view to their text (each row once per width)."""
        rows = len(self.model.entries)
        if not rows:
            return
        viewport = self.table.viewport()
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(viewport.height() - 1)
        last = rows - 1 if last < 0 else last
        for row in range(first, min(last + 8, rows)):  # a few beyond, for smooth scrolling
            if row not in self._sized:
                self._sized.add(row)
                self.table.resizeRowToContents(row)

    def _resize_all_visible(self) -> None:
        """After a column width changed: rows sized before must be sized again."""
        self._sized.clear()
        if self._to_latest:
            self._to_latest = False
            self._show_latest()
        self._size_visible_rows()

    def _show_latest(self) -> None:
        """Size the last rows, as many as fill the view (at its current column widths), then
        scroll to the bottom: rows sized while the table was hidden, at other widths, would
        otherwise show as tall blank bands."""
        height, row = 0, len(self.model.entries) - 1
        while row >= 0 and height < self.table.viewport().height():
            if row not in self._sized:
                self._sized.add(row)
                self.table.resizeRowToContents(row)
            height += self.table.rowHeight(row)
            row -= 1
        self.table.scrollToBottom()

    # -- validating ------------------------------------------------------------------------------
    def validate(self) -> None:
        if not self.loaded:
            return
        if self.read_only:
            self._flash(SEALED_NOTICE)
            return
        question, answer = self.question.text(), self.answer.text()
        if not question.strip() and not answer.strip():
            self._flash("Rien à enregistrer : saisissez une question ou une réponse.")
            return
        if question.strip() and not answer.strip():  # never a question saved without answer
            self._flash(EMPTY_ANSWER)
            self.answer.setFocus()
            return
        if self._analyse_timer.isActive():  # typed fast: classify now, not 120 ms later
            self._analyse_timer.stop()
            self._analyse()
        self._draft_timer.stop()
        self._draft_pending = False
        self.ctx.saver.discard(self.draft_key)  # superseded: the job below clears the draft
        reason = None
        if self.heard_signed:  # issue 16: the text was signed, say why it changes
            reason = self.ask_reason()
            if not reason:
                self._flash("Rien n'est modifié : la personne entendue a signé ce texte.")
                return
        rid = self.record_id
        speaker = self.speaker.currentData()
        qtype = self.qtype.currentData()
        editing = self._editing_id
        wall = self._started_at or now_iso()
        offset = offset_ms(wall, self.meta.get(RECORDING_START))
        phase, warnings = self.phase_id, self._alert_codes  # issue 13: codes only, no text

        def job(s):
            with s.cases_db.transaction():
                if reason:
                    what = f"transcription {editing or 'nouvelle entrée'}"
                    note_edit_after_signature(s, rid, reason, what)
                if editing is None:
                    entry = s.transcript.append(
                        rid,
                        "qr",
                        speaker=speaker,
                        question_type=qtype,
                        question=question,
                        answer=answer,
                        wall_time=wall,
                        recording_offset_ms=offset,
                        phase=phase,
                        warnings=warnings,
                    )
                else:  # M3: the replaced text is kept (desktop.core.hearing.corrections)
                    entry = correct_entry(
                        s,
                        editing,
                        speaker=speaker,
                        question_type=qtype,
                        question=question,
                        answer=answer,
                    )
                s.records.set_answer(rid, DRAFT_FIELD, None)
            return entry, (s.records.get(rid).meta if editing is not None else None)

        self.ctx.saver.save(
            None, job, on_saved=lambda v, new=editing is None: self._stored(v[0], new, v[1])
        )
        self._clear_editor()
        self.focus_question()
        if reason:
            self._flash(after_signature.STALE_NOTICE)
            after_signature.refresh_signed(self.ctx, rid, self, self._set_heard_signed)

    def _stored(self, entry, new: bool, meta: dict | None = None) -> None:
        if meta is not None:  # a correction: the model shows it as rectified
            self.meta = meta
            self.model.set_meta(meta)
        if new:
            self.model.append(entry)
            self.history.add(entry)
            row = len(self.model.entries) - 1
            self._sized.add(row)
            self.table.resizeRowToContents(row)
            self.table.scrollToBottom()
        else:
            old = self._entry(entry.id)
            self.model.replace(entry)
            self._timeline_cache = None  # a corrected entry may shape the timeline
            if old is not None:
                self.history.replace(old, entry)
            else:
                self.history.add(entry)
        self._tick()
        self.entry_saved.emit(entry)

    def _clear_editor(self) -> None:
        self._suppress = True
        try:
            self.question.clear()
            self.answer.clear()
            self._started_at = None
            self._editing_id = None
            self._type_manual = False
            self.qtype.setCurrentIndex(0)
            self.speaker.setCurrentIndex(max(0, self.speaker.findData(INTERVIEWER)))
            self.alerts.setVisible(False)
            self._show_mode()
        finally:
            self._suppress = False

    def _flash(self, text: str) -> None:
        self.mode.setStyleSheet(ERROR_STYLE)
        self.mode.setText(text)
        self.mode.setVisible(True)
        QTimer.singleShot(4000, self._show_mode)

    def _show_mode(self) -> None:
        self.mode.setStyleSheet(MUTED_STYLE)
        if self._editing_id is not None:
            entry = self._entry(self._editing_id)
            seq = entry.seq if entry else "?"
            self.mode.setText(
                f"Correction de l'entrée n° {seq} — Ctrl+Entrée pour enregistrer, "
                "Échap pour annuler."
            )
            self.mode.setVisible(True)
        else:
            self.mode.setVisible(False)

    def add_observation(self) -> None:
        """The officer's own observation: a separate entry, never inside the minor's answer."""
        if not self.loaded or self.timeline().started is None:
            self._flash("L'audition n'a pas commencé : notez d'abord son début (Ctrl+Maj+D).")
            return
        from desktop.ui.transcript.dialogs import ObservationDialog

        dialog = ObservationDialog(self)
        dialog.chosen.connect(lambda text: self._event("observation", text))
        dialog.open()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._rows_timer.start()  # row heights depend on the column widths, known once shown
        if self.loaded:  # the signature may have been given on another page meanwhile
            after_signature.refresh_signed(self.ctx, self.record_id, self, self._set_heard_signed)

    def set_read_only(self) -> None:
        """The hearing's PV is sealed: nothing typed, no event, no correction any more."""
        self.read_only = True
        self._set_enabled(False)
        if self.loaded:
            self._tick()

    def _set_enabled(self, enabled: bool) -> None:
        enabled = enabled and not self.read_only
        for w in (self.question, self.answer, self.speaker, self.qtype, self.validate_button):
            w.setEnabled(enabled)
