"""Dates and times typed the French way, turned into ISO values or a French message.

    parse_date_fr("26/11/2026") == parse_date_fr("26 novembre 2026") == date(2026, 11, 26)
    parse_time_fr("14h30") == time(14, 30)
    parse_datetime_fr("26/11/2026 à 14h30") == datetime(2026, 11, 26, 14, 30)

Each raises `InvalidInput` (with a French `.message`); the `try_*` variants return
`(value, None)` or `(None, message)` for a form that shows the message under the field.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time

from desktop.core.errors import InvalidInput
from desktop.core.servicetime import to_local

__all__ = [
    "MONTHS",
    "any_date",
    "date_fr",
    "date_short",
    "datetime_fr",
    "local_datetime",
    "time_short",
    "format_date_fr",
    "format_quantity_fr",
    "parse_date_fr",
    "parse_datetime_fr",
    "parse_partial_date_fr",
    "partial_date_fr",
    "parse_time_fr",
    "try_parse_date_fr",
    "try_parse_datetime_fr",
    "try_parse_time_fr",
]

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

_MONTH_WORDS = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_WEEKDAYS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}

_HINT = "écrivez par exemple 26/11/2026, 2026-11-26 ou 26 novembre 2026"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _year(text: str, today: date) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000
        if y > today.year + 10:
            y -= 100
    return y


def _make(y: int, m: int, d: int, raw: str) -> date:
    if not 1 <= m <= 12:
        raise InvalidInput(f"Date « {raw} » : le mois {m} n'existe pas ({_HINT}).")
    try:
        return date(y, m, d)
    except ValueError:
        raise InvalidInput(
            f"Date « {raw} » : le {d} n'existe pas dans ce mois ({_HINT})."
        ) from None


def parse_date_fr(text: str, *, today: date | None = None) -> date:
    """Parse 26/11/2026, 26-11-2026, 26.11.26, 2026-11-26, « jeudi 1er novembre 2026 »."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput(f"Date vide : {_HINT}.")
    today = today or date.today()
    raw = text.strip()
    s = _fold(raw).replace("\u00a0", " ")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), raw)
    m = re.fullmatch(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})", s)
    if m:
        return _make(_year(m[4], today), int(m[3]), int(m[1]), raw)
    words = [w for w in re.split(r"[\s,]+", s) if w]
    if words and words[0] in _WEEKDAYS:
        words = words[1:]
    if len(words) == 3:
        day_w, month_w, year_w = words
        day_w = re.sub(r"(er|e)$", "", day_w)
        month_w = month_w.rstrip(".")
        # isdecimal, not isdigit: int() refuses digits such as « 𐩀 » that isdigit accepts
        if day_w.isdecimal() and year_w.isdecimal() and len(year_w) in (2, 4):
            month = _MONTH_WORDS.get(month_w)
            if month is None:
                raise InvalidInput(f"Date « {raw} » : mois « {words[1]} » inconnu ({_HINT}).")
            return _make(_year(year_w, today), month, int(day_w), raw)
    raise InvalidInput(f"Date « {raw} » non reconnue : {_HINT}.")


def parse_partial_date_fr(text: str, *, today: date | None = None) -> str:
    """A date « même approximative »: a full date gives 2026-06-14, « juin 2026 » or
    « 06/2026 » gives 2026-06, « 2012 » gives 2012 (ISO 8601 reduced precision).

    :raises InvalidInput: with a French message."""
    today = today or date.today()
    raw = (text or "").strip()
    s = _fold(raw).replace("\u00a0", " ")
    m = re.fullmatch(r"(?:en |vers |annee )?(\d{4})", s)
    if m:
        return _partial(int(m[1]), None, raw)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s) or re.fullmatch(r"(\d{1,2})\s*[/.\-]\s*(\d{4})", s)
    if m:
        a, b = int(m[1]), int(m[2])
        return _partial(a, b, raw) if a > 31 else _partial(b, a, raw)
    words = [
        w for w in re.split(r"[\s,]+", s) if w and w not in ("en", "vers", "debut", "fin", "mi")
    ]
    if len(words) == 2 and words[1].isdecimal() and len(words[1]) == 4:
        month = _MONTH_WORDS.get(words[0].rstrip("."))
        if month is None:
            raise InvalidInput(f"Date « {raw} » : mois « {words[0]} » inconnu ({_HINT_PARTIAL}).")
        return _partial(int(words[1]), month, raw)
    try:
        return parse_date_fr(raw, today=today).isoformat()
    except InvalidInput as exc:
        if "non reconnue" not in exc.message:
            raise  # a full date with a wrong day or month: its own message
        raise InvalidInput(f"Date « {raw} » non reconnue : {_HINT_PARTIAL}.") from None


_HINT_PARTIAL = "par exemple 14/06/2026, juin 2026 ou 2026 si seule l'année est connue"


def _partial(year: int, month: int | None, raw: str) -> str:
    if not 1900 <= year <= 2200:
        raise InvalidInput(f"Date « {raw} » : année {year} invraisemblable ({_HINT_PARTIAL}).")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise InvalidInput(f"Date « {raw} » : le mois {month} n'existe pas ({_HINT_PARTIAL}).")
    return f"{year:04d}-{month:02d}"


def partial_date_fr(value) -> str | None:
    """« juin 2026 » for 2026-06, « 2012 » for 2012; None for anything else."""
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", value)
    if not m:
        return None
    if m[2] is None:
        return m[1]
    month = int(m[2])
    return f"{MONTHS[month - 1]} {m[1]}" if 1 <= month <= 12 else None


def format_quantity_fr(value: float | int, unit: str = "") -> str:
    """A computed number the French way, with its unit. Durations in « heures » read as a
    person would say them: 0.03 -> « 2 minutes », 1.5 -> « 1 heure 30 », 49 -> « 49 heures »
    (never « 0,0 heures »); other numbers keep one decimal (« 2,5 km »)."""
    if unit == "heures":
        minutes = round(value * 60)
        sign, minutes = ("moins " if minutes < 0 else ""), abs(minutes)
        if minutes < 60:
            return f"{sign}{minutes}\u00a0minute{'s' if minutes > 1 else ''}"
        hours, rest = divmod(minutes, 60)
        text = f"{hours}\u00a0heure{'s' if hours > 1 else ''}"
        return sign + (f"{text} {rest:02d}" if rest else text)
    text = f"{value:.1f}".replace(".", ",") if isinstance(value, float) else str(value)
    return f"{text}\u00a0{unit}" if unit else text


def parse_time_fr(text: str) -> time:
    """Parse 14h30, 14 h 30, 14h, 14:30, 9:05."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("Heure vide : écrivez par exemple 14h30 ou 14:30.")
    raw = text.strip()
    s = raw.lower().replace("\u00a0", " ")
    m = re.fullmatch(r"(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?:\s*(?:min|mn))?", s)
    if not m:
        raise InvalidInput(f"Heure « {raw} » non reconnue : écrivez par exemple 14h30 ou 14:30.")
    hh, mm = int(m[1]), int(m[2] or 0)
    if hh > 23 or mm > 59:
        raise InvalidInput(f"Heure « {raw} » impossible (de 00h00 à 23h59).")
    return time(hh, mm)


def parse_datetime_fr(text: str, *, today: date | None = None) -> datetime:
    """Parse « 26/11/2026 14h30 », « 26 novembre 2026 à 14:30 », ISO « 2026-11-26T14:30 »."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInput("Date et heure vides : écrivez par exemple 26/11/2026 14h30.")
    raw = text.strip()
    iso = re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?", raw)
    if iso:
        try:
            return datetime.fromisoformat(raw.replace(" ", "T"))
        except ValueError:
            pass
    m = re.fullmatch(r"(.+?)\s*(?:,|\sà|\sa)?\s+(\d{1,2}\s*(?:h|:)\s*(?:\d{2})?)", raw)
    if not m:
        raise InvalidInput(
            f"Date et heure « {raw} » non reconnues : écrivez par exemple 26/11/2026 14h30."
        )
    return datetime.combine(parse_date_fr(m[1], today=today), parse_time_fr(m[2]))


def _try(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs), None
    except InvalidInput as exc:
        return None, exc.message


def try_parse_date_fr(text: str, *, today: date | None = None) -> tuple[date | None, str | None]:
    return _try(parse_date_fr, text, today=today)


def try_parse_time_fr(text: str) -> tuple[time | None, str | None]:
    return _try(parse_time_fr, text)


def try_parse_datetime_fr(
    text: str, *, today: date | None = None
) -> tuple[datetime | None, str | None]:
    return _try(parse_datetime_fr, text, today=today)


def format_date_fr(d: date) -> str:
    """26 novembre 2026 (1er for the first day of the month)."""
    day = "1er" if d.day == 1 else str(d.day)
    return f"{day} {MONTHS[d.month - 1]} {d.year}"


def date_short(d: date) -> str:
    """ "26/11/2026"."""
    return d.strftime("%d/%m/%Y")


def time_short(t: time) -> str:
    """ "14 h 30", "21 h 01", "9 h 05" with non-breaking spaces."""
    return f"{t.hour}\u00a0h\u00a0{t.minute:02d}"


def local_datetime(value) -> datetime | None:
    """A datetime or an ISO text (the vault's UTC "Z" times included) as a naive wall time of
    the service's zone (desktop.core.servicetime); None when `value` is not one."""
    if isinstance(value, datetime):
        return to_local(value)
    if not isinstance(value, str) or not value:
        return None
    try:
        return to_local(value)
    except ValueError:
        return None


def any_date(value) -> date | None:
    """A date, or the date at the start of an ISO text ("2026-11-26…"); None otherwise."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_fr(value) -> str:
    """A date answer as printed: « 26/11/2026 », « novembre 2026 » for an approximate one."""
    d = any_date(value)
    if d is None and partial_date_fr(value):  # a date « même approximative »
        return partial_date_fr(value)
    return date_short(d) if d else str(value or "")


def datetime_fr(value) -> str:
    """A date-and-time answer as printed: « 26/11/2026 à 14 h 30 » (service's wall time)."""
    dt = local_datetime(value)
    if dt is None:
        return str(value or "")
    return f"{date_short(dt.date())} à {time_short(dt.time())}"
