"""WizardFlow: the Qt-free state machine of a form being filled in.

    flow = WizardFlow(spec, answers, now=datetime(2026, 11, 26, 14, 0))
    flow.visible_steps()           # steps whose condition holds
    flow.current; flow.next(); flow.previous(); flow.goto("preparation")
    flow.step_state("evvi")        # 'complete' | 'incomplete' | 'not_applicable'
    flow.errors("preparation")     # [FieldError(field_id, path, message, kind, step_id)]
    flow.value("age_faits")        # effective value: None if hidden; computed values computed
    flow.missing()                 # what still blocks sealing, in French
    flow.is_complete(); flow.finish()   # finish() raises IncompleteForm when not complete
    flow.effective_answers()       # visible answers + computed values, for the PV
    flow.visited; flow.errors_to_show("preparation")   # what a step-form view shows

Rules: a hidden step hides its fields; a hidden field reads as null in every condition and
never blocks completion; a repeat group's sub-fields see their own row first, then the form.
Navigation never blocks on errors (the officer may come back later); finishing does.
A step is « complete » when nothing blocks it AND the officer has been there (left it once)
or answered one of its fields: a step without required fields is not complete before anyone
looked at it. Empty required fields are shown as errors only on visited steps (or after a
finish attempt). The visited steps are stored with the answers under VISITED_KEY.
Values and errors are computed at the first read after a change and cached; `refresh()`
forgets them (to re-read the clock when no fixed `now` was given).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.core.errors import TrameError
from desktop.core.formspec.model import Field, FormSpec, Step
from desktop.core.formspec.validate import (
    as_date,
    as_datetime,
    as_time,
    check_value,
    is_empty,
)

__all__ = ["FieldError", "IncompleteForm", "WizardFlow", "STEP_STATES", "VISITED_KEY"]

STEP_STATES = ("complete", "incomplete", "not_applicable")
VISITED_KEY = "_etapes_vues"  # reserved answer key: the ids of the steps the officer left


@dataclass(frozen=True)
class FieldError:
    field_id: str  # top-level field id (the widget to highlight)
    path: str  # 'heure_fin', 'suspects[3].nom' (1-based row numbers)
    message: str  # French, ready to show
    kind: str  # 'required' | 'type' | 'format' | 'bounds' | 'future' | 'order' | 'option'
    step_id: str

    @property
    def blocking(self) -> bool:
        return True


class IncompleteForm(TrameError):
    def __init__(self, missing: list[FieldError]):
        lines = [f"– {m.message}" for m in missing[:20]]
        if len(missing) > 20:
            lines.append(f"– … et {len(missing) - 20} autre(s) point(s).")
        super().__init__("Le formulaire n'est pas complet :\n" + "\n".join(lines))
        self.missing = missing


_PENDING = object()


class _Scope:
    """Values of one level: the form's top-level fields, or one row of a repeat group."""

    def __init__(
        self,
        flow: WizardFlow,
        fields: tuple[Field, ...],
        values: dict,
        parent: _Scope | None,
        gate: Callable[[Field], bool] | None = None,
    ):
        self.flow = flow
        self.fields = {f.id: f for f in fields}
        self.values = values if isinstance(values, dict) else {}
        self.parent = parent
        self.gate = gate
        self._visible: dict[str, Any] = {}
        self._value: dict[str, Any] = {}

    def resolve(self, name: str) -> Any:
        if name in self.fields:
            return self.value(name)
        return self.parent.resolve(name) if self.parent else None

    def visible(self, name: str) -> bool:
        cached = self._visible.get(name)
        if cached is _PENDING:
            return False  # a cycle the loader would have refused: fail closed
        if cached is not None:
            return cached
        self._visible[name] = _PENDING
        f = self.fields[name]
        ok = self.gate(f) if self.gate else True
        if ok and f.visible_if is not None:
            ok = f.visible_if.test(self.resolve, self.flow.now)
        self._visible[name] = ok
        return ok

    def value(self, name: str) -> Any:
        if name in self._value:
            v = self._value[name]
            return None if v is _PENDING else v
        self._value[name] = _PENDING
        f = self.fields[name]
        if not self.visible(name):
            v = None
        elif f.type == "computed" and f.compute is not None:
            v = f.compute.evaluate(self.resolve, self.flow.now)
        elif not f.has_value:
            v = None
        else:
            v = self.values.get(name)
        self._value[name] = v
        return v

    def raw(self, name: str) -> Any:
        return self.values.get(name)


class WizardFlow:
    def __init__(
        self,
        spec: FormSpec,
        answers: dict | None = None,
        *,
        now: datetime | None = None,
        current: str | None = None,
        visited: Iterable[str] | None = None,
    ):
        self.spec = spec
        known = {s.id for s in spec.steps}
        self.visited: set[str] = {v for v in (visited or ()) if v in known}
        self.show_all = False  # after a finish attempt: every empty required field is shown
        self._answers: dict = dict(answers) if isinstance(answers, dict) else {}
        self._now = now
        self._top: _Scope | None = None
        self._steps_visible: dict[str, bool] | None = None
        self._errors: dict[str | None, list[FieldError]] = {}
        steps = self.visible_steps()
        if current and any(s.id == current for s in spec.steps):
            self.current = current
        else:
            self.current = steps[0].id if steps else spec.steps[0].id

    # ---- answers

    @property
    def now(self) -> datetime:
        if self._now is not None:
            return self._now
        from desktop.core.servicetime import wall

        return wall()  # typed times are the service's wall times

    @property
    def answers(self) -> dict:
        return dict(self._answers)

    def set_answer(self, field_id: str, value: Any) -> None:
        """Set (or with None, clear) a top-level answer; a repeat takes the whole list."""
        if not self.spec.has_field(field_id):
            raise KeyError(field_id)
        if value is None:
            self._answers.pop(field_id, None)
        else:
            self._answers[field_id] = value
        self._invalidate()

    def update(self, answers: dict) -> None:
        for key, value in answers.items():
            self.set_answer(key, value)

    def _invalidate(self) -> None:
        self._top = None
        self._steps_visible = None
        self._errors: dict[str | None, list[FieldError]] = {}

    def refresh(self) -> None:
        """Forget cached values and errors (re-reads the clock for now() and « not in the
        future » checks when the flow was created without a fixed `now`)."""
        self._invalidate()

    def _scope(self) -> _Scope:
        if self._top is None:
            top_fields = tuple(f for s in self.spec.steps for f in s.fields)
            self._top = _Scope(self, top_fields, self._answers, None, self._gate)
        return self._top

    def _gate(self, f: Field) -> bool:
        return self.is_step_visible(self.spec.step_of(f.id).id)

    # ---- visibility and values

    def is_step_visible(self, step_id: str) -> bool:
        if self._steps_visible is None:
            self._steps_visible = {}
        if step_id not in self._steps_visible:
            step = self.spec.step(step_id)
            self._steps_visible[step_id] = False  # guard: a step never depends on itself
            ok = step.visible_if is None or step.visible_if.test(self._scope().resolve, self.now)
            self._steps_visible[step_id] = ok
        return self._steps_visible[step_id]

    def visible_steps(self) -> list[Step]:
        return [s for s in self.spec.steps if self.is_step_visible(s.id)]

    def is_visible(self, field_id: str) -> bool:
        return self._scope().visible(field_id)

    def visible_fields(self, step_id: str) -> list[Field]:
        if not self.is_step_visible(step_id):
            return []
        return [f for f in self.spec.step(step_id).fields if self.is_visible(f.id)]

    def value(self, field_id: str) -> Any:
        """Effective value: None when hidden; computed fields evaluated."""
        return self._scope().value(field_id)

    def computed(self) -> dict[str, Any]:
        return {fid: self.value(fid) for fid, f in self._top_fields() if f.type == "computed"}

    def row_visible_fields(self, group_id: str, row_index: int) -> list[Field]:
        """Sub-fields shown in row `row_index` (0-based) of a repeat group."""
        group = self.spec.field(group_id)
        rows = self._answers.get(group_id)
        row = rows[row_index] if isinstance(rows, list) and 0 <= row_index < len(rows) else {}
        scope = _Scope(self, group.fields, row if isinstance(row, dict) else {}, self._scope())
        return [f for f in group.fields if scope.visible(f.id)]

    def _top_fields(self):
        for step in self.spec.steps:
            for f in step.fields:
                yield f.id, f

    def effective_answers(self) -> dict[str, Any]:
        """Visible answers and computed values only; rows keep their visible sub-fields."""
        scope = self._scope()
        out: dict[str, Any] = {}
        for fid, f in self._top_fields():
            v = scope.value(fid)
            if v is None:
                continue
            if f.type == "repeat":
                v = self._effective_rows(f, v, scope)
            out[fid] = v
        return out

    def _effective_rows(self, group: Field, rows: Any, parent: _Scope) -> list:
        if not isinstance(rows, list):
            return []
        out = []
        for row in rows:
            scope = _Scope(self, group.fields, row if isinstance(row, dict) else {}, parent)
            item = {}
            for sf in group.fields:
                v = scope.value(sf.id)
                if v is None:
                    continue
                item[sf.id] = self._effective_rows(sf, v, scope) if sf.type == "repeat" else v
            out.append(item)
        return out

    # ---- validation

    def errors(
        self, step_id: str | None = None, *, include_required: bool = True
    ) -> list[FieldError]:
        """Problems of visible fields (of one step, or all). `include_required=False` leaves out
        empty required fields, for showing format errors while the officer is still typing."""
        if step_id not in self._errors:
            out: list[FieldError] = []
            steps = [self.spec.step(step_id)] if step_id else self.spec.steps
            scope = self._scope()
            for step in steps:
                if not self.is_step_visible(step.id):
                    continue
                for f in step.fields:
                    self._check(f, scope, f.id, f.id, step.id, out, True)
            self._errors[step_id] = out
        found = self._errors[step_id]
        return [e for e in found if include_required or e.kind != "required"]

    def _check(
        self,
        f: Field,
        scope: _Scope,
        path: str,
        top_id: str,
        step_id: str,
        out: list[FieldError],
        include_required: bool,
    ) -> None:
        if not f.has_value or not scope.visible(f.id):
            return
        value = scope.value(f.id)
        if is_empty(value):
            required = f.required or (
                f.required_if is not None and f.required_if.test(scope.resolve, self.now)
            )
            if required and include_required:
                msg = f"« {f.label} » est à renseigner."
                if f.required_if is not None and not f.required:
                    msg = f"« {f.label} » est à renseigner dans ce cas."
                out.append(FieldError(top_id, path, msg, "required", step_id))
            return
        for kind, msg in check_value(f, value, self.now):
            out.append(FieldError(top_id, path, msg, kind, step_id))
        if f.constraints.after:
            self._check_order(f, scope, value, path, top_id, step_id, out)
        if f.type == "repeat" and isinstance(value, list):
            for i, row in enumerate(value):
                rpath = f"{path}[{i + 1}]"
                if not isinstance(row, dict):
                    out.append(
                        FieldError(
                            top_id,
                            rpath,
                            f"« {f.label} », ligne {i + 1} : ligne invalide.",
                            "type",
                            step_id,
                        )
                    )
                    continue
                unknown = sorted(
                    str(k) for k in row if str(k)[:1] != "_" and f.subfield(str(k)) is None
                )
                if unknown:
                    out.append(
                        FieldError(
                            top_id,
                            rpath,
                            f"« {f.label} », ligne {i + 1} : "
                            f"information inconnue ({', '.join(unknown)}).",
                            "type",
                            step_id,
                        )
                    )
                rscope = _Scope(self, f.fields, row, scope)
                before = len(out)
                for sf in f.fields:
                    self._check(
                        sf, rscope, f"{rpath}.{sf.id}", top_id, step_id, out, include_required
                    )
                noun = f.item_label or f.label
                for j in range(before, len(out)):
                    e = out[j]
                    out[j] = FieldError(
                        e.field_id, e.path, f"{noun} n° {i + 1} : {e.message}", e.kind, e.step_id
                    )

    def _check_order(
        self,
        f: Field,
        scope: _Scope,
        value: Any,
        path: str,
        top_id: str,
        step_id: str,
        out: list[FieldError],
    ) -> None:
        other_id = f.constraints.after or ""
        other = scope.resolve(other_id)
        conv = {"date": as_date, "time": as_time, "datetime": as_datetime}.get(f.type)
        if conv is None or other is None:
            return
        a, b = conv(value), conv(other)
        if a is None or b is None:
            return
        if isinstance(a, datetime) and isinstance(b, datetime):
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
        if a < b:
            other_label = self._label_in_scope(scope, other_id)
            out.append(
                FieldError(
                    top_id,
                    path,
                    f"« {f.label} » ne peut pas précéder « {other_label} ».",
                    "order",
                    step_id,
                )
            )

    @staticmethod
    def _label_in_scope(scope: _Scope, name: str) -> str:
        s: _Scope | None = scope
        while s is not None:
            if name in s.fields:
                return s.fields[name].label
            s = s.parent
        return name

    def errors_to_show(self, step_id: str | None = None) -> list[FieldError]:
        """The errors a view shows now: format errors always; empty required fields only on a
        visited step, or everywhere after a finish attempt (`show_all`)."""
        step = step_id or self.current
        return self.errors(step, include_required=self.show_all or step in self.visited)

    def _answered(self, step_id: str) -> bool:
        return any(
            not is_empty(self._answers.get(f.id))
            for f in self.spec.step(step_id).fields
            if f.has_value
        )

    def step_state(self, step_id: str) -> str:
        """'not_applicable' (hidden), 'incomplete' (an error, or never visited nor answered),
        'complete'. A new form is therefore never shown as half done (issue 13, M2)."""
        if not self.is_step_visible(step_id):
            return "not_applicable"
        if self.errors(step_id):
            return "incomplete"
        if step_id in self.visited or self._answered(step_id):
            return "complete"
        return "incomplete"

    def visit(self, step_id: str | None = None) -> bool:
        """Mark a step (the current one by default) as seen; True when it was not yet."""
        step = step_id or self.current
        if step in self.visited:
            return False
        self.visited.add(step)
        return True

    def visited_answer(self) -> list[str]:
        """The visited steps as stored under VISITED_KEY (in form order)."""
        return [s.id for s in self.spec.steps if s.id in self.visited]

    def states(self) -> dict[str, str]:
        return {s.id: self.step_state(s.id) for s in self.spec.steps}

    def missing(self) -> list[FieldError]:
        """Everything that blocks completion, in step order (hidden steps and fields excluded)."""
        return self.errors()

    def is_complete(self) -> bool:
        return not self.missing()

    def finish(self) -> dict[str, Any]:
        """The effective answers if complete; IncompleteForm (French list) otherwise.

        Either way the current step counts as visited and, when incomplete, every empty
        required field is shown from now on (`show_all`).

        :raises IncompleteForm: with `.missing`, the blocking errors in step order."""
        self.visit()
        missing = self.missing()
        if missing:
            self.show_all = True
            raise IncompleteForm(missing)
        return self.effective_answers()

    # ---- navigation

    def _index(self, step_id: str) -> int:
        for i, s in enumerate(self.spec.steps):
            if s.id == step_id:
                return i
        raise KeyError(step_id)

    def next_step(self) -> str | None:
        i = self._index(self.current)
        for s in self.spec.steps[i + 1 :]:
            if self.is_step_visible(s.id):
                return s.id
        return None

    def previous_step(self) -> str | None:
        i = self._index(self.current)
        for s in reversed(self.spec.steps[:i]):
            if self.is_step_visible(s.id):
                return s.id
        return None

    def next(self) -> str | None:
        """Move to the next visible step; returns its id (None and no move when at the end)."""
        nxt = self.next_step()
        if nxt is not None:
            self.visit()
            self.current = nxt
        return nxt

    def previous(self) -> str | None:
        prev = self.previous_step()
        if prev is not None:
            self.visit()
            self.current = prev
        return prev

    def goto(self, step_id: str) -> None:
        self._index(step_id)
        if not self.is_step_visible(step_id):
            raise ValueError(f"étape « {step_id} » sans objet pour ces réponses")
        if step_id != self.current:
            self.visit()
        self.current = step_id

    @property
    def is_first(self) -> bool:
        return self.previous_step() is None

    @property
    def is_last(self) -> bool:
        return self.next_step() is None

    def progress(self) -> tuple[int, int]:
        """(complete visible steps, visible steps)."""
        visible = self.visible_steps()
        done = sum(1 for s in visible if self.step_state(s.id) == "complete")
        return done, len(visible)
