"""Cases (procedures)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.errors import InvalidInput
from desktop.core.text import clean_value  # every text entering the vault (NFC, no controls)
from desktop.core.vault.audit import utc_now
from desktop.core.vault.repos.base import Store


@dataclass(frozen=True)
class Case:
    id: int
    procedure_number: str
    service: str
    status: str
    owner_id: str | None
    created_at: str
    updated_at: str


CASE_STATUSES = ("en cours", "clos", "transmis")
_CASE_COLS = "id, procedure_number, service, status, owner_id, created_at, updated_at"


class CaseRepo:
    def __init__(self, store: Store):
        self.s = store

    def create(self, procedure_number: str, service: str = "") -> Case:
        number, service = clean_value([procedure_number.strip(), service])
        if not number:
            raise InvalidInput("Le numéro de procédure est obligatoire.")
        now = utc_now()
        with self.s.db.transaction():
            cur = self.s.db.execute(
                "INSERT INTO cases (procedure_number, service, owner_id, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (number, service.strip(), self.s.user_id, now, now),
            )
            case_id = cur.lastrowid
            self.s.log("case.create", case_id)
        return self.get(case_id)

    def get(self, case_id: int) -> Case | None:
        row = self.s.db.execute(
            f"SELECT {_CASE_COLS} FROM cases WHERE id = ?", (case_id,)
        ).fetchone()
        return Case(*row) if row else None

    def open(self, case_id: int) -> Case | None:
        case = self.get(case_id)
        if case:
            self.s.log("case.open", case_id)
        return case

    def list(self, status: str | None = None, limit: int = 100_000) -> list[Case]:
        if status:
            rows = self.s.db.execute(
                f"SELECT {_CASE_COLS} FROM cases WHERE status = ? ORDER BY id DESC LIMIT ?",
                (status, limit),
            ).fetchall()
        else:
            rows = self.s.db.execute(
                f"SELECT {_CASE_COLS} FROM cases ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [Case(*r) for r in rows]

    def set_status(self, case_id: int, status: str) -> None:
        if status not in CASE_STATUSES:
            raise InvalidInput(f"Statut inconnu : {status}.")
        with self.s.db.transaction():
            self.s.db.execute(
                "UPDATE cases SET status = ?, updated_at = ? WHERE id = ?",
                (status, utc_now(), case_id),
            )
            self.s.log("case.status", case_id)

    def touch(self, case_id: int) -> None:
        self.s.db.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (utc_now(), case_id))
