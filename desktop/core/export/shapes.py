"""Identifying shapes the first patterns of pseudonym.py miss, removed from the copy.

Found by the adversary tests (tests/adversary/test_pseudonym_*.py): links to a profile
(« facebook.com/lili.du93 »), hashtags (« #LéaMartin »), foreign phone numbers
(« +44 7700 900123 ») and French ones grouped oddly (« 0 6 1 2 3 4 5 6 7 8 »,
« +33 6 12 345 678 »), a plate in lower case (« ab-123-cd »), a street named without its
number (« rue des Lilas »), dates with an abbreviated month (« 23 sept. 2011 ») or a
two-digit year (« 23/09/11 »). Art. 39 bis of the law of 29 July 1881: nothing that lets
a reader identify the minor.

    scrub_shapes("rue des Lilas, 0 6 1 2 3 4 5 6 7 8") -> "[adresse retirée], [téléphone retiré]"
"""

from __future__ import annotations

import re

from desktop.core.pv import words as w

_URL = re.compile(
    r"(?i)\b(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|fr|net|org|me|io|be|gg|tv)"
    r"/\S*"
)
# 0 then nine digits, or +33 / 0033 then nine digits, any single separator between digits
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|\(\+33\)\s?|0[\s.\-]?)[1-9](?:[\s.\-]?\d){8}(?!\d)"
)
# any other country: « +44 7700 900123 », « +32 470 12 34 56 », « 00213 555 12 34 56 »
_PHONE_INTL = re.compile(r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}(?:[\s.\-]?\(?\d\)?){6,12}(?!\d)")
_PLATE = re.compile(r"(?i)(?<![\w-])[a-z]{2}[\s-]\d{3}[\s-][a-z]{2}(?![\w-])")
_STREET = re.compile(
    r"(?i:\b(?:rue|avenue|boulevard|allée|impasse|chemin|quai|route|square|résidence))"
    r"(?:\s+(?:de|du|des|de la|d'|d’|l'|l’))*\s*[A-ZÀ-ÖØ-ÞŒ][\w'’\-]*(?:[\s\-][A-ZÀ-ÖØ-ÞŒ][\w'’\-]*)*"
)
_ABBREVIATED = {
    "janv": 1, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9,
    "oct": 10, "nov": 11, "déc": 12, "dec": 12,
}  # fmt: skip
_ABBR_DATE = re.compile(
    r"(?i)\b(?:(?:le|du|au)\s+)?(?:1er|[0-3]?\d)\s+("
    + "|".join(sorted(_ABBREVIATED, key=len, reverse=True))
    + r")\.?\s+((?:19|20)\d{2})\b"
)
# « #LéaMartin », « #JusticePourLili »: a hashtag often glues a name to other words
_HASHTAG = re.compile(r"(?<![\w&#])#[^\W\d_]\w{2,}")
_SHORT_YEAR_DATE = re.compile(r"\b[0-3]?\d[/.\-][01]?\d[/.\-]\d{2}(?![\d/.\-])")


def caseless(word: str) -> bool:
    """True for a word whose first letter has no capital form to write it with: Hebrew,
    Arabic, Thai, Han… and Georgian (Mkhedruli letters are lower case, yet never capitalised)."""
    return bool(word) and not word[0].isupper() and word[0].title() == word[0]


def scrub_shapes(text: str) -> str:
    """`text` without links, oddly grouped phone numbers, lower-case plates, street names
    and dates with an abbreviated month or a two-digit year (month and year kept, as in
    generalise.py). Idempotent; run after the names are replaced."""
    if not text:
        return text
    text = _URL.sub("[lien retiré]", text)
    text = _HASHTAG.sub("[identifiant retiré]", text)
    text = _PHONE.sub("[téléphone retiré]", text)
    text = _PHONE_INTL.sub("[téléphone retiré]", text)
    text = _PLATE.sub("[immatriculation retirée]", text)
    text = _STREET.sub("[adresse retirée]", text)
    text = _ABBR_DATE.sub(
        lambda m: f"en {w.MONTHS[_ABBREVIATED[m.group(1).lower()] - 1]} {m.group(2)}", text
    )
    return _SHORT_YEAR_DATE.sub("[date retirée]", text)
