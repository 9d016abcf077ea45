"""The case list and the persons of a case, without Qt.

`search_cases(db, query, …)` reads the `case_search` FTS5 table (migration 2, trigram
tokenizer: any 3+ character piece of a procedure number, a name, a pseudonym or a phone
number, case and accents ignored) inside the encrypted case database. Victims' names are
only read when the caller asks for them (`with_names=True`), so a list shown with names
hidden never holds them in memory.

Persons keep their extras in `persons.details`: `pseudonyme` and `telephones` (a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.errors import InvalidInput

__all__ = [
    "CaseRow",
    "PERSON_ROLE_LABELS",
    "STATUS_LABELS",
    "details_with",
    "parse_phones",
    "person_label",
    "search_cases",
    "services",
]

STATUS_LABELS = {"en cours": "En cours", "clos": "Clos", "transmis": "Transmis"}
PERSON_ROLE_LABELS = {
    "victime": "Victime",
    "suspect": "Mis en cause",
    "client": "Client",
    "témoin": "Témoin",
    "autre": "Autre",
}


@dataclass(frozen=True)
class CaseRow:
    id: int
    procedure_number: str
    service: str
    status: str
    created_at: str
    updated_at: str
    victims: str | None = None  # None: not read (names hidden)

    @property
    def date(self) -> str:
        """Creation date as JJ/MM/AAAA."""
        y, m, d = self.created_at[:10].split("-")
        return f"{d}/{m}/{y}"


def _fts_query(text: str) -> tuple[str, list[str]]:
    """FTS5 MATCH for 3+ character pieces, LIKE patterns for the shorter ones."""
    pieces = [p for p in re.split(r"\s+", text.strip()) if p]
    long = [p for p in pieces if len(p) >= 3]
    short = [p for p in pieces if len(p) < 3]
    match = " AND ".join('"' + p.replace('"', '""') + '"' for p in long)
    likes = [
        "%" + p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for p in short
    ]
    return match, likes


def search_cases(
    db,
    query: str = "",
    *,
    status: str | None = None,
    service: str | None = None,
    with_names: bool = False,
    limit: int = 50_000,
) -> list[CaseRow]:
    """Cases matching the text and the filters, most recently changed first."""
    where: list[str] = []
    params: list[object] = []
    match, likes = _fts_query(query or "")
    if match or likes:
        inner: list[str] = []
        if match:
            inner.append("case_search MATCH ?")
            params.append(match)
        for pattern in likes:
            inner.append(
                "(case_search.procedure_number LIKE ? ESCAPE '\\' OR case_search.names LIKE ? ESCAPE '\\')"
            )
            params.extend([pattern, pattern])
        where.append("c.id IN (SELECT rowid FROM case_search WHERE " + " AND ".join(inner) + ")")
    if status:
        where.append("c.status = ?")
        params.append(status)
    if service:
        where.append("c.service = ?")
        params.append(service)
    victims = (
        "(SELECT group_concat(p.first_name || char(31) || p.last_name, char(30))"
        " FROM persons p WHERE p.case_id = c.id AND p.role = 'victime')"
        if with_names
        else "NULL"
    )
    sql = (
        "SELECT c.id, c.procedure_number, c.service, c.status, c.created_at, c.updated_at, "
        + victims
        + " FROM cases c"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.updated_at DESC, c.id DESC LIMIT ?"
    )
    params.append(int(limit))
    rows = db.execute(sql, tuple(params)).fetchall()
    return [CaseRow(*r[:6], victims=_names(r[6]) if with_names else None) for r in rows]


def _names(packed: str | None) -> str:
    """'Zoé\x1fLefèvre\x1e…' -> 'Zoé LEFÈVRE, …' (SQLite's upper() only knows ASCII)."""
    out = []
    for item in (packed or "").split("\x1e"):
        first, _, last = item.partition("\x1f")
        name = " ".join(p for p in (first.strip(), last.strip().upper()) if p)
        if name:
            out.append(name)
    return ", ".join(out)


def services(db) -> list[str]:
    rows = db.execute(
        "SELECT DISTINCT service FROM cases WHERE service != '' ORDER BY service"
    ).fetchall()
    return [r[0] for r in rows]


_PHONE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,24}$")


def parse_phones(text: str) -> list[str]:
    """« 06 12 34 56 78 ; +33 7 00 00 00 00 » -> a list; a clear French error otherwise."""
    phones = [p.strip() for p in re.split(r"[;,\n/]+", text or "") if p.strip()]
    for phone in phones:
        if not _PHONE.match(phone):
            raise InvalidInput(
                f"Numéro de téléphone non reconnu : « {phone} ». Écrivez des chiffres "
                "(espaces, points et « + » acceptés), plusieurs numéros séparés par « ; »."
            )
    return phones


def details_with(details: dict, *, pseudonym: str, phones: list[str]) -> dict:
    out = dict(details or {})
    pseudonym = (pseudonym or "").strip()
    if pseudonym:
        out["pseudonyme"] = pseudonym
    else:
        out.pop("pseudonyme", None)
    if phones:
        out["telephones"] = list(phones)
    else:
        out.pop("telephones", None)
    return out


def person_label(person, show_names: bool) -> str:
    """What the person list shows: the pseudonym alone while names are hidden."""
    pseudonym = (person.details or {}).get("pseudonyme", "")
    if not show_names:
        return (
            f"«\u00a0{pseudonym}\u00a0»"
            if pseudonym
            else f"{PERSON_ROLE_LABELS.get(person.role, '')} n° {person.id}"
        )
    name = person.display_name or "(sans nom)"
    return f"{name} «\u00a0{pseudonym}\u00a0»" if pseudonym else name
