"""Example answers: a complete, valid answer set for any definition (fictional content).

Used by the property tests (« a complete valid set always validates »), the demo and the
benchmarks. Every field gets a value, hidden or not, so every condition is satisfiable
whatever the random choices decide; `after:` constraints get the same value as the field
they follow (equal is allowed).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from desktop.core.formspec.model import Field, FormSpec

__all__ = ["example_answers"]

_WORDS = ("Texte d'exemple", "Élément fictif", "Mention d'essai", "Réponse fictive")


def _text(f: Field, rng: random.Random) -> str:
    c = f.constraints
    if c.format == "phone":
        return rng.choice(["06 12 34 56 78", "+33 6 98 76 54 32", "01.23.45.67.89"])
    if c.format == "email":
        return "agent.fictif@example.fr"
    if c.format == "sha256":
        return "".join(rng.choice("0123456789abcdef") for _ in range(64))
    text = rng.choice(_WORDS)
    if c.min_length:
        while len(text) < c.min_length:
            text += " " + rng.choice(_WORDS)
    if c.max_length:
        text = text[: c.max_length].strip() or "x"
    return text


def _value(f: Field, rng: random.Random, now: datetime, siblings: dict, top: dict) -> Any:
    c = f.constraints
    if c.after:
        other = siblings.get(c.after, top.get(c.after))
        if other is not None:
            return other
    t = f.type
    if t in ("text", "long_text", "verbatim"):
        return _text(f, rng)
    if t == "integer":
        lo = int(c.min) if c.min is not None else 0
        hi = int(c.max) if c.max is not None else lo + 50
        return rng.randint(lo, hi)
    if t == "date":
        return (now - timedelta(days=rng.randint(1, 4000))).date().isoformat()
    if t == "time":
        return f"{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}"
    if t == "datetime":
        return (now - timedelta(minutes=rng.randint(1, 200_000))).isoformat(timespec="minutes")
    if t == "choice":
        return rng.choice(f.options).value
    if t == "multi_choice":
        lo = max(1, c.min_items or 0)
        hi = min(len(f.options), c.max_items or len(f.options))
        k = rng.randint(lo, max(lo, hi))
        return [o.value for o in rng.sample(list(f.options), k)]
    if t == "yes_no":
        return rng.random() < 0.5
    if t == "yes_no_unknown":
        return rng.choice(["oui", "non", "inconnu"])
    if t == "person_ref":
        return rng.randint(1, 40)
    if t == "repeat":
        lo = c.min_items or 0
        hi = min(c.max_items if c.max_items is not None else 3, max(lo, 3))
        rows = []
        for _ in range(rng.randint(lo, max(lo, hi))):
            row: dict = {}
            for sf in f.fields:
                if sf.has_value:
                    row[sf.id] = _value(sf, rng, now, row, top)
            rows.append(row)
        return rows
    if t == "body_markers":
        lo = max(1, c.min_items or 0)
        kinds = [o.value for o in f.options] or ["autre"]
        return [
            {
                "n": i + 1,
                "view": rng.choice(["face", "dos"]),
                "x": round(rng.random(), 3),
                "y": round(rng.random(), 3),
                "type": rng.choice(kinds),
                "description": "Lésion fictive",
            }
            for i in range(lo)
        ]
    if t == "signature":
        return {"status": "signe", "name": "Signataire fictif"}
    return None


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
