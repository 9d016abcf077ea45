"""The one step-form view: steps beside (with their phases), one step's fields, Back / Next.

Used by the hearing (desktop.ui.wizard.hearing_page), the UAPED and UMJ checklists. What to
show is decided by the core WizardFlow: step states, visited steps, the errors to show, and
finishing (`WizardFlow.finish`). This view only draws it and saves what the user changes:

- every change is saved at once through the worker (`ctx.saver`), answers then the current
  step and the visited steps, so a crash or a lock resumes on the same step;
- navigation never blocks; finishing lists what is missing, in French;
- `area="medical"` reads and writes `s.medical_records` (doctors only), `"case"` `s.records`.

Hooks for the medical screens: `make_editor(field, env)` may return a widget replacing the
editor of a field; `extra_checks(answers)` adds issues (`.field`, `.message`) to the form's
own messages; `step_extras[step_id]()` adds a widget under a step's fields.
"""

from __future__ import annotations

from collections.abc import Callable

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

from desktop.core.formspec import VISITED_KEY, IncompleteForm, WizardFlow
from desktop.core.pv.binding import save_answer
from desktop.core.records.signed_edits import save_answer_with_reason
from desktop.ui.forms.fields import FieldEnv, FieldRow, RepeatEditor, WheelGuard
from desktop.ui.forms.locking import FormLockMixin
from desktop.ui.forms.signed import SignedGuard
from desktop.ui.signing.after_signature import StaleBanner
from desktop.ui.widgets import MUTED_STYLE, button, hbox, make_action, title, vbox
from desktop.ui.widgets import fr_label as label

STATE_MARK = {"complete": "✓", "incomplete": "○", "not_applicable": "–"}
STATE_TEXT = {"complete": "complète", "incomplete": "à compléter", "not_applicable": "sans objet"}
NO_INPUT = {"computed", "info"}


class StepFormView(FormLockMixin, QWidget):
    """Shows and saves one record's form. `answers_changed(dict)` fires after each change;
    `finished` after a complete form was marked « terminé » (`finish`: the titles of the
    « incomplete » and « complete » boxes and the text of the latter; None: no Terminer button)."""

    loaded = Signal()
    finished = Signal()
    answers_changed = Signal(dict)
    read_only = False  # set by the hearing page once its PV is sealed: nothing is saved
    step_shown = Signal(object)  # the Step now shown (its phase and prompts feed the script panel)

    def __init__(
        self,
        ctx,
        record_id: int,
        *,
        area: str = "case",
        clock: Callable | None = None,
        finish: tuple[str, str, str] | None = None,
        help_toggle: bool = False,
        make_editor: Callable[[object, FieldEnv], QWidget | None] | None = None,
        extra_checks: Callable[[dict], list] | None = None,
        step_extras: dict[str, Callable[[], QWidget]] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx, self.record_id, self.area, self.clock = ctx, record_id, area, clock
        self.finish_texts = finish  # (incomplete title, complete title, complete text)
        self.make_editor = make_editor
        self.extra_checks = extra_checks
        self.step_extras = step_extras or {}
        self.flow: WizardFlow | None = None
        self.spec = None
        self.record = None
        self.env = FieldEnv()
        self.rows: dict[str, FieldRow] = {}
        self.stale_banner = None
        self.signed = SignedGuard(self)  # issue 16: a signed text's answers ask a reason
        self.help_visible = True
        self.wheel = WheelGuard(self)

        self.steps = QListWidget()
        self.steps.setObjectName("steps")
        self.steps.setMinimumWidth(240)
        self.steps.setMaximumWidth(330)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setToolTip("Entrée : aller à l'étape sélectionnée (F6 : liste des étapes)")
        self.steps.itemActivated.connect(self._step_activated)
        self.steps.itemClicked.connect(self._step_activated)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("step_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.step_title = title("", 15)
        self.step_title.setObjectName("step_title")
        self.phase = label("", MUTED_STYLE)
        self.phase.setObjectName("step_phase")
        self.step_help = label("", MUTED_STYLE)
        self.step_scripts = label("", "color: #1f3f6f; font-style: italic;")
        self.step_scripts.setObjectName("step_scripts")
        make_action(
            self, "Liste des étapes", self.steps.setFocus, "F6", "Aller à la liste des étapes"
        )
        heading = [self.step_title, None]
        self.help_toggle = None
        if help_toggle:
            self.help_toggle = QToolButton()
            self.help_toggle.setToolTip("Afficher ou masquer l'aide et les scripts (F4)")
            self.help_toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.help_toggle.clicked.connect(self.toggle_help)
            make_action(self, "Aide et scripts", self._f4, "F4", self.help_toggle.toolTip())
            heading.append(self.help_toggle)
        self.prev_button = button(
            "← Étape précédente", self.previous, "Ctrl+PgUp", "Étape précédente"
        )
        self.prev_button.setObjectName("previous_step")
        self.next_button = button("Étape suivante →", self.next, "Ctrl+PgDown", "Étape suivante")
        self.next_button.setObjectName("next_step")
        self.finish_button = None
        self.progress = label("", MUTED_STYLE, wrap=False)
        self.progress.setObjectName("progress")
        bottom = [self.prev_button, None, self.progress, None]
        if finish:
            self.finish_button = button(
                "Terminer…", self.finish, "Ctrl+Shift+T", "Vérifier que le formulaire est complet"
            )
            self.finish_button.setObjectName("finish")
            bottom.append(self.finish_button)
        bottom.append(self.next_button)
        header = QWidget()
        header.setLayout(
            vbox(hbox(*heading), self.phase, self.step_help, self.step_scripts, spacing=4)
        )
        center = QWidget()
        center.setLayout(vbox(header, self.scroll, hbox(*bottom), spacing=8))
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
        ctx.events.about_to_lock.connect(self._remember)  # issue 15: lock drops the answers
        ctx.events.locked.connect(self._forget)
        ctx.events.unlocked.connect(self._refill)
        self.reload()

    # -- storage ---------------------------------------------------------------------------------
    def repo(self, s):
        return s.medical_records if self.area == "medical" else s.records

    def reload(self) -> None:
        rid, ctx, repo = self.record_id, self.ctx, self.repo

        def job(s):
            record = repo(s).get(rid)
            spec = ctx.form(record.form_id, record.form_version)
            return record, spec, repo(s).answers(rid), s.persons.for_case(record.case_id)

        self.ctx.tasks.op(job, parent=self).success(self._loaded).run()

    def _now(self):
        return self.clock().replace(tzinfo=None) if self.clock else None

    def _loaded(self, value) -> None:
        if self.locked_out:  # read before a lock: unlocking reads it again
            return
        self.record, self.spec, answers, persons = value
        self.env = FieldEnv(persons=persons, now=self._now())
        known = {k: v for k, v in answers.items() if self.spec.has_field(k)}
        self.flow = WizardFlow(
            self.spec,
            known,
            now=self._now(),
            current=self.record.current_step,
            visited=answers.get(VISITED_KEY),
        )
        self._set_enabled(True)
        self.signed.refresh()
        self._show_step()
        self._resume_focus()
        self.loaded.emit()
        self.answers_changed.emit(self.flow.answers)

    @property
    def answers(self) -> dict:
        return self.flow.answers if self.flow else {}

    def _save(self, key: str, fn, on_saved=None) -> None:
        if self.read_only:  # a sealed PV: shown, never changed
            return
        rid, repo = self.record_id, self.repo
        self.ctx.saver.save((self.area, key, rid), lambda s: fn(repo(s), rid), on_saved)

    def _save_answer(self, field_id: str, value, reason: str | None = None) -> None:
        if self.read_only:
            return
        if self.area == "case":  # issue 16: a signature is bound to the text it approves
            rid = self.record_id
            if reason:  # a signed text changed: the answer and why, in one transaction
                self.ctx.saver.save(
                    None, lambda s: save_answer_with_reason(s, rid, field_id, value, reason)
                )
                return
            key = (self.area, f"answer:{field_id}", rid)
            self.ctx.saver.save(key, lambda s: save_answer(s, rid, field_id, value))
            return
        if self.area == "medical":  # issue 16: the doctor's signature, bound to the CMI
            from desktop.core.documents.medical.signing import save_umj_answer
            from desktop.core.medical.clock import system_clock

            rid, clock = self.record_id, self.clock or system_clock
            key = (self.area, f"answer:{field_id}", rid)
            self.ctx.saver.save(
                key, lambda s: save_umj_answer(s, rid, field_id, value, clock=clock)
            )
            return
        self._save(f"answer:{field_id}", lambda r, rid: r.set_answer(rid, field_id, value))

    def _save_position(self) -> None:
        step, visited = self.flow.current, self.flow.visited_answer()

        def write(r, rid):
            r.set_current_step(rid, step)
            r.set_answer(rid, VISITED_KEY, visited or None)

        self._save("position", write)

    def _set_enabled(self, enabled: bool) -> None:
        for w in (self.prev_button, self.next_button, self.finish_button, self.steps):
            if w is not None:
                w.setEnabled(enabled)

    # -- steps -----------------------------------------------------------------------------------
    def issues(self) -> list:
        return list(self.extra_checks(self.answers)) if self.extra_checks and self.flow else []

    def _flagged(self) -> set[str]:
        return {
            self.spec.step_of(i.field.split(".")[0]).id
            for i in self.issues()
            if self.spec.has_field(i.field.split(".")[0])
        }

    def _refresh_steps(self) -> None:
        flow = self.flow
        if flow is None:
            return
        states, flagged = flow.states(), self._flagged()
        self.steps.blockSignals(True)
        self.steps.clear()
        current_row, phase = 0, None
        for step in self.spec.steps:
            if step.phase and step.phase != phase:
                phase = step.phase
                header = QListWidgetItem(self.spec.phase_label(phase))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.steps.addItem(header)
            state = states[step.id]
            mark, text = STATE_MARK[state], STATE_TEXT[state]
            if step.id in flagged:
                mark, text = "⚠", "à corriger"
            item = QListWidgetItem(f"{mark}  {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setToolTip(f"{step.title} : {text}")
            if step.id in flagged:
                item.setForeground(Qt.GlobalColor.darkRed)
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
        if step_id and self.flow and self.flow.is_step_visible(step_id):
            if step_id != self.flow.current:
                self.goto(step_id)

    def _move(self, move: Callable[[], object]) -> None:
        if self.flow is None:
            return
        self.flush()
        move()
        self._save_position()
        self._show_step()

    def goto(self, step_id: str) -> None:
        self._move(lambda: self.flow.goto(step_id))

    def next(self) -> None:
        if self.flow is not None and not self.flow.is_last:
            self._move(self.flow.next)

    def previous(self) -> None:
        if self.flow is not None and not self.flow.is_first:
            self._move(self.flow.previous)

    # -- the current step ------------------------------------------------------------------------
    def _row_for(self, f) -> FieldRow:
        editor = self.make_editor(f, self.env) if self.make_editor else None
        return FieldRow(f, self.env, editor)

    def _show_step(self) -> None:
        step = self.spec.step(self.flow.current)
        self.step_title.setText(step.title)
        self.phase.setText(self.spec.phase_label(step.phase) if step.phase else "")
        self.step_help.setText(step.help)
        self.step_scripts.setText("\n".join(f"«\u00a0{p}\u00a0»" for p in step.prompts))
        page = QWidget()
        page.setObjectName(f"step_{step.id}")
        layout = vbox(spacing=14, margin=4)
        self.rows = {}
        self.stale_banner = None  # issue 16: stale signatures, on the signing step
        if self.area == "case" and StaleBanner.watches(step.fields):
            self.stale_banner = StaleBanner(self.ctx, self.record_id, page)
            layout.addWidget(self.stale_banner.label)
        for f in step.fields:
            row = self._row_for(f)
            self.rows[f.id] = row
            if f.type not in NO_INPUT:
                row.editor.set_value(self.flow.answers.get(f.id))
                row.editor.changed.connect(lambda fid=f.id: self._changed(fid))
            elif f.type == "info":
                row.editor.setText(f.help)
                row.help.setVisible(False)
            layout.addWidget(row)
        extra = self.step_extras.get(step.id)
        if extra is not None:
            layout.addWidget(extra())
        if not step.fields and extra is None:
            layout.addWidget(label("Cette étape ne demande aucune saisie.", MUTED_STYLE))
        layout.addStretch(1)
        page.setLayout(layout)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        self.wheel.guard(page)
        self._apply_help()
        self.refresh_fields()
        self._refresh_steps()
        self.scroll.verticalScrollBar().setValue(0)
        self.step_shown.emit(step)

    def focus_first_field(self) -> None:
        for row in self.rows.values():
            if row.isVisibleTo(self.scroll.widget()) and row.f.type not in NO_INPUT:
                row.editor.setFocus(Qt.FocusReason.TabFocusReason)
                return
        self.next_button.setFocus()

    def _changed(self, field_id: str) -> None:
        row = self.rows.get(field_id)
        if row is None or self.flow is None:
            return
        value = row.editor.value()
        if self.signed.hold(field_id, value, self.flow.answers.get(field_id)):
            return
        self.apply_change(field_id, value)

    def apply_change(self, field_id: str, value, reason: str | None = None) -> None:
        """Take a value typed in a field (with the reason of a change after signature)."""
        row = self.rows.get(field_id)
        self.flow.set_answer(field_id, value)
        self._save_answer(field_id, value, reason)
        self.signed.after_change(field_id)
        if row is not None:
            self.wheel.guard(row)  # a repeat group may have grown a row
        self.refresh_fields(typing=field_id)
        self._states_timer.start()
        self.answers_changed.emit(self.flow.answers)
        if self.stale_banner is not None:
            self.stale_banner.refresh()

    def set_answer_if_empty(self, field_id: str, value) -> None:
        """Fill a field from elsewhere (the transcript's start and end times)."""
        if self.flow is None or not self.spec.has_field(field_id):
            return
        if self.flow.answers.get(field_id) not in (None, ""):
            return
        self.set_answer(field_id, value)

    def set_answer(self, field_id: str, value) -> None:
        """Set a field from elsewhere (a rule of the core), saved and shown like a typed one;
        `answers_changed` is not emitted (no loop)."""
        if self.flow is None or not self.spec.has_field(field_id):
            return
        self.flow.set_answer(field_id, value)
        self._save_answer(field_id, value)
        row = self.rows.get(field_id)
        if row is not None and row.f.type not in NO_INPUT:
            row.editor.set_value(value)
            self.wheel.guard(row)
        self.refresh_fields()
        self._states_timer.start()

    def refresh_fields(self, typing: str | None = None) -> None:
        flow = self.flow
        if flow is None:
            return
        for fid, row in self.rows.items():
            row.setVisible(flow.is_visible(fid))
            if row.f.type == "computed":
                row.set_computed(flow.value(fid))
            if isinstance(row.editor, RepeatEditor):
                items = flow.answers.get(fid) or []
                shown = [{x.id for x in flow.row_visible_fields(fid, i)} for i in range(len(items))]
                row.editor.set_row_visibility(shown)
        messages: dict[str, list[str]] = {}
        issues = self.issues()
        checked = {issue.field.split(".")[0] for issue in issues}
        for error in flow.errors_to_show():
            # the domain check already says « dans le futur », with the time to compare
            if error.kind == "future" and error.field_id in checked:
                continue
            messages.setdefault(error.field_id, []).append(error.message)
        for issue in issues:
            messages.setdefault(issue.field.split(".")[0], []).append(issue.message)
        for fid, row in self.rows.items():
            parse = getattr(row.editor, "parse_message", None)
            specific = parse() if callable(parse) else None
            if specific:  # while typing, the message comes when the field is left
                row.show_error(None if fid == typing else specific)
                continue
            row.show_error("\n".join(dict.fromkeys(messages.get(fid, []))) or None)

    def show_issues(self, issues) -> None:
        """Show issues returned by an action (transmission): go to the first one's step."""
        self.flow.show_all = True
        first = next((i for i in issues if self.spec.has_field(i.field.split(".")[0])), None)
        if first is not None:
            step = self.spec.step_of(first.field.split(".")[0])
            if step.id != self.flow.current:
                self.goto(step.id)
        self.refresh_fields()

    # -- help ------------------------------------------------------------------------------------
    def _f4(self) -> None:
        """F4 opens the drop-down list under the cursor (as everywhere); elsewhere the help."""
        from PySide6.QtWidgets import QApplication, QComboBox

        focus = QApplication.focusWidget()
        if isinstance(focus, QComboBox):
            focus.showPopup()
            return
        self.toggle_help()

    def toggle_help(self) -> None:
        self.help_visible = not self.help_visible
        self._apply_help()

    def _apply_help(self) -> None:
        visible = self.help_visible
        step = self.spec.step(self.flow.current) if self.flow else None
        self.phase.setVisible(bool(step and step.phase))
        self.step_help.setVisible(visible and bool(step and step.help))
        self.step_scripts.setVisible(visible and bool(step and step.prompts))
        for row in self.rows.values():
            row.set_help_visible(visible)
        if self.help_toggle is not None:
            self.help_toggle.setText(
                "Masquer l'aide et les scripts" if visible else "Afficher l'aide et les scripts"
            )

    # -- end -------------------------------------------------------------------------------------
    def flush(self) -> None:
        self.ctx.saver.flush()

    def finish(self) -> None:
        """Finish through the core (WizardFlow.finish): list what is missing, or mark the
        record « terminé »."""
        if self.flow is None:
            return
        self.flush()
        try:
            self.flow.finish()
        except IncompleteForm as incomplete:
            self._save_position()
            self._show_missing(incomplete.missing)
            return
        self._save_position()
        self._save(
            "status",
            lambda r, rid: r.set_status(rid, "termine"),
            on_saved=lambda _v: self._finished(),
        )

    def _show_missing(self, missing) -> None:
        lines = [f"– {self.spec.step(m.step_id).title} : {m.message}" for m in missing[:12]]
        if len(missing) > 12:
            lines.append(f"– … et {len(missing) - 12} autre(s) point(s).")
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.finish_texts[0],
            "Il manque encore des informations. Tout est enregistré ; vous pouvez y revenir.\n\n"
            + "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            self,
        )
        go = box.addButton("Aller au premier point", QMessageBox.ButtonRole.AcceptRole)
        box.button(QMessageBox.StandardButton.Ok).setText("Fermer")
        box.setEscapeButton(box.button(QMessageBox.StandardButton.Ok))  # Échap closes it
        first = missing[0].step_id
        go.clicked.connect(lambda: self.goto(first))
        box.setDefaultButton(go)
        box.open()
        self.refresh_fields()
        self._refresh_steps()

    def _finished(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.finish_texts[1],
            self.finish_texts[2],
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        self.finished.emit()
