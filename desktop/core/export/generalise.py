"""What the pseudonymised copy generalises besides names: exact dates (to month and year),
register, seal and procedure numbers, social-network handles, and the proper names of
places (hospitals, schools, hotels, children's homes…).

Rules of art. 39 bis of the law of 29 July 1881 and of the CNIL's anonymisation guidance
(a date of birth or an exact date, with a place, re-identifies a minor in a small town).

    generalise("le 14 mars 2026 au collège Jean-Moulin, registre 2026-31")
        -> "en mars 2026 au collège [nom de lieu retiré], registre [numéro retiré]"
"""

from __future__ import annotations

import re

from desktop.core.pv import words as w

MONTHS = w.MONTHS
_MONTH = "(" + "|".join(MONTHS) + ")"
_DAY_WORDS = sorted({w.day_in_words(d) for d in range(1, 32)} | {"premier"}, key=len, reverse=True)
_DAY = r"(?:1er|[0-3]?\d|" + "|".join(re.escape(x) for x in _DAY_WORDS) + ")"
# « le 14 mars 2026 », « lundi 3 novembre », « le trente novembre deux mille vingt-six »
_WORD_DATE = re.compile(
    r"(?i)\b(?:(?:le|du|au)\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
    + _DAY
    + r"\s+"
    + _MONTH
    + r"\b"
)
_NUM_DATE = re.compile(r"\b(le\s+)?([0-3]?\d)[/.\-]([01]?\d)[/.\-]((?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"\b(le\s+)?((?:19|20)\d{2})-([01]\d)-([0-3]\d)(?:T[\d:.+\-Z]*)?\b")
_SHORT_DATE = re.compile(r"\b([0-3]?\d)/([01]?\d)(?!/?\d)\b")
# register, seal, order and procedure numbers: a year then a code, or a keyword then a code
_YEAR_REF = re.compile(r"\b(?:19|20)\d{2}\s?[/\-]\s?[A-Z0-9][A-Z0-9\-/]*\b")
_KEYWORD_REF = re.compile(
    r"(?i)\b(n°|no\.|numéro(?: d'ordre)?|scellé|registre|procédure|PV|pièce|dossier|"
    r"plainte|main courante|support|disque[^,.;\n]{0,20}?n°)(\s*:?\s*)"
    r"(?-i:(?=[\w/\-]*\d)[A-Z0-9][\w/\-]*)"
)
_HANDLE = re.compile(r"(?<![\w@.])@[\w.]{2,30}")
_NETWORK_ID = re.compile(
    r"(?i)\b(snap(?:chat)?|insta(?:gram)?|tiktok|telegram|whatsapp|facebook|twitter|x)"
    r"(\s*(?::|compte|pseudo|identifiant)\s*)(?-i:(?:«\s*)?[\w.\-]{3,30}(?:\s*»)?)"
)
_PLACE_KINDS = (
    "centre hospitalier(?: universitaire)?",
    "CHU",
    "CHR",
    "hôpital",
    "clinique",
    "collège",
    "lycée",
    "école",
    "foyer",
    "hôtel",
    "motel",
    "résidence",
    "cité",
    "quartier",
    "gare",
    "commissariat",
    "gendarmerie",
    "maison d'enfants",
    "MECS",
    "internat",
    "centre commercial",
    "centre",
    "parc",
    "bar",
    "restaurant",
    "discothèque",
    "club",
)
_NAME = r"[A-ZÀ-ÖØ-ÞŒ][\w'’\-]*"
_PLACE = re.compile(
    r"(?i:\b(" + "|".join(_PLACE_KINDS) + r"))"
    r"((?:\s+(?:[a-zà-ÿœ]+|d'|l')){0,4}?\s+)"
    r"(" + _NAME + r"(?:[\s\-]+(?:(?:de|du|des|la|le|d'|l')\s*)*" + _NAME + r")*)"
)
# Words of institutions and common nouns found in place phrases: not themselves a place name.
PLACE_WORDS = frozenset(
    """centre hospitalier fictif fictive hopital college lycee ecole foyer hotel residence rue
    avenue boulevard place cite quartier classe brigade service unite uaped umj chu dpj
    direction departement departemental departementale ministere prefecture police
    gendarmerie commissariat tribunal parquet maison enfance enfants protection mineurs
    famille familles jean saint sainte quatrieme troisieme cinquieme sixieme seconde""".split()
)
REMOVED_PLACE = "[nom de lieu retiré]"
REMOVED_NUMBER = "[numéro retiré]"
REMOVED_HANDLE = "[identifiant retiré]"


def _month_year(month: int, year: str) -> str:
    return f"{MONTHS[month - 1]} {year}" if 1 <= month <= 12 else REMOVED_NUMBER


def _en(m: re.Match, value: str) -> str:
    return f"en {value}" if m.group(1) else value


def generalise(text: str) -> str:
    """`text` with exact dates reduced to month and year, reference numbers, handles and
    proper names of places removed. Idempotent; names of persons are the identity table's job.
    """
    if not text:
        return text
    text = _ISO_DATE.sub(lambda m: _en(m, _month_year(int(m.group(3)), m.group(2))), text)
    text = _NUM_DATE.sub(lambda m: _en(m, _month_year(int(m.group(3)), m.group(4))), text)
    text = _WORD_DATE.sub(lambda m: f"en {m.group(1).lower()}", text)
    text = _SHORT_DATE.sub("[date retirée]", text)
    text = _NETWORK_ID.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED_HANDLE}", text)
    text = _HANDLE.sub(REMOVED_HANDLE, text)
    text = _KEYWORD_REF.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED_NUMBER}", text)
    text = _YEAR_REF.sub(REMOVED_NUMBER, text)
    text = _PLACE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REMOVED_PLACE}", text)
    return re.sub(r"\ben en\b", "en", text)
