"""Example answers: a complete, valid answer set for any definition (fictional content).

Used by the property tests (« a complete valid set always validates »), the demo and the
benchmarks. Every field gets a value, hidden or not, so every condition is satisfiable
whatever the random choices decide; `after:` constraints get the same value as the field
they follow (equal is allowed).
"""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

from desktop.core.formspec.model import Field, FormSpec
from desktop.core.formspec.types import TYPES

__all__ = ["example_answers"]


def _value(f: Field, rng: random.Random, now: datetime, siblings: dict, top: dict) -> Any:
    c = f.constraints
    if c.after:
        other = siblings.get(c.after, top.get(c.after))
        if other is not None:
            return other
    if f.type == "repeat":  # rows made field by field, each sub-field by its own type
        c = f.constraints
        lo = max(c.min_items or 0, 1)  # a complete example answers every group (a row or more)
        hi = min(c.max_items if c.max_items is not None else 3, max(lo, 3))
        rows = []
        for _ in range(rng.randint(lo, max(lo, hi))):
            row: dict = {}
            for sf in f.fields:
                if sf.has_value:
                    row[sf.id] = _value(sf, rng, now, row, top)
            rows.append(row)
        return rows
    kind = TYPES.get(f.type)
    return kind.sample(f, rng, now) if kind is not None else None


def example_answers(
    spec: FormSpec, *, seed: int | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """A complete valid answer set for `spec` (random but reproducible with `seed`)."""
    rng = random.Random(seed)
    now = (now or datetime.now()).replace(second=0, microsecond=0)
    answers: dict[str, Any] = {}
    for step in spec.steps:
        for f in step.fields:
            if f.has_value:
                answers[f.id] = _value(f, rng, now, answers, answers)
    return answers
