"""French dates and times in words, as written in a procès-verbal's incipit.

    date_in_words(date(2026, 11, 26))   -> "le vingt-six novembre"
    year_in_words(2026)                 -> "deux mille vingt-six"
    time_in_words(time(14, 30))         -> "quatorze heures trente"
    time_short(time(21, 1))             -> "21 h 01" (with non-breaking spaces)
    incipit(datetime(2026, 11, 26, 14, 30))
        -> "L'an deux mille vingt-six, le vingt-six novembre, à quatorze heures trente"

Traditional spelling (num2words, "vingt et un"), feminine for hours and minutes
("vingt et une heures une"), "le premier" for the first day, "minuit" at 00:00.
"""

from __future__ import annotations

from datetime import date, datetime, time

from num2words import num2words

from desktop.core import servicetime
from desktop.core.formspec.dates import MONTHS  # one list of French month names
from desktop.core.formspec.dates import date_short as date_short
from desktop.core.formspec.dates import time_short as time_short

# re-exported: the documents' callers read them as words.*
from desktop.core.servicetime import parse_iso as parse_iso
from desktop.core.servicetime import to_local as to_local
from desktop.core.servicetime import zone_suffix as zone_suffix

NBSP = "\u00a0"


def number(n: int, feminine: bool = False) -> str:
    """A cardinal in French words; feminine turns a final "un" into "une"."""
    words = num2words(n, lang="fr")
    if feminine and (words == "un" or words.endswith((" un", "-un"))):
        words = words + "e"
    return words


def year_in_words(year: int) -> str:
    return number(year)


def day_in_words(day: int) -> str:
    return "premier" if day == 1 else number(day)


def date_in_words(d: date, article: bool = True) -> str:
    text = f"{day_in_words(d.day)} {MONTHS[d.month - 1]}"
    return f"le {text}" if article else text


def full_date_in_words(d: date) -> str:
    """ "le vingt-six novembre deux mille vingt-six"."""
    return f"{date_in_words(d)} {year_in_words(d.year)}"


def time_in_words(t: time) -> str:
    if t.hour == 0 and t.minute == 0:
        return "minuit"
    if t.hour == 0:
        hours = "zéro heure"
    elif t.hour == 1:
        hours = "une heure"
    else:
        hours = f"{number(t.hour, feminine=True)} heures"
    if t.minute == 0:
        return hours
    return f"{hours} {number(t.minute, feminine=True)}"


def time_phrase(t: time) -> str:
    """ "à quatorze heures trente", "à minuit"."""
    return f"à {time_in_words(t)}"


def incipit(dt: datetime) -> str:
    return f"L'an {year_in_words(dt.year)}, {date_in_words(dt.date())}, {time_phrase(dt.time())}"


#: the article a place name takes after « à » (« à l'Unité médico-judiciaire », « au centre
#: hospitalier »); a place that already starts with a preposition is kept as typed
_PLACE_ARTICLES = {
    "unité": "à l'",
    "umj": "à l'",
    "uaped": "à l'",
    "hôpital": "à l'",
    "hôtel-dieu": "à l'",
    "institut": "à l'",
    "établissement": "à l'",
    "centre": "au ",
    "chu": "au ",
    "ch": "au ",
    "service": "au ",
    "cabinet": "au ",
    "pôle": "au ",
    "commissariat": "au ",
    "local": "au ",
    "locaux": "dans les ",
}
_PREPOSITIONS = ("à ", "au ", "aux ", "dans ", "en ", "chez ", "sur ")


def at_place(place: str) -> str:
    """ "Unité médico-judiciaire de X" -> "à l'Unité médico-judiciaire de X";
    "centre hospitalier" -> "au centre hospitalier"; "Valmont" -> "à Valmont"."""
    text = place.strip()
    if not text or text.lower().startswith(_PREPOSITIONS):
        return text
    first = text.split()[0].lower().strip(",.")
    article = _PLACE_ARTICLES.get(first)
    if article is None:
        return f"à {text}"
    if article.endswith("'") or first in ("umj", "uaped", "chu", "ch"):
        return f"{article}{text}"
    return f"{article}{text[0].lower()}{text[1:]}" if article != "à l'" else f"{article}{text}"


def now_local() -> datetime:
    """Now, as the naive wall time of the service (never the machine's own zone)."""
    return servicetime.wall()


def duration_in_words(minutes: int) -> str:
    """ "deux heures dix minutes", "quarante-cinq minutes"."""
    h, m = divmod(max(0, int(minutes)), 60)
    parts = []
    if h:
        parts.append("une heure" if h == 1 else f"{number(h, True)} heures")
    if m or not h:
        parts.append("une minute" if m == 1 else f"{number(m, True)} minutes")
    return " ".join(parts)
