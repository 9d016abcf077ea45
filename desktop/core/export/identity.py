"""The identity table of a pseudonymised copy: who and what must not appear, and by what it is replaced.

Built from the persons of the case (vault) and every name, place and birth date the document
models print; `IdentityTable.scrub` then replaces them in free text, plus the patterns for
phone numbers, plates, e-mail and street addresses (art. 39 bis loi 1881, see
`desktop.core.export.pseudonym`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop.core.export.generalise import PLACE_WORDS, generalise
from desktop.core.export.shapes import caseless, scrub_shapes
from desktop.core.pv import words as w
from desktop.core.pv.model import (
    CmiDocument,
    PvDocument,
)
from desktop.core.text import clean_text, fold, skeleton
from desktop.core.text.scripts import unspaced

REMOVED = {
    "address": "[adresse retirée]",
    "phone": "[téléphone retiré]",
    "plate": "[immatriculation retirée]",
    "pseudonym": "[pseudonyme retiré]",
    "email": "[courriel retiré]",
    "birth": "[date de naissance retirée]",
    "other": "[retiré]",
    "reference": "non communiqué",
}

# -- patterns for what has a recognisable shape ------------------------------------------

_PHONE = re.compile(r"(?<![\w+])(?:\+|00)?(?:33[\s.\-]?)?\(?0?\)?[1-9](?:[\s.\-]?\d{2}){4}(?!\d)")
_PLATE = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}[\s-]?\d{3}[\s-]?[A-Z]{2}|\d{1,4}[\s-]?[A-Z]{1,3}[\s-]?(?:\d{2}|2[AB]))(?![\w-])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_STREET = re.compile(
    r"(?i)\b\d{1,4}(?:\s?(?:bis|ter|quater))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|chemin|"
    r"allée|allee|impasse|route|quai|cours|square|résidence|residence|lotissement|cité|cite|"
    r"passage|sentier|voie|rond-point)\b[^,.;\n«»()]{1,60}(?:,?\s*\d{5}(?:\s+[A-ZÉÈ][\w'\- ]{1,40})?)?"
)
_POSTCODE_CITY = re.compile(r"\b\d{5}\s+[A-ZÉÈÂ][A-Za-zÀ-ÿ'\-]+(?:[\s-][A-ZÉÈÂ][A-Za-zÀ-ÿ'\-]+)*")

_DOUBLE_DOT = re.compile(r"(\b[A-Z]\.)\.(?!\.)")  # "chez S.." after an initial at a sentence end
_SEPARATORS = r"[\s'\-._]*"


def _fold(text: str) -> str:
    return skeleton(text)


def _skeleton_pattern(text: str) -> re.Pattern | None:
    """A regex over skeletons: the tokens of `text` with any apostrophe, hyphen, dot or space
    (or none) between them, not inside a longer word."""
    tokens = [t for t in re.split(r"[\s'\-.]+", skeleton(text)) if t]
    if not tokens:
        return None
    body = _SEPARATORS.join(re.escape(t) for t in tokens)

    # no word boundary to wait for in scripts written without spaces (« 美咲ちゃん », « 지민이 »)
    # a letter must not touch the name; a digit or « _ » may (« lili93 », « lea_martin »)
    def edge(ch: str) -> str:
        return "" if unspaced(ch) else r"\w" if ch.isdigit() else r"[^\W\d_]"

    before, after = edge(tokens[0][0]), edge(tokens[-1][-1])
    before, after = before and f"(?<!{before})", after and f"(?!{after})"
    return re.compile(rf"{before}{body}{after}")


def _uncapitalised(span: str) -> bool:
    """True for « rose », « petit »: lower-case letters and no capital anywhere. « d'Almeida »
    (an elided particle before the capital), « ALMEIDA » or a caseless script are names
    (Georgian counts as caseless: its capitals are not written in running text)."""
    lower = [c for c in span if c.islower() and c.title() != c]
    return bool(lower) and not any(c.isupper() or c.istitle() for c in span)


def _initial(word: str) -> str:
    """« L. » for « Léa »; « X. » when one character is a syllable or a word (Han, kana,
    Hangul, Thai: « 美 » of « 美咲 » says the name). Title case, not upper case: a Georgian
    letter stays Mkhedruli (its Mtavruli capital is in no embedded font)."""
    return "X." if unspaced(word[0]) else word[0].title()[0] + "."


def initials(*names: str) -> str:
    """ "Léa, Zoé" "MARTIN" -> "L. M." (first given name, then each part of the surname)."""
    letters = []
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        first = re.split(r"[,\s]+", name)[0]
        parts = [p for p in re.split(r"[\s\-]+", first) if p and p[0].isalpha()]
        letters += [_initial(p) for p in parts]
    return " ".join(letters) or "X."


def age_at(birth_date: str, when: date | None = None) -> int | None:
    try:
        born = date.fromisoformat((birth_date or "")[:10])
    except ValueError:
        return None
    when = when or date.today()
    years = when.year - born.year - ((when.month, when.day) < (born.month, born.day))
    return years if 0 <= years < 130 else None


def _birth_forms(birth_date: str) -> list[str]:
    try:
        d = date.fromisoformat((birth_date or "")[:10])
    except ValueError:
        return []
    month = w.MONTHS[d.month - 1]
    day = "1er" if d.day == 1 else str(d.day)
    return [
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}/{d.month}/{d.year}",
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
        f"{day} {month} {d.year}",
        f"{d.day:02d} {month} {d.year}",
        f"{w.day_in_words(d.day)} {month} {w.year_in_words(d.year)}",
    ]


@dataclass
class IdentityTable:
    """Identity strings of a case and what replaces each, applied longest first."""

    entries: dict[str, str] = field(default_factory=dict)  # original -> replacement
    capital: set[str] = field(default_factory=set)  # single names matched only capitalised
    _compiled: list | None = None

    def add(self, original: str, replacement: str, capital: bool = False) -> None:
        original = (original or "").strip().strip(",;.«»\"'").strip()
        if len(_fold(original)) < 2 or original in self.entries:
            return
        self.entries[original] = replacement
        if capital:
            self.capital.add(original)
        self._compiled = None

    def add_confirmed(self, names) -> None:
        """Names confirmed on the review screen: each replaced by its initials."""
        for name in names or ():
            name = " ".join((name or "").split())
            if name:
                self.add(name, initials_name(name))

    def strings(self) -> list[str]:
        return list(self.entries)

    def _patterns(self):
        if self._compiled is None:
            ordered = sorted(self.entries.items(), key=lambda kv: -len(_fold(kv[0])))
            compiled = []
            for k, v in ordered:
                pattern = _skeleton_pattern(k)
                if pattern is not None:
                    compiled.append((pattern, v, k in self.capital))
            self._compiled = compiled
        return self._compiled

    def scrub_names(self, text: str) -> str:
        """Every listed string replaced, found on the skeleton (any case, accent, script
        form, apostrophe or hyphen variant, zero-width character)."""
        if not text or not self.entries:
            return text
        folded = fold(text)
        taken = bytearray(len(text))
        spans: list[tuple[int, int, str]] = []
        for pattern, replacement, capital in self._patterns():
            for m in pattern.finditer(folded.text):
                a, b = folded.span(m.start(), m.end())
                while b < len(text) and unicodedata.category(text[b]) in ("Mn", "Me"):
                    b += 1
                if capital and _uncapitalised(text[a:b]):
                    continue  # "rose" the word, not "Rose" the name
                if any(taken[a:b]):
                    continue
                taken[a:b] = b"\x01" * (b - a)
                spans.append((a, b, replacement))
        if not spans:
            return text
        out, last = [], 0
        for a, b, replacement in sorted(spans):
            out += [text[last:a], replacement]
            last = b
        out.append(text[last:])
        return "".join(out)

    def scrub(self, text: str) -> str:
        """Names, then shapes (e-mail, street, phone, plate), then dates, numbers, handles
        and places generalised (generalise.py)."""
        if not text:
            return text
        text = scrub_shapes(self.scrub_names(clean_text(text)))
        text = _EMAIL.sub(REMOVED["email"], text)
        text = _STREET.sub(REMOVED["address"], text)
        text = _POSTCODE_CITY.sub(REMOVED["address"], text)
        text = _PHONE.sub(REMOVED["phone"], text)
        text = _PLATE.sub(REMOVED["plate"], text)
        text = generalise(text)
        return _DOUBLE_DOT.sub(r"\1", text)


_NOT_IDENTIFYING = {"nationality", "nationalite", "sexe", "genre", "langue", "language"}
_DETAIL_KINDS = (
    (("pseudo", "surnom", "alias"), "pseudonym"),
    (("tel", "phone", "portable", "mobile"), "phone"),
    (("adresse", "address", "domicile", "residence", "rue", "ville", "logement"), "address"),
    (("plaque", "immat", "vehicule", "voiture"), "plate"),
    (("mail", "courriel"), "email"),
)


def _detail_kind(key: str) -> str:
    k = _fold(key)
    for needles, kind in _DETAIL_KINDS:
        if any(n in k for n in needles):
            return kind
    return "other"


def _strings(value, key: str = ""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, str(k))
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v, key)


def add_person(
    table: IdentityTable,
    last_name: str,
    first_name: str,
    details=None,
    birth_date: str = "",
    age: int | None = None,
) -> None:
    """Every identity string of one person: names, each given name, birth date, details."""
    last_name, first_name = (last_name or "").strip(), (first_name or "").strip()
    if first_name and last_name:
        table.add(f"{first_name} {last_name}", initials(first_name, last_name))
        table.add(f"{last_name} {first_name}", initials(first_name, last_name))
    # A single given name or surname alone is matched when written with a capital only, so
    # that "Petit" or "Rose" go but "un petit appartement" stays; full names match anyhow.
    several_given = len([x for x in re.split(r"[,\s\-]+", first_name) if x]) > 1
    for part in re.split(r"[,\s]+", first_name):
        if part[:1].isupper() or caseless(part):
            table.add(part, initials(part), capital=True)
        pieces = part.split("-")
        for piece in pieces if len(pieces) > 1 else ():  # « Marie-Léa » said « Léa »
            if len(piece) > 2 and piece[:1].isupper():
                table.add(piece, initials(piece), capital=True)
        for piece in pieces if last_name and several_given else ():
            table.add(f"{piece} {last_name}", initials(piece, last_name))  # « isil ozturk »
    if last_name:
        table.add(last_name, initials(last_name), capital=" " not in last_name)
        for part in re.split(r"[\s\-]+", last_name):
            if len(part) > 2 and part[:1].isupper():
                table.add(part, initials(part), capital=True)
            # « D'Almeida », « N'Diaye »: « les Almeida » names the family without the particle
            elided = re.split(r"['’ʼ]", part, maxsplit=1)
            if len(elided) == 2 and len(elided[1]) > 2 and elided[1][:1].isupper():
                table.add(elided[1], initials(elided[1]), capital=True)
    birth = REMOVED["birth"] if age is None else f"[âge : {age}\u00a0ans]"
    for form in _birth_forms(birth_date):
        table.add(form, birth)
    for key, value in _strings(details or {}):
        if _fold(key) not in _NOT_IDENTIFYING:
            table.add(value, REMOVED[_detail_kind(key)])


_TITLES = re.compile(r"^(?:M\.|Mme|Mlle|Dr|Pr|Me|Maître|Monsieur|Madame)\s+", re.I)


def initials_name(full: str) -> str:
    """A printed name reduced to its title and initials, whatever follows a comma is kept
    generalised: "Mme Noémie LEFÈVRE, mère" -> "Mme N. L., mère"; "" stays ""."""
    full = (full or "").strip()
    if not full:
        return ""
    name, _, rest = full.partition(",")
    title = _TITLES.match(name)
    core = _TITLES.sub("", name).strip()
    letters = [_initial(p) for p in re.split(r"[\s\-]+", core) if p and p[0].isalpha()]
    out = " ".join(([title.group(0).strip()] if title else []) + (letters or ["X."]))
    return f"{out},{generalise(rest)}" if rest else out


def add_place(table: IdentityTable, text: str) -> None:
    """The proper names in a place ("du centre hospitalier fictif de Valmont", "Valmont (99)")
    replaced by « [lieu] » wherever they are written with a capital."""
    for name in re.findall(r"[A-ZÀ-ÖØ-ÞŒ][\w'’]*(?:-[A-ZÀ-ÖØ-ÞŒ][\w'’]*)*", text or ""):
        if len(name) >= 3 and _fold(name) not in PLACE_WORDS:
            table.add(name, "[lieu]", capital=True)
    for postcode in re.findall(r"(?<!\d)\d{5}(?!\d)", text or ""):  # a commune on its own
        table.add(postcode, "[lieu]")


def add_name(table: IdentityTable, full: str) -> None:
    """A name printed in the model ("Mme Noémie LEFÈVRE", "Dr Maëlle GIRARD, …")."""
    full = (full or "").split(",")[0].strip()
    titled = bool(_TITLES.match(full))
    full = _TITLES.sub("", full)
    words = [x for x in full.split() if x]
    capitalised = [x for x in words if x[:1].isupper()]
    # "mère", "le chef de groupe": not a name. A name has a title or capitalised words.
    if not words or not (titled or len(capitalised) >= 2 or any(x.isupper() for x in words)):
        return
    upper = [x for x in words if x.isupper() and len(x) > 1]
    last = " ".join(upper) if upper else words[-1]
    first = " ".join(x for x in words if x not in upper) if upper else " ".join(words[:-1])
    add_person(table, last, first)


def identity_table(persons=(), *models) -> IdentityTable:
    """The table for a case: its persons (vault) and every name the models print."""
    table = IdentityTable()
    for p in persons:
        add_person(
            table,
            p.last_name,
            p.first_name,
            p.details,
            p.birth_date or "",
            age_at(p.birth_date or ""),
        )
    for p in persons:
        for key, value in _strings(p.details or {}):
            if _detail_kind(key) == "address" or "lieu" in _fold(key) or "place" in key:
                add_place(table, value)
    for model in models:
        for place in _model_places(model):
            add_place(table, place)
        for name in _model_names(model):
            add_name(table, name)
        ident = getattr(model, "person", None) or getattr(model, "patient", None)
        if ident is not None:
            when = model_date(model)
            add_person(
                table,
                ident.last_name,
                ident.first_name,
                {
                    "pseudonyme": ident.aliases,
                    "adresse": ident.address,
                    "telephone": ident.phone,
                    "nom_usage": ident.usage_name,
                },
                ident.birth_date,
                ident.age_years if ident.age_years is not None else age_at(ident.birth_date, when),
            )
    return table


def model_date(model) -> date | None:
    for attr in ("started_at", "examined_at", "made_at"):
        value = getattr(model, attr, None)
        if isinstance(value, datetime):
            return value.date()
    return None


def _model_places(model) -> list[str]:
    out = [getattr(model, "place", "") or "", getattr(model, "made_place", "") or ""]
    if isinstance(model, PvDocument):
        p = model.person
        out += [model.officer.residence, p.birth_place, p.placement, p.school, p.address]
    return [x for x in out if x]


def _model_names(model) -> list[str]:
    names = [s.name for s in getattr(model, "signers", ())]
    if isinstance(model, PvDocument):
        names += [model.officer.name, model.officer.assisted_by, model.recording.operator]
        names += [p.name for p in model.present]
        names += [x.strip() for x in re.split(r"[,;]", model.person.legal_guardians or "")]
        names += [x.strip() for x in re.split(r"[,;]", model.person.parents or "")]
    if isinstance(model, CmiDocument):
        names += [model.doctor_name]
    return [n for n in names if n]


# -- the models ---------------------------------------------------------------------------
