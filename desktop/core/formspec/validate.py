"""Checking one answer against its field, and turning typed text into a stored value.

Stored values are JSON: text as str, integer as int, date 'YYYY-MM-DD', time 'HH:MM',
datetime 'YYYY-MM-DDTHH:MM' (seconds and offset allowed), choice str, multi_choice list of
str, yes_no bool, yes_no_unknown 'oui' | 'non' | 'inconnu', person_ref int (person id),
repeat list of {sub_id: value}, body_markers list of {view, x, y, n, type, description,
size_mm, width_mm, colour, clock}, signature {status, motif, name, image, signed_at,
content_sha256}.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.formspec.model import Field
from desktop.core.formspec.types import TYPES, as_date, as_datetime, as_time

__all__ = ["as_date", "as_datetime", "as_time", "check_value", "is_empty", "normalize_input"]


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def check_value(field: Field, value: Any, now: datetime) -> list[tuple[str, str]]:
    """Problems of a non-empty value (kind, French message), by the field's type object
    (desktop.core.formspec.types). Empty values are not checked here: `required` is the
    flow's business. Never raises."""
    kind = TYPES.get(field.type)
    return kind.check(field, value, now) if kind is not None else []


def normalize_input(
    field: Field, text: str, *, today: date | None = None
) -> tuple[Any, str | None]:
    """Turn what a user typed into the stored value: (value, None) or (None, French message).

    Dates accept the French formats of `dates.parse_date_fr` (a month or a year alone for
    an `approximate` date), times 14h30, integers with spaces; empty text gives (None, None)."""
    if text is None or not str(text).strip():
        return None, None
    kind = TYPES.get(field.type)
    if kind is None or kind.normalise is None:
        return None, f"« {field.label} » ne se saisit pas au clavier."
    try:
        return kind.normalise(field, str(text).strip(), today), None
    except InvalidInput as exc:
        return None, exc.message
