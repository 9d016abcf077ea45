"""Form answers in French words for documents, a section per step.

text = format_value(field, value, persons=lookup)        # each field type's French (formspec.types)
sections = form_sections(spec, answers, persons=lookup)   # one Section per visible step
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from desktop.core.formspec.types import TYPES
from desktop.core.formspec.types import format_value as format_value  # the types' French
from desktop.core.pv import words as w
from desktop.core.pv.model import Section


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
            if not TYPES[f.type].in_documents or f.id in exclude:
                continue
            text = format_value(f, effective.get(f.id), persons)
            if text:
                rows.append((f.label, text))
        if rows:
            out.append(Section(step.title.upper(), rows=tuple(rows)))
    return tuple(out)
