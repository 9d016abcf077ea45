"""Checking one answer against its field, and turning typed text into a stored value.

Stored values are JSON: text as str, integer as int, date 'YYYY-MM-DD', time 'HH:MM',
datetime 'YYYY-MM-DDTHH:MM' (seconds and offset allowed), choice str, multi_choice list of
str, yes_no bool, yes_no_unknown 'oui' | 'non' | 'inconnu', person_ref int (person id),
repeat list of {sub_id: value}, body_markers list of {view, x, y, n, type, description,
size_mm, width_mm, colour, clock}, signature {status, motif, name, image, signed_at,
content_sha256}.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.formspec.dates import parse_date_fr, parse_datetime_fr, parse_time_fr
from desktop.core.formspec.model import (
    BODY_VIEWS,
    SIGNATURE_STATUSES,
    YES_NO_UNKNOWN,
    Field,
)

__all__ = ["as_date", "as_datetime", "as_time", "check_value", "is_empty", "normalize_input"]

_PHONE_FR = re.compile(r"^(?:\+33\s?|0033\s?|0)[1-9](?:[\s.\-]?\d{2}){4}$")
_PHONE_INTL = re.compile(r"^\+[1-9][\d\s.\-]{6,18}\d$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_MARKER_KEYS = {
    "n",
    "view",
    "x",
    "y",
    "type",
    "description",
    "size_mm",
    "width_mm",
    "colour",
    "clock",
    "photo",
}
_SIGNATURE_KEYS = {"status", "motif", "name", "image", "signed_at", "content_sha256"}


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return not value
    return False


def as_date(value: Any) -> date | None:
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def as_time(value: Any) -> time | None:
    if not isinstance(value, str) or not _TIME.match(value):
        return None
    return time.fromisoformat(value)


def as_datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _fmt_num(v: Any) -> str:
    return str(v).replace(".", ",")


def check_value(field: Field, value: Any, now: datetime) -> list[tuple[str, str]]:
    """Problems of a non-empty value (kind, French message). Empty values are not checked
    here: `required` is the flow's business. Never raises."""
    t = field.type
    c = field.constraints
    label = field.label
    out: list[tuple[str, str]] = []

    if t in ("text", "long_text", "verbatim"):
        if not isinstance(value, str):
            return [("type", f"« {label} » doit être un texte.")]
        n = len(value.strip())
        if c.min_length is not None and n < c.min_length:
            out.append(("bounds", f"« {label} » : au moins {c.min_length} caractères."))
        if c.max_length is not None and n > c.max_length:
            out.append(("bounds", f"« {label} » : au plus {c.max_length} caractères ({n} saisis)."))
        if c.format == "phone":
            compact = value.strip()
            if not (_PHONE_FR.match(compact) or _PHONE_INTL.match(compact)):
                out.append(
                    (
                        "format",
                        f"« {label} » : numéro de téléphone non reconnu "
                        "(exemples : 06 12 34 56 78, +33 6 12 34 56 78).",
                    )
                )
        elif c.format == "email" and not _EMAIL.match(value.strip()):
            out.append(("format", f"« {label} » : adresse électronique non reconnue."))
        elif c.format == "sha256" and not _SHA256.match(value.strip()):
            out.append(
                (
                    "format",
                    f"« {label} » : empreinte SHA-256 attendue (64 caractères hexadécimaux).",
                )
            )
        return out

    if t == "integer":
        if not _is_int(value):
            return [("type", f"« {label} » doit être un nombre entier.")]
        if c.min is not None and value < c.min:
            out.append(("bounds", f"« {label} » : au moins {_fmt_num(c.min)}."))
        if c.max is not None and value > c.max:
            out.append(("bounds", f"« {label} » : au plus {_fmt_num(c.max)}."))
        return out

    if t == "date":
        d = as_date(value)
        if d is None:
            return [
                (
                    "format",
                    f"« {label} » : date invalide (attendu AAAA-MM-JJ, par exemple 2026-11-26).",
                )
            ]
        if c.not_future and d > now.date():
            out.append(("future", f"« {label} » ne peut pas être dans le futur."))
        return out

    if t == "time":
        if as_time(value) is None:
            return [("format", f"« {label} » : heure invalide (attendu HH:MM, par exemple 14:30).")]
        return out

    if t == "datetime":
        dt = as_datetime(value)
        if dt is None:
            return [
                (
                    "format",
                    f"« {label} » : date et heure invalides (attendu "
                    "AAAA-MM-JJTHH:MM, par exemple 2026-11-26T14:30).",
                )
            ]
        if c.not_future and dt.replace(tzinfo=None) > now.replace(tzinfo=None):
            out.append(("future", f"« {label} » ne peut pas être dans le futur."))
        return out

    if t == "choice":
        if not isinstance(value, str) or field.option(value) is None:
            return [("option", f"« {label} » : choix non prévu.")]
        return out

    if t == "multi_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return [("type", f"« {label} » : liste de choix attendue.")]
        bad = [v for v in value if field.option(v) is None]
        if bad:
            out.append(("option", f"« {label} » : choix non prévu."))
        if len(set(value)) != len(value):
            out.append(("option", f"« {label} » : un choix figure deux fois."))
        out.extend(_items(field, len(value)))
        return out

    if t == "yes_no":
        if not isinstance(value, bool):
            return [("type", f"« {label} » : oui ou non attendu.")]
        return out

    if t == "yes_no_unknown":
        if value not in YES_NO_UNKNOWN:
            return [("option", f"« {label} » : oui, non ou ne sait pas attendu.")]
        return out

    if t == "person_ref":
        if not _is_int(value) or value <= 0:
            return [("type", f"« {label} » : choisissez une personne de la procédure.")]
        return out

    if t == "body_markers":
        if not isinstance(value, list):
            return [("type", f"« {label} » : liste de repères attendue.")]
        for i, m in enumerate(value, 1):
            out.extend(_marker(field, i, m))
        out.extend(_items(field, len(value)))
        return out

    if t == "signature":
        return _signature(label, value)

    if t == "repeat":
        if not isinstance(value, list):
            return [("type", f"« {label} » : liste attendue.")]
        return _items(field, len(value))

    return out


def _items(field: Field, n: int) -> list[tuple[str, str]]:
    c, label = field.constraints, field.label
    out = []
    if c.min_items is not None and n < c.min_items:
        out.append(("bounds", f"« {label} » : au moins {c.min_items} élément(s)."))
    if c.max_items is not None and n > c.max_items:
        out.append(("bounds", f"« {label} » : au plus {c.max_items} élément(s)."))
    return out


def _marker(field: Field, i: int, m: Any) -> list[tuple[str, str]]:
    where = f"« {field.label} », repère {i}"
    if not isinstance(m, dict):
        return [("type", f"{where} : repère invalide.")]
    out = []
    unknown = sorted(str(k) for k in m if k not in _MARKER_KEYS)
    if unknown:
        out.append(("type", f"{where} : information inconnue ({', '.join(unknown)})."))
    if m.get("view") not in BODY_VIEWS:
        out.append(("type", f"{where} : vue du schéma manquante ou inconnue."))
    for axis in ("x", "y"):
        v = m.get(axis)
        if not _is_num(v) or not 0 <= v <= 1:
            out.append(("bounds", f"{where} : position hors du schéma."))
            break
    kind = m.get("type")
    if kind is not None and (
        not isinstance(kind, str) or (field.options and field.option(kind) is None)
    ):
        out.append(("option", f"{where} : type de lésion non prévu."))
    if "description" in m and not isinstance(m["description"], str):
        out.append(("type", f"{where} : description attendue sous forme de texte."))
    for key in ("size_mm", "width_mm"):
        size = m.get(key)
        if size is not None and (not _is_num(size) or size < 0):
            out.append(("bounds", f"{where} : taille en millimètres invalide."))
    if m.get("colour") is not None and not isinstance(m["colour"], str):
        out.append(("type", f"{where} : couleur attendue sous forme de texte."))
    clock = m.get("clock")
    if clock is not None and (not _is_int(clock) or not 1 <= clock <= 12):
        out.append(("bounds", f"{where} : position horaire de 1 à 12."))
    n = m.get("n")
    if n is not None and (not _is_int(n) or n < 1):
        out.append(("bounds", f"{where} : numéro invalide."))
    return out


def _signature(label: str, value: Any) -> list[tuple[str, str]]:
    if not isinstance(value, dict):
        return [("type", f"« {label} » : signature invalide.")]
    out = []
    unknown = sorted(str(k) for k in value if k not in _SIGNATURE_KEYS)
    if unknown:
        out.append(("type", f"« {label} » : information inconnue ({', '.join(unknown)})."))
    status = value.get("status")
    if status not in SIGNATURE_STATUSES:
        out.append(
            (
                "option",
                f"« {label} » : indiquez si la personne a signé, refuse, ne sait "
                "ou ne peut pas signer.",
            )
        )
    for key in ("motif", "name", "image", "content_sha256"):
        if key in value and value[key] is not None and not isinstance(value[key], str):
            out.append(("type", f"« {label} » : « {key} » doit être un texte."))
    signed_at = value.get("signed_at")
    if signed_at is not None and as_datetime(signed_at) is None:
        out.append(("format", f"« {label} » : date de signature invalide."))
    return out


def normalize_input(
    field: Field, text: str, *, today: date | None = None
) -> tuple[Any, str | None]:
    """Turn what a user typed into the stored value: (value, None) or (None, French message).

    Dates accept the French formats of `dates.parse_date_fr`, times 14h30, integers with
    spaces; empty text gives (None, None)."""
    if text is None or not str(text).strip():
        return None, None
    s = str(text).strip()
    try:
        if field.type == "date":
            return parse_date_fr(s, today=today).isoformat(), None
        if field.type == "time":
            return parse_time_fr(s).strftime("%H:%M"), None
        if field.type == "datetime":
            return parse_datetime_fr(s, today=today).isoformat(timespec="minutes"), None
        if field.type == "integer":
            compact = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
            if not re.fullmatch(r"-?\d{1,12}", compact):
                return None, f"« {field.label} » : nombre entier attendu."
            return int(compact), None
    except InvalidInput as exc:
        return None, exc.message
    if field.type in ("text", "long_text", "verbatim"):
        return s, None
    return None, f"« {field.label} » ne se saisit pas au clavier."
