"""A checklist drawn from its form definition: the steps beside, one step's fields.

The same look as the hearing wizard (desktop.ui.wizard: FieldRow editors, ✓ / ○ states), but
for checklists that live in either database: `area="medical"` reads and writes through
`s.medical_records` (doctors only), `area="case"` through `s.records`. Medical fields get
their own editors (body diagram, numbered samples); checks that need several fields or the
clock (`extra_checks`) are shown next to their field like the form engine's own messages.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem, QScrollArea, QSplitter, QWidget

from desktop.core.formspec import WizardFlow
from desktop.core.medical.clock import Clock, system_clock
from desktop.ui.checklists.field_editor import BodyMarkersEditor, SamplesEditor
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, label, title, vbox
from desktop.ui.wizard.fields import FieldEnv, FieldRow, RepeatEditor

STATE_MARK = {"complete": "✓", "incomplete": "○", "not_applicable": "–"}
STATE_TEXT = {"complete": "complète", "incomplete": "à compléter", "not_applicable": "sans objet"}


class SpecialRow(QFrame):
    """A FieldRow look-alike around a medical editor (same attributes)."""

    def __init__(self, f, editor: QWidget):
        super().__init__()
        self.f = f
        self.setObjectName(f"field_{f.id}")
        self.caption = label(f.label + (" *" if f.required else ""))
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.help = label(f.help, MUTED_STYLE)
        self.help.setVisible(bool(f.help))
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("field_error")
        self.error.setVisible(False)
        self.editor = editor
        editor.setAccessibleName(f.label)
        self.setLayout(vbox(self.caption, self.help, self.editor, self.error, spacing=2))

    def set_help_visible(self, visible: bool) -> None:
        self.help.setVisible(visible and bool(self.f.help))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))


class ChecklistView(QWidget):
    """Shows and saves one checklist record. `answers_changed` fires after each change."""

    loaded = Signal()
    answers_changed = Signal(dict)

    def __init__(
        self,
        ctx,
        record_id: int,
        area: str = "case",
        clock: Clock = system_clock,
        extra_checks: Callable[[dict], list] | None = None,
        step_extras: dict[str, Callable[[], QWidget]] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.area = area
        self.clock = clock
        self.extra_checks = extra_checks
        self.step_extras = step_extras or {}
        self.flow: WizardFlow | None = None
        self.spec = None
        self.record = None
        self.env = FieldEnv()
        self.rows: dict = {}
        self.visited: set[str] = set()
        self.show_all = False

        self.steps = QListWidget()
        self.steps.setObjectName("checklist_steps")
        self.steps.setMinimumWidth(230)
        self.steps.setMaximumWidth(290)
        self.steps.setWordWrap(True)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.itemActivated.connect(self._step_activated)
        self.steps.itemClicked.connect(self._step_activated)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.step_title = title("", 14)
        self.step_help = label("", MUTED_STYLE)
        self.prev_button = button("← Précédente", self.previous, "Ctrl+PgUp", "Étape précédente")
        self.next_button = button("Suivante →", self.next, "Ctrl+PgDown", "Étape suivante")
        self.progress = label("", MUTED_STYLE, wrap=False)
        center = QWidget()
        center.setLayout(
            vbox(
                self.step_title,
                self.step_help,
                self.scroll,
                hbox(self.prev_button, None, self.progress, None, self.next_button),
                spacing=6,
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
        self.reload()

    # -- storage --------------------------------------------------------------------------
    def repo(self, s):
        return s.medical_records if self.area == "medical" else s.records

    def reload(self) -> None:
        rid, ctx = self.record_id, self.ctx

        def job(s):
            repo = self.repo(s)
            record = repo.get(rid)
            spec = ctx.form(record.form_id)
            return record, spec, repo.answers(rid), s.persons.for_case(record.case_id)

        self.ctx.tasks.op(job, parent=self).success(self._loaded).run()

    def _loaded(self, value) -> None:
        self.record, self.spec, answers, persons = value
        self.env = FieldEnv(persons=persons, now=self._naive_now())
        known = {k: v for k, v in answers.items() if self.spec.has_field(k)}
        self.flow = WizardFlow(
            self.spec, known, now=self._naive_now(), current=self.record.current_step
        )
        self._show_step()
        self.loaded.emit()
        self.answers_changed.emit(self.flow.answers)

    def _naive_now(self):
        return self.clock().replace(tzinfo=None)

    @property
    def answers(self) -> dict:
        return self.flow.answers if self.flow else {}

    # -- steps ----------------------------------------------------------------------------
    def _refresh_steps(self) -> None:
        flow = self.flow
        if flow is None:
            return
        states = flow.states()
        flagged = {
            self.spec.step_of(i.field.split(".")[0]).id
            for i in self.issues()
            if self.spec.has_field(i.field.split(".")[0])
        }
        self.steps.blockSignals(True)
        self.steps.clear()
        for step in self.spec.steps:
            state = states[step.id]
            mark = "⚠" if step.id in flagged else STATE_MARK[state]
            item = QListWidgetItem(f"{mark}  {step.title}")
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            item.setToolTip(
                f"{step.title} : " + ("à corriger" if step.id in flagged else STATE_TEXT[state])
            )
            if step.id in flagged:
                item.setForeground(Qt.GlobalColor.darkRed)
            if state == "not_applicable":
                item.setForeground(Qt.GlobalColor.gray)
            if step.id == flow.current:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.steps.addItem(item)
            if step.id == flow.current:
                self.steps.setCurrentItem(item)
        self.steps.blockSignals(False)
        done, total = flow.progress()
        self.progress.setText(
            f"{done} étape{'s' if done > 1 else ''} complète{'s' if done > 1 else ''} sur {total}"
        )
        self.prev_button.setEnabled(not flow.is_first)
        self.next_button.setEnabled(not flow.is_last)

    def _step_activated(self, item: QListWidgetItem) -> None:
        step_id = item.data(Qt.ItemDataRole.UserRole)
        if step_id and self.flow and self.flow.is_step_visible(step_id):
            self.goto(step_id)

    def goto(self, step_id: str) -> None:
        self.visited.add(self.flow.current)
        self.flow.goto(step_id)
        self._save_step()
        self._show_step()

    def next(self) -> None:
        if self.flow and not self.flow.is_last:
            self.visited.add(self.flow.current)
            self.flow.next()
            self._save_step()
            self._show_step()

    def previous(self) -> None:
        if self.flow and not self.flow.is_first:
            self.visited.add(self.flow.current)
            self.flow.previous()
            self._save_step()
            self._show_step()

    def _save_step(self) -> None:
        rid, step = self.record_id, self.flow.current
        self.ctx.saver.save(
            (self.area, "step", rid), lambda s: self.repo(s).set_current_step(rid, step)
        )

    # -- fields ---------------------------------------------------------------------------
    def _editor_for(self, f):
        if f.type == "body_markers":
            return SpecialRow(f, BodyMarkersEditor(f, self.env))
        if f.type == "repeat" and f.id == "prelevements" and self.area == "medical":
            from desktop.core.medical import umj

            editor = SamplesEditor(
                f,
                self.env,
                clock=self.clock,
                facts=lambda: umj.facts_time(self.answers, self.clock().tzinfo),
            )
            return SpecialRow(f, editor)
        return FieldRow(f, self.env)

    def _show_step(self) -> None:
        step = self.spec.step(self.flow.current)
        self.step_title.setText(step.title)
        self.step_help.setText(step.help)
        self.step_help.setVisible(bool(step.help))
        page = QWidget()
        page.setObjectName(f"step_{step.id}")
        layout = vbox(spacing=12, margin=4)
        self.rows = {}
        for f in step.fields:
            row = self._editor_for(f)
            self.rows[f.id] = row
            if f.type not in ("computed", "info"):
                row.editor.set_value(self.flow.answers.get(f.id))
                row.editor.changed.connect(lambda fid=f.id: self._changed(fid))
            elif f.type == "info":
                row.editor.setText(f.help)
            layout.addWidget(row)
        extra = self.step_extras.get(step.id)
        if extra is not None:
            layout.addWidget(extra())
        layout.addStretch(1)
        page.setLayout(layout)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(page)
        self.refresh_fields()
        self._refresh_steps()
        self.scroll.verticalScrollBar().setValue(0)

    def _changed(self, field_id: str) -> None:
        row = self.rows.get(field_id)
        if row is None or self.flow is None:
            return
        value = row.editor.value()
        self.flow.set_answer(field_id, value)
        rid = self.record_id
        self.ctx.saver.save(
            (self.area, "answer", rid, field_id),
            lambda s: self.repo(s).set_answer(rid, field_id, value),
        )
        self.refresh_fields(typing=field_id)
        self._states_timer.start()
        self.answers_changed.emit(self.flow.answers)

    def issues(self) -> list:
        return list(self.extra_checks(self.answers)) if self.extra_checks and self.flow else []

    def refresh_fields(self, typing: str | None = None) -> None:
        flow = self.flow
        if flow is None:
            return
        show_required = self.show_all or flow.current in self.visited
        for fid, row in self.rows.items():
            row.setVisible(flow.is_visible(fid))
            if row.f.type == "computed":
                row.set_computed(flow.value(fid))
            if isinstance(row.editor, RepeatEditor):
                items = flow.answers.get(fid) or []
                shown = [{x.id for x in flow.row_visible_fields(fid, i)} for i in range(len(items))]
                row.editor.set_row_visibility(shown)
        messages: dict[str, list[str]] = {}
        for error in flow.errors(flow.current, include_required=show_required):
            messages.setdefault(error.field_id, []).append(error.message)
        for issue in self.issues():
            messages.setdefault(issue.field.split(".")[0], []).append(issue.message)
        for fid, row in self.rows.items():
            parse = getattr(row.editor, "parse_message", None)
            specific = parse() if callable(parse) else None
            if fid == typing and specific:
                row.show_error(None)
                continue
            if specific:
                row.show_error(specific)
                continue
            row.show_error("\n".join(dict.fromkeys(messages.get(fid, []))) or None)

    def show_issues(self, issues) -> None:
        """Show issues returned by an action (transmission): go to the first one's step."""
        self.show_all = True
        first = next((i for i in issues if self.spec.has_field(i.field.split(".")[0])), None)
        if first is not None:
            step = self.spec.step_of(first.field.split(".")[0])
            if step.id != self.flow.current:
                self.goto(step.id)
        self.refresh_fields()

    def flush(self) -> None:
        self.ctx.saver.flush()
