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
    "representant_legal": "Représentant légal",
    "administrateur_ad_hoc": "Administrateur ad hoc",
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
    text = text.strip()
    if re.fullmatch(r"\+?[\d][\d .\-]{2,}", text) and " " in text:
        pieces = [text]  # a phone number typed with spaces: « 06 12 34 »
    else:
        pieces = [p for p in re.split(r"\s+", text) if p]
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
    if match:
        where.append("c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)")
        params.append(match)
    # Pieces under 3 characters: LIKE on numbers and names themselves (a trigram index cannot
    # help, and scanning the FTS table row by row is ten times slower).
    like = "LIKE ? ESCAPE '\\'"
    for pattern in likes:
        where.append(
            f"c.id IN (SELECT id FROM cases WHERE procedure_number {like}"
            f" UNION SELECT case_id FROM persons WHERE first_name {like} OR last_name {like})"
        )
        params.extend([pattern] * 3)
    if status:
        where.append("c.status = ?")
        params.append(status)
    if service:
        where.append("c.service = ?")
        params.append(service)
    # Sorting and group_concat run in Python: with SQLCipher's cipher_memory_security every
    # allocation of the SQL sorter is wiped and locked, which made ORDER BY on 10,000 rows
    # twenty times slower than reading them.
    sql = (
        "SELECT c.id, c.procedure_number, c.service, c.status, c.created_at, c.updated_at"
        " FROM cases c" + (" WHERE " + " AND ".join(where) if where else "")
    )
    rows = db.execute(sql, tuple(params)).fetchall()
    rows.sort(key=lambda r: (r[5], r[0]), reverse=True)
    rows = rows[: int(limit)]
    if not with_names:
        return [CaseRow(*r) for r in rows]
    names = _victims(db, {r[0] for r in rows})
    return [CaseRow(*r, victims=", ".join(names.get(r[0], []))) for r in rows]


def _victims(db, case_ids: set[int]) -> dict[int, list[str]]:
    """Victims' names per case, « Zoé LEFÈVRE » (SQLite's upper() only knows ASCII)."""
    out: dict[int, list[tuple[int, str]]] = {}
    rows = db.execute(
        "SELECT id, case_id, first_name, last_name FROM persons WHERE role = 'victime'"
    ).fetchall()
    for pid, case_id, first, last in rows:
        if case_id in case_ids:
            name = " ".join(p for p in ((first or "").strip(), (last or "").strip().upper()) if p)
            if name:
                out.setdefault(case_id, []).append((pid, name))
    return {cid: [n for _pid, n in sorted(items)] for cid, items in out.items()}


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
