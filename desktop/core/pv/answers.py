"""Form answers in French words for documents: option labels, dates, oui/non, persons.

text = format_value(field, value, persons=lookup)        # "" when nothing to print
sections = form_sections(spec, answers, persons=lookup)   # one Section per visible step
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from desktop.core.formspec.dates import format_quantity_fr, partial_date_fr
from desktop.core.pv import words as w
from desktop.core.pv.engine import NBSP
from desktop.core.pv.model import Section

SKIP_TYPES = {"info", "body_markers", "signature"}
YES_NO = {True: "oui", False: "non"}


def as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return w.to_local(value) if value.tzinfo else value
    if not isinstance(value, str) or not value:
        return None
    try:
        return w.to_local(value)
    except ValueError:
        return None


def as_date(value: Any) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_fr(value: Any) -> str:
    d = as_date(value)
    if d is None and partial_date_fr(value):  # a date « même approximative »
        return partial_date_fr(value)
    return w.date_short(d) if d else str(value or "")


def datetime_fr(value: Any) -> str:
    dt = as_datetime(value)
    if dt is None:
        return str(value or "")
    return f"{w.date_short(dt.date())} à {w.time_short(dt.time())}"


def _labels(field) -> dict[str, str]:
    return {o.value: o.label for o in (field.options or ())}


def _soften(label: str) -> str:
    """Lower-case the first letter inside a list, but not an acronym (« UAPED »)."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def format_value(
    field, value: Any, persons: Callable[[Any], str] | None = None, depth: int = 0
) -> str:
    if value is None or value == "" or value == []:
        return ""
    t = field.type
    if t in ("choice",):
        return _labels(field).get(value, str(value))
    if t == "multi_choice":
        labels = _labels(field)
        items = [labels.get(v, str(v)) for v in value]
        return ", ".join([items[0], *(_soften(x) for x in items[1:])]) if items else ""
    if t == "yes_no":
        return YES_NO.get(value, str(value))
    if t == "yes_no_unknown":
        return {"oui": "oui", "non": "non", "inconnu": "inconnu"}.get(value, str(value))
    if t == "date":
        return date_fr(value)
    if t == "datetime":
        return datetime_fr(value)
    if t == "time":
        text = str(value)
        return text.replace(":", f"{NBSP}h{NBSP}", 1) if len(text) == 5 else text
    if t == "person_ref":
        return persons(value) if persons else str(value)
    if t == "verbatim":
        return f"«{NBSP}{str(value).strip()}{NBSP}»"
    if t == "computed":
        if isinstance(value, bool):
            return YES_NO[value]
        if isinstance(value, int | float):
            return format_quantity_fr(value, getattr(field, "unit", ""))
        return str(value) + (f"{NBSP}{field.unit}" if getattr(field, "unit", "") else "")
    if t == "repeat":
        if depth or not isinstance(value, list):
            return ""
        items = []
        subs = {f.id: f for f in field.fields or ()}
        for row in value:
            if not isinstance(row, Mapping):
                continue
            parts = []
            for key, sub in subs.items():
                if sub.type in SKIP_TYPES:
                    continue
                text = format_value(sub, row.get(key), persons, depth + 1)
                if text:
                    parts.append(f"{sub.label} : {text}")
            if parts:
                items.append(" ; ".join(parts))
        return "\n".join(f"–{NBSP}{x}" for x in items)
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, int | float):
        return str(value)
    return str(value)


def form_sections(
    spec,
    answers: Mapping[str, Any],
    persons: Callable[[Any], str] | None = None,
    now: datetime | None = None,
    exclude: set[str] = frozenset(),
) -> tuple[Section, ...]:
    """One Section per visible step, with a row per non-empty visible field."""
    from desktop.core.formspec import WizardFlow

    flow = WizardFlow(spec, dict(answers), now=now or w.now_local())
    effective = flow.effective_answers()
    visible_steps = {s.id for s in flow.visible_steps()}
    out = []
    for step in spec.steps:
        if step.id not in visible_steps:
            continue
        rows = []
        for f in step.fields:
            if f.type in SKIP_TYPES or f.id in exclude:
                continue
            text = format_value(f, effective.get(f.id), persons)
            if text:
                rows.append((f.label, text))
        if rows:
            out.append(Section(step.title.upper(), rows=tuple(rows)))
    return tuple(out)
