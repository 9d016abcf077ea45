"""Issue 14: one object per field type (check, read, sample) instead of comparing type names
in every module."""

from __future__ import annotations

import random
from datetime import datetime

from desktop.core.formspec import FIELD_TYPES, TYPES, check_value, normalize_input
from desktop.core.formspec.model import VALUELESS_TYPES
from desktop.core.law import form_registry

NOW = datetime(2026, 11, 30, 15, 0)


def test_every_field_type_of_the_model_is_one_object():
    assert set(TYPES) == set(FIELD_TYPES)
    for name, kind in TYPES.items():
        assert kind.description == FIELD_TYPES[name]
        assert kind.has_value == (name not in VALUELESS_TYPES)


def test_each_type_accepts_its_own_samples_on_every_field_of_every_form():
    rng = random.Random(14)
    checked = set()
    for spec in form_registry().forms.values():
        for _path, field in spec.iter_fields():
            if not field.has_value or field.type == "repeat" or field.constraints.after:
                continue
            value = TYPES[field.type].sample(field, rng, NOW)
            assert check_value(field, value, NOW) == [], (spec.id, field.id, value)
            checked.add(field.type)
    assert checked >= {"text", "integer", "date", "time", "datetime", "choice", "yes_no"}


def test_types_read_at_the_keyboard_are_the_ones_with_a_reader():
    spec = form_registry().get("audition_mineur")
    typed = {f.type for _p, f in spec.iter_fields() if TYPES[f.type].normalise is not None}
    assert typed >= {"text", "date", "datetime", "time", "integer"}
    choice = next(f for _p, f in spec.iter_fields() if f.type == "choice")
    assert normalize_input(choice, "x") == (
        None,
        f"« {choice.label} » ne se saisit pas au clavier.",
    )
