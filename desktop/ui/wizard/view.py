"""The guided form: steps beside, one step's fields, Next / Back driven by the core WizardFlow.

Every change is saved at once through the worker (answers, then the current step), so a
crash, a lock or a restart resumes on the same step with the same answers. Navigation
never blocks; finishing lists what is missing, in French.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolButton,
    QWidget,
)

from desktop.core.formspec import WizardFlow
from desktop.core.pv.binding import save_answer
from desktop.ui.signing.after_signature import StaleBanner
from desktop.ui.widgets import (
    MUTED_STYLE,
    button,
    hbox,
    make_action,
    title,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)
from desktop.ui.wizard.fields import FieldEnv, FieldRow, RepeatEditor

STATE_MARK = {"complete": "✓", "incomplete": "○", "not_applicable": "–"}
STATE_TEXT = {
    "complete": "complète",
    "incomplete": "à compléter",
    "not_applicable": "sans objet",
}
PHASES = {
    "preparation": "Préparation",
    "droits": "Droits",
    "evaluation": "Évaluation",
    "nichd_pre_declaratif": "NICHD — phase pré-déclarative",
    "nichd_declaratif": "NICHD — phase déclarative",
    "themes": "Blocs thématiques",
    "cloture": "Clôture",
    "nichd_cloture": "NICHD — clôture",
    "signature": "Signatures",
}


class WizardView(QWidget):
    loaded = Signal()
    finished = Signal()

    def __init__(self, ctx, record_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.setObjectName("wizard")
        self.flow: WizardFlow | None = None
        self.spec = None
        self.record = None
        self.env = FieldEnv()
        self.rows: dict[str, FieldRow] = {}
        self.stale_banner = None
        self.visited: set[str] = set()
        self.help_visible = True

        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMinimumWidth(250)
        self.steps.setMaximumWidth(340)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setToolTip("Entrée : aller à l'étape sélectionnée (F6 : liste des étapes)")
        self.steps.itemActivated.connect(self._step_activated)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("step_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.step_title = title("", 15)
        self.step_title.setObjectName("step_title")
        self.phase = label("", MUTED_STYLE)
        self.help_toggle = QToolButton()
        self.help_toggle.setText("Masquer l'aide et les scripts")
        self.help_toggle.setToolTip("Afficher ou masquer l'aide et les scripts (F4)")
        self.help_toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.help_toggle.clicked.connect(self.toggle_help)
        make_action(
            self,
            "Aide et scripts",
            self.toggle_help,
            "F4",
            "Afficher ou masquer l'aide et les scripts",
        )
        make_action(
            self, "Liste des étapes", self.steps.setFocus, "F6", "Aller à la liste des étapes"
        )
        self.step_help = label("", MUTED_STYLE)
        self.step_scripts = label("", "color: #1f3f6f; font-style: italic;")
        self.step_scripts.setObjectName("step_scripts")
        self.prev_button = button(
            "← Étape précédente", self.previous, "Ctrl+PgUp", "Étape précédente"
        )
        self.prev_button.setObjectName("previous_step")
        self.next_button = button("Étape suivante →", self.next, "Ctrl+PgDown", "Étape suivante")
        self.next_button.setObjectName("next_step")
        self.finish_button = button(
            "Terminer…", self.finish, "Ctrl+Shift+T", "Vérifier que la trame est complète"
        )
        self.finish_button.setObjectName("finish")
        self.progress = label("", MUTED_STYLE, wrap=False)
        self.progress.setObjectName("progress")
        self.header = QWidget()
        self.header.setLayout(
            vbox(
                hbox(self.step_title, None, self.help_toggle),
                self.phase,
                self.step_help,
                self.step_scripts,
                spacing=4,
            )
        )
        center = QWidget()
        center.setLayout(
            vbox(
                self.header,
                self.scroll,
                hbox(
                    self.prev_button,
                    None,
                    self.progress,
                    None,
                    self.finish_button,
                    self.next_button,
                ),
                spacing=8,
            )
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(center)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setLayout(vbox(splitter))
        self._states_timer = QTimer(self)
        self._states_timer.setSingleShot(True)
        self._states_timer.setInterval(150)
        self._states_timer.timeout.connect(self._refresh_steps)
        self._set_enabled(False)
        self.reload()

    # -- loading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        rid = self.record_id
        ctx = self.ctx

        def job(s):
            record = s.records.get(rid)
            spec = ctx.form(record.form_id)
            return record, spec, s.records.answers(rid), s.persons.for_case(record.case_id)

        self.ctx.tasks.op(job, parent=self).success(self._loaded).run()

    def _loaded(self, value) -> None:
        self.record, self.spec, answers, persons = value
        self.env = FieldEnv(persons=persons)
        form_answers = {k: v for k, v in answers.items() if self.spec.has_field(k)}
        self.flow = WizardFlow(self.spec, form_answers, current=self.record.current_step)
        self.visited = set()
        self._set_enabled(True)
        self._show_step()
        self.loaded.emit()

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.prev_button, self.next_button, self.finish_button, self.steps):
            w.setEnabled(enabled)

    # -- steps -----------------------------------------------------------------------------------
    def _refresh_steps(self) -> None:
        flow = self.flow
        if flow is None:
            return
        states = flow.states()
        self.steps.blockSignals(True)
        self.steps.clear()
        current_row = 0
        phase = None
        for step in self.spec.steps:
            if step.phase != phase and step.phase:
                phase = step.phase
                header = QListWidgetItem(PHASES.get(phase, phase.replace("_", " ")))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.steps.addItem(header)
            state = states[step.id]
            item = QListWidgetItem(f"{STATE_MARK[state]}  {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setToolTip(f"{step.title} : {STATE_TEXT[state]}")
            if state == "not_applicable":
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setForeground(Qt.GlobalColor.gray)
            self.steps.addItem(item)
            if step.id == flow.current:
                current_row = self.steps.count() - 1
                font = item.font()
                font.setBold(True)
                item.setFont(font)
        self.steps.setCurrentRow(current_row)
        self.steps.blockSignals(False)
        done, total = flow.progress()
        visible = [s.id for s in flow.visible_steps()]
        position = visible.index(flow.current) + 1 if flow.current in visible else 0
        self.progress.setText(
            f"Étape {position} sur {total} · {done} complète{'s' if done > 1 else ''}"
        )
        self.prev_button.setEnabled(not flow.is_first)
        self.next_button.setEnabled(not flow.is_last)

    def _step_activated(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if step_id and self.flow.is_step_visible(step_id):
            self.goto(step_id)

    def goto(self, step_id: str) -> None:
        self.flush()
        self.visited.add(self.flow.current)
        self.flow.goto(step_id)
        self._save_step()
        self._show_step()

    def next(self) -> None:
        if self.flow is None or self.flow.is_last:
            return
        self.flush()
        self.visited.add(self.flow.current)
        self.flow.next()
        self._save_step()
        self._show_step()

    def previous(self) -> None:
        if self.flow is None or self.flow.is_first:
            return
        self.flush()
        self.visited.add(self.flow.current)
        self.flow.previous()
        self._save_step()
        self._show_step()

    def _save_step(self) -> None:
        rid, step = self.record_id, self.flow.current
        self.ctx.saver.save(("step", rid), lambda s: s.records.set_current_step(rid, step))

    # -- the current step ------------------------------------------------------------------------
    def _show_step(self) -> None:
        step = self.spec.step(self.flow.current)
        self.step_title.setText(step.title)
        self.phase.setText(PHASES.get(step.phase, ""))
        self.phase.setVisible(bool(step.phase))
        self.step_help.setText(step.help)
        self.step_scripts.setText("\n".join(f"«\u00a0{p}\u00a0»" for p in step.prompts))
        page = QWidget()
        page.setObjectName(f"step_{step.id}")
        layout = vbox(spacing=14, margin=4)
        self.rows = {}
        self.stale_banner = None  # issue 16: stale signatures, on the signing step
        if StaleBanner.watches(step.fields):
            self.stale_banner = StaleBanner(self.ctx, self.record_id, page)
            layout.addWidget(self.stale_banner.label)
        for f in step.fields:
            row = FieldRow(f, self.env)
            self.rows[f.id] = row
            if f.type not in ("computed", "info"):
                row.editor.set_value(self.flow.answers.get(f.id))
                row.editor.changed.connect(lambda fid=f.id: self._changed(fid))
            elif f.type == "info":
                row.editor.setText(f.help)
                row.help.setVisible(False)
            layout.addWidget(row)
        if not step.fields:
            layout.addWidget(label("Cette étape ne demande aucune saisie.", MUTED_STYLE))
        layout.addStretch(1)
        page.setLayout(layout)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        self._apply_help()
        self._refresh_fields(show_required=step.id in self.visited)
        self._refresh_steps()
        self.scroll.verticalScrollBar().setValue(0)
        self.focus_first_field()

    def focus_first_field(self) -> None:
        for row in self.rows.values():
            if row.isVisibleTo(self.scroll.widget()) and row.f.type not in ("computed", "info"):
                row.editor.setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.next_button.setFocus()

    def _changed(self, field_id: str) -> None:
        row = self.rows.get(field_id)
        if row is None or self.flow is None:
            return
        value = row.editor.value()
        self.flow.set_answer(field_id, value)
        rid = self.record_id
        # save_answer binds a signature to the text it approves (issue 16), else set_answer
        self.ctx.saver.save(
            ("answer", rid, field_id), lambda s: save_answer(s, rid, field_id, value)
        )
        self._refresh_fields(show_required=self.flow.current in self.visited, typing=field_id)
        self._states_timer.start()
        if self.stale_banner is not None:
            self.stale_banner.refresh()

    def set_answer_if_empty(self, field_id: str, value) -> None:
        """Fill a field from elsewhere (the transcript's start and end times)."""
        if self.flow is None or not self.spec.has_field(field_id):
            return
        if self.flow.answers.get(field_id) not in (None, ""):
            return
        self.flow.set_answer(field_id, value)
        rid = self.record_id
        self.ctx.saver.save(
            ("answer", rid, field_id), lambda s: s.records.set_answer(rid, field_id, value)
        )
        row = self.rows.get(field_id)
        if row is not None and row.f.type not in ("computed", "info"):
            row.editor.set_value(value)
        self._refresh_fields(show_required=self.flow.current in self.visited)
        self._states_timer.start()

    def _refresh_fields(self, show_required: bool, typing: str | None = None) -> None:
        flow = self.flow
        step_id = flow.current
        for fid, row in self.rows.items():
            row.setVisible(flow.is_visible(fid))
            if row.f.type == "computed":
                row.set_computed(flow.value(fid))
            if isinstance(row.editor, RepeatEditor):
                rows = flow.answers.get(fid) or []
                shown = [{f.id for f in flow.row_visible_fields(fid, i)} for i in range(len(rows))]
                row.editor.set_row_visibility(shown)
        messages: dict[str, list[str]] = {}
        for error in flow.errors(step_id, include_required=show_required):
            messages.setdefault(error.field_id, []).append(error.message)
        for fid, row in self.rows.items():
            parse = getattr(row.editor, "parse_message", None)
            specific = parse() if callable(parse) else None
            if fid == typing and specific:
                row.show_error(None)  # still typing: the message comes when the field is left
                continue
            if specific:
                row.show_error(specific)
                continue
            row.show_error("\n".join(dict.fromkeys(messages.get(fid, []))) or None)

    def toggle_help(self) -> None:
        self.help_visible = not self.help_visible
        self._apply_help()

    def _apply_help(self) -> None:
        visible = self.help_visible
        step = self.spec.step(self.flow.current) if self.flow else None
        self.step_help.setVisible(visible and bool(step and step.help))
        self.step_scripts.setVisible(visible and bool(step and step.prompts))
        for row in self.rows.values():
            row.set_help_visible(visible)
        self.help_toggle.setText(
            "Masquer l'aide et les scripts" if visible else "Afficher l'aide et les scripts"
        )

    # -- end -------------------------------------------------------------------------------------
    def flush(self) -> None:
        focused = self.focusWidget()
        if focused is not None and hasattr(focused, "editingFinished"):
            pass  # LineEditors save on each keystroke already
        self.ctx.saver.flush()

    def finish(self) -> None:
        if self.flow is None:
            return
        self.flush()
        self.visited.add(self.flow.current)
        missing = self.flow.missing()
        if missing:
            lines = [f"– {self.spec.step(m.step_id).title} : {m.message}" for m in missing[:12]]
            if len(missing) > 12:
                lines.append(f"– … et {len(missing) - 12} autre(s) point(s).")
            box = QMessageBox(
                QMessageBox.Icon.Information,
                "Trame incomplète",
                "La trame n'est pas complète. Tout est enregistré ; vous pouvez y revenir.\n\n"
                + "\n".join(lines),
                QMessageBox.StandardButton.Ok,
                self,
            )
            go = box.addButton("Aller au premier point", QMessageBox.ButtonRole.AcceptRole)
            box.button(QMessageBox.StandardButton.Ok).setText("Fermer")
            first = missing[0].step_id
            go.clicked.connect(lambda: self.goto(first))
            box.setDefaultButton(go)
            box.open()
            self._refresh_fields(show_required=True)
            return
        rid = self.record_id
        self.ctx.saver.save(
            ("status", rid),
            lambda s: s.records.set_status(rid, "termine"),
            on_saved=lambda _v: self._finished(),
        )

    def _finished(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Trame complète",
            "La trame de l'audition est complète et enregistrée.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        self.finished.emit()
