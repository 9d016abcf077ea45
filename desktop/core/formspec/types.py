"""The field types, one object each: how a value is checked, read from what was typed,
made up for examples and printed in French. `check_value`, `normalize_input`,
`example_answers` and the documents' `format_value` dispatch through TYPES instead of
comparing type names (issue 14).

    TYPES["date"].check(field, "2026-11-26", now)      # [(kind, French message)]
    TYPES["date"].normalise(field, "26/11/2026", today) # "2026-11-26" or InvalidInput
    TYPES["date"].sample(field, rng, now)               # a valid fictional value
    format_value(field, "2026-11-26")                   # "26/11/2026" (documents)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.formspec.dates import (
    date_fr,
    datetime_fr,
    format_quantity_fr,
    parse_date_fr,
    parse_datetime_fr,
    parse_partial_date_fr,
    parse_time_fr,
    partial_date_fr,
)
from desktop.core.formspec.model import (
    BODY_VIEWS,
    FIELD_TYPES,
    SIGNATURE_STATUSES,
    VALUELESS_TYPES,
    YES_NO_UNKNOWN,
    Field,
)

__all__ = ["TYPES", "FieldType", "as_date", "as_datetime", "as_time", "format_value"]

Problems = list[tuple[str, str]]  # (kind, French message)

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
# content_sha256: the text the signature approves (desktop.core.pv.binding)
_SIGNATURE_KEYS = {"status", "motif", "name", "image", "signed_at", "content_sha256"}


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


# -- checks (value is never empty here: `required` is the flow's business) -------------------


def _check_text(field: Field, value: Any, now: datetime) -> Problems:
    c, label = field.constraints, field.label
    if not isinstance(value, str):
        return [("type", f"« {label} » doit être un texte.")]
    out: Problems = []
    n = len(value.strip())
    if c.min_length is not None and n < c.min_length:
        out.append(("bounds", f"« {label} » : au moins {c.min_length} caractères."))
    if c.max_length is not None and n > c.max_length:
        out.append(("bounds", f"« {label} » : au plus {c.max_length} caractères ({n} saisis)."))
    compact = value.strip()
    if c.format == "phone" and not (_PHONE_FR.match(compact) or _PHONE_INTL.match(compact)):
        out.append(
            (
                "format",
                f"« {label} » : numéro de téléphone non reconnu "
                "(exemples : 06 12 34 56 78, +33 6 12 34 56 78).",
            )
        )
    elif c.format == "email" and not _EMAIL.match(compact):
        out.append(("format", f"« {label} » : adresse électronique non reconnue."))
    elif c.format == "sha256" and not _SHA256.match(compact):
        out.append(
            ("format", f"« {label} » : empreinte SHA-256 attendue (64 caractères hexadécimaux).")
        )
    return out


def _check_integer(field: Field, value: Any, now: datetime) -> Problems:
    c, label = field.constraints, field.label
    if not _is_int(value):
        return [("type", f"« {label} » doit être un nombre entier.")]
    out: Problems = []
    if c.min is not None and value < c.min:
        out.append(("bounds", f"« {label} » : au moins {_fmt_num(c.min)}."))
    if c.max is not None and value > c.max:
        out.append(("bounds", f"« {label} » : au plus {_fmt_num(c.max)}."))
    return out


def _future(field: Field, late: bool) -> Problems:
    if field.constraints.not_future and late:
        return [("future", f"« {field.label} » ne peut pas être dans le futur.")]
    return []


def _check_date(field: Field, value: Any, now: datetime) -> Problems:
    d = as_date(value)
    if d is None and field.constraints.approximate and partial_date_fr(value):
        first_day = date(int(value[:4]), int(value[5:7] or 1), 1)  # start of the period
        return _future(field, first_day > now.date())
    if d is None:
        return [
            (
                "format",
                f"« {field.label} » : date invalide (attendu AAAA-MM-JJ, par exemple 2026-11-26).",
            )
        ]
    return _future(field, d > now.date())


def _check_time(field: Field, value: Any, now: datetime) -> Problems:
    if as_time(value) is None:
        return [
            ("format", f"« {field.label} » : heure invalide (attendu HH:MM, par exemple 14:30).")
        ]
    return []


def _check_datetime(field: Field, value: Any, now: datetime) -> Problems:
    dt = as_datetime(value)
    if dt is None:
        return [
            (
                "format",
                f"« {field.label} » : date et heure invalides (attendu "
                "AAAA-MM-JJTHH:MM, par exemple 2026-11-26T14:30).",
            )
        ]
    return _future(field, dt.replace(tzinfo=None) > now.replace(tzinfo=None))


def _check_choice(field: Field, value: Any, now: datetime) -> Problems:
    if not isinstance(value, str) or field.option(value) is None:
        return [("option", f"« {field.label} » : choix non prévu.")]
    return []


def _check_multi(field: Field, value: Any, now: datetime) -> Problems:
    label = field.label
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [("type", f"« {label} » : liste de choix attendue.")]
    out: Problems = []
    if any(field.option(v) is None for v in value):
        out.append(("option", f"« {label} » : choix non prévu."))
    if len(set(value)) != len(value):
        out.append(("option", f"« {label} » : un choix figure deux fois."))
    return out + _items(field, len(value))


def _check_yes_no(field: Field, value: Any, now: datetime) -> Problems:
    return [] if isinstance(value, bool) else [("type", f"« {field.label} » : oui ou non attendu.")]


def _check_yes_no_unknown(field: Field, value: Any, now: datetime) -> Problems:
    if value not in YES_NO_UNKNOWN:
        return [("option", f"« {field.label} » : oui, non ou ne sait pas attendu.")]
    return []


def _check_person(field: Field, value: Any, now: datetime) -> Problems:
    if not _is_int(value) or value <= 0:
        return [("type", f"« {field.label} » : choisissez une personne de la procédure.")]
    return []


def _check_markers(field: Field, value: Any, now: datetime) -> Problems:
    if not isinstance(value, list):
        return [("type", f"« {field.label} » : liste de repères attendue.")]
    out: Problems = []
    for i, m in enumerate(value, 1):
        out.extend(_marker(field, i, m))
    return out + _items(field, len(value))


def _check_signature(field: Field, value: Any, now: datetime) -> Problems:
    return _signature(field.label, value)


def _check_repeat(field: Field, value: Any, now: datetime) -> Problems:
    if not isinstance(value, list):
        return [("type", f"« {field.label} » : liste attendue.")]
    return _items(field, len(value))


def _no_check(field: Field, value: Any, now: datetime) -> Problems:
    return []


# -- reading what was typed (raises InvalidInput with a French message) ------------------------


def _read_text(field: Field, text: str, today: date | None) -> Any:
    return text


def _read_integer(field: Field, text: str, today: date | None) -> Any:
    compact = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if not re.fullmatch(r"-?\d{1,12}", compact):
        raise InvalidInput(f"« {field.label} » : nombre entier attendu.")
    return int(compact)


def _read_date(field: Field, text: str, today: date | None) -> Any:
    if field.constraints.approximate:
        return parse_partial_date_fr(text, today=today)
    return parse_date_fr(text, today=today).isoformat()


def _read_time(field: Field, text: str, today: date | None) -> Any:
    return parse_time_fr(text).strftime("%H:%M")


def _read_datetime(field: Field, text: str, today: date | None) -> Any:
    return parse_datetime_fr(text, today=today).isoformat(timespec="minutes")


# -- fictional values for examples (desktop.core.formspec.sample) -----------------------------

_WORDS = ("Texte d'exemple", "Élément fictif", "Mention d'essai", "Réponse fictive")


def _sample_text(f: Field, rng: random.Random, now: datetime) -> Any:
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


def _sample_integer(f: Field, rng: random.Random, now: datetime) -> Any:
    c = f.constraints
    lo = int(c.min) if c.min is not None else 0
    hi = int(c.max) if c.max is not None else lo + 50
    return rng.randint(lo, hi)


def _sample_multi(f: Field, rng: random.Random, now: datetime) -> Any:
    c = f.constraints
    lo = max(1, c.min_items or 0)
    hi = min(len(f.options), c.max_items or len(f.options))
    k = rng.randint(lo, max(lo, hi))
    return [o.value for o in rng.sample(list(f.options), k)]


def _sample_markers(f: Field, rng: random.Random, now: datetime) -> Any:
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
        for i in range(max(1, f.constraints.min_items or 0))
    ]


def _sample_none(f: Field, rng: random.Random, now: datetime) -> Any:
    return None


# -- French text for documents (desktop.core.pv.answers) --------------------------------------

NBSP = "\u00a0"
YES_NO = {True: "oui", False: "non"}
Persons = Callable[[Any], str] | None  # person id -> « Léa MARTIN, née le … »


def _fr_plain(f: Field, value: Any, persons: Persons, depth: int) -> str:
    return YES_NO[value] if isinstance(value, bool) else str(value)


def _labels(f: Field) -> dict[str, str]:
    return {o.value: o.label for o in (f.options or ())}


def _soften(label: str) -> str:
    """Lower-case the first letter inside a list, but not an acronym (« UAPED »)."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def _fr_multi(f: Field, value: Any, persons: Persons, depth: int) -> str:
    labels = _labels(f)
    items = [labels.get(v, str(v)) for v in value]
    return ", ".join([items[0], *(_soften(x) for x in items[1:])]) if items else ""


def _fr_time(f: Field, value: Any, persons: Persons, depth: int) -> str:
    text = str(value)
    return text.replace(":", f"{NBSP}h{NBSP}", 1) if len(text) == 5 else text


def _fr_computed(f: Field, value: Any, persons: Persons, depth: int) -> str:
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, int | float):
        return format_quantity_fr(value, f.unit or "")
    return str(value) + (f"{NBSP}{f.unit}" if f.unit else "")


def _fr_repeat(f: Field, value: Any, persons: Persons, depth: int) -> str:
    """One « – label : text ; … » line per row (rows inside a row are not printed)."""
    if depth or not isinstance(value, list):
        return ""
    items = []
    for row in value:
        if not isinstance(row, dict):
            continue
        parts = [
            f"{sub.label} : {text}"
            for sub in f.fields or ()
            if TYPES[sub.type].in_documents
            and (text := format_value(sub, row.get(sub.id), persons, depth + 1))
        ]
        if parts:
            items.append(" ; ".join(parts))
    return "\n".join(f"–{NBSP}{x}" for x in items)


def format_value(f: Field, value: Any, persons: Persons = None, depth: int = 0) -> str:
    """An answer as a document prints it (French, service's wall time); "" when empty.
    `persons` names a person_ref (its id otherwise); `depth` > 0 inside a repeat's row."""
    if value is None or value == "" or value == []:
        return ""
    return TYPES[f.type].french(f, value, persons, depth)


# -- the registry ------------------------------------------------------------------------------

Check = Callable[[Field, Any, datetime], Problems]
Read = Callable[[Field, str, "date | None"], Any]
Sample = Callable[[Field, random.Random, datetime], Any]
French = Callable[[Field, Any, Persons, int], str]


@dataclass(frozen=True)
class FieldType:
    name: str
    description: str  # French, for `trame forms show` and hints
    check: Check = _no_check
    normalise: Read | None = None  # None: not typed at the keyboard
    sample: Sample = _sample_none
    french: French = _fr_plain  # the answer in a document
    in_documents: bool = True  # False: never a row of a document's sections

    @property
    def has_value(self) -> bool:
        return self.name not in VALUELESS_TYPES


def _types(*items: FieldType) -> dict[str, FieldType]:
    return {t.name: t for t in items}


TYPES: dict[str, FieldType] = _types(
    *(
        FieldType(n, FIELD_TYPES[n], _check_text, _read_text, _sample_text)
        for n in ("text", "long_text")
    ),
    FieldType(
        "verbatim",
        FIELD_TYPES["verbatim"],
        _check_text,
        _read_text,
        _sample_text,
        french=lambda f, v, persons, depth: f"«{NBSP}{str(v).strip()}{NBSP}»",
    ),
    FieldType("integer", FIELD_TYPES["integer"], _check_integer, _read_integer, _sample_integer),
    FieldType(
        "date",
        FIELD_TYPES["date"],
        _check_date,
        _read_date,
        lambda f, rng, now: (now - timedelta(days=rng.randint(1, 4000))).date().isoformat(),
        french=lambda f, v, persons, depth: date_fr(v),
    ),
    FieldType(
        "time",
        FIELD_TYPES["time"],
        _check_time,
        _read_time,
        lambda f, rng, now: f"{rng.randint(0, 23):02d}:{rng.choice([0, 15, 30, 45]):02d}",
        french=_fr_time,
    ),
    FieldType(
        "datetime",
        FIELD_TYPES["datetime"],
        _check_datetime,
        _read_datetime,
        lambda f, rng, now: (now - timedelta(minutes=rng.randint(1, 200_000))).isoformat(
            timespec="minutes"
        ),
        french=lambda f, v, persons, depth: datetime_fr(v),
    ),
    FieldType(
        "choice",
        FIELD_TYPES["choice"],
        _check_choice,
        None,
        lambda f, rng, now: rng.choice(f.options).value,
        french=lambda f, v, persons, depth: _labels(f).get(v, str(v)),
    ),
    FieldType(
        "multi_choice", FIELD_TYPES["multi_choice"], _check_multi, None, _sample_multi, _fr_multi
    ),
    FieldType(
        "yes_no",
        FIELD_TYPES["yes_no"],
        _check_yes_no,
        None,
        lambda f, rng, now: rng.random() < 0.5,
        french=lambda f, v, persons, depth: YES_NO.get(v, str(v)),
    ),
    FieldType(
        "yes_no_unknown",
        FIELD_TYPES["yes_no_unknown"],
        _check_yes_no_unknown,
        None,
        lambda f, rng, now: rng.choice(["oui", "non", "inconnu"]),
    ),
    FieldType(
        "person_ref",
        FIELD_TYPES["person_ref"],
        _check_person,
        None,
        lambda f, rng, now: rng.randint(1, 40),
        french=lambda f, v, persons, depth: persons(v) if persons else str(v),
    ),
    # rows: sample.py recurses
    FieldType("repeat", FIELD_TYPES["repeat"], _check_repeat, french=_fr_repeat),
    FieldType(
        "body_markers",
        FIELD_TYPES["body_markers"],
        _check_markers,
        None,
        _sample_markers,
        in_documents=False,  # drawn on the body diagram, not written
    ),
    FieldType(
        "signature",
        FIELD_TYPES["signature"],
        _check_signature,
        None,
        lambda f, rng, now: {"status": "signe", "name": "Signataire fictif"},
        in_documents=False,  # printed in the signature block
    ),
    FieldType("computed", FIELD_TYPES["computed"], french=_fr_computed),
    FieldType("info", FIELD_TYPES["info"], in_documents=False),
)
