"""Persons of a case (victim, suspect, witness…), identity details as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.text import clean_value  # every text entering the vault (NFC, no controls)
from desktop.core.vault.audit import utc_now
from desktop.core.vault.repos.base import Store

PERSON_ROLES = tuple(
    "victime suspect client témoin representant_legal administrateur_ad_hoc autre".split()
)


@dataclass(frozen=True)
class Person:
    id: int
    case_id: int
    role: str
    last_name: str
    first_name: str
    birth_date: str | None
    details: dict = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name.upper()) if p)


class PersonRepo:
    def __init__(self, store: Store):
        self.s = store

    def add(
        self,
        case_id: int,
        role: str,
        last_name: str = "",
        first_name: str = "",
        birth_date: str | None = None,
        details: dict | None = None,
    ) -> Person:
        if role not in PERSON_ROLES:
            raise InvalidInput(f"Rôle inconnu : {role}.")
        last_name, first_name, details = clean_value([last_name, first_name, details])
        now = utc_now()
        with self.s.db.transaction():
            cur = self.s.db.execute(
                "INSERT INTO persons (case_id, role, last_name, first_name, birth_date, details,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    role,
                    last_name,
                    first_name,
                    birth_date,
                    json.dumps(details or {}, ensure_ascii=False),
                    now,
                    now,
                ),
            )
            pid = cur.lastrowid
            self.s.log("person.add", f"{case_id}/{pid}")
        return self.get(pid)

    def update(self, person_id: int, **changes: Any) -> Person:
        allowed = {"role", "last_name", "first_name", "birth_date", "details"}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(f"Champs inconnus : {', '.join(sorted(unknown))}.")
        changes = clean_value(changes)
        if "details" in changes:
            changes["details"] = json.dumps(changes["details"], ensure_ascii=False)
        sets = ", ".join(f"{k} = ?" for k in changes)
        with self.s.db.transaction():
            self.s.db.execute(
                f"UPDATE persons SET {sets}, updated_at = ? WHERE id = ?",  # keys whitelisted above
                (*changes.values(), utc_now(), person_id),
            )
            self.s.log("person.update", person_id)
        return self.get(person_id)

    def get(self, person_id: int) -> Person | None:
        row = self.s.db.execute(
            "SELECT id, case_id, role, last_name, first_name, birth_date, details"
            " FROM persons WHERE id = ?",
            (person_id,),
        ).fetchone()
        return _person(row) if row else None

    def for_case(self, case_id: int) -> list[Person]:
        rows = self.s.db.execute(
            "SELECT id, case_id, role, last_name, first_name, birth_date, details"
            " FROM persons WHERE case_id = ? ORDER BY id",
            (case_id,),
        ).fetchall()
        return [_person(r) for r in rows]


def _person(row) -> Person:
    return Person(*row[:6], details=json.loads(row[6] or "{}"))
