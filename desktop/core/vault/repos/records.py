"""Filled forms (hearings, checklists, fiches) and their answers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.core.text import clean_value  # every text entering the vault (NFC, no controls)
from desktop.core.vault.audit import is_plain_id, utc_now
from desktop.core.vault.repos.base import Store


@dataclass(frozen=True)
class Record:
    """A filled form: a hearing, a UAPED or UMJ checklist, a fiche de signalement."""

    id: int
    case_id: int
    kind: str
    form_id: str
    form_version: str
    person_id: int | None
    status: str
    current_step: str | None
    meta: dict
    created_by: str | None
    created_at: str
    updated_at: str


_RECORD_COLS = (
    "id, case_id, kind, form_id, form_version, person_id, status, current_step, meta,"
    " created_by, created_at, updated_at"
)


def _record(row) -> Record:
    values = list(row)
    values[8] = json.loads(values[8] or "{}")
    return Record(*values)


class RecordRepo:
    """Form records and their answers, in the case or the medical database.

    Case-database writes are audited in the same transaction; medical writes are audited
    (by id only) in the case database right after their own commit.
    """

    def __init__(self, store: Store, area: str = "case"):
        self.s = store
        self.area = area  # "case" or "medical", used in audit event names

    def _write(self, action: str, object_id: object, work, *, coalesce: bool = False) -> Any:
        with self.s.db.transaction():
            result = work()
            if self.area == "case":
                obj = object_id if object_id is not None else result
                self.s.log(f"case.{action}", obj, coalesce=coalesce)
        if self.area != "case":
            obj = object_id if object_id is not None else result
            self.s.log(f"{self.area}.{action}", obj, coalesce=coalesce)
        return result

    def create(
        self,
        case_id: int,
        kind: str,
        form_id: str,
        form_version: str,
        person_id: int | None = None,
        meta: dict | None = None,
    ) -> Record:
        now = utc_now()

        def work():
            return self.s.db.execute(
                "INSERT INTO records (case_id, kind, form_id, form_version, person_id, meta,"
                " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    kind,
                    form_id,
                    form_version,
                    person_id,
                    json.dumps(meta or {}, ensure_ascii=False),
                    self.s.user_id,
                    now,
                    now,
                ),
            ).lastrowid

        return self.get(self._write("record.create", None, work))

    def get(self, record_id: int) -> Record | None:
        row = self.s.db.execute(
            f"SELECT {_RECORD_COLS} FROM records WHERE id = ?", (record_id,)
        ).fetchone()
        return _record(row) if row else None

    def for_case(self, case_id: int, kind: str | None = None) -> list[Record]:
        sql = f"SELECT {_RECORD_COLS} FROM records WHERE case_id = ?"
        params: tuple = (case_id,)
        if kind:
            sql += " AND kind = ?"
            params += (kind,)
        rows = self.s.db.execute(sql + " ORDER BY id", params).fetchall()
        return [_record(r) for r in rows]

    def set_answer(self, record_id: int, field_path: str, value: Any) -> str:
        """Store one answer (JSON) durably; returns the commit time (UTC). None deletes it.

        Audited as `case.answer` on `record_id/field`, `medical.answer` on `record_id` only (police
        reads the log; medical items are secret, L.1110-4 CSP), once per run of saves by one account.
        """
        now = utc_now()
        payload = json.dumps(value := clean_value(value, field=field_path), ensure_ascii=False)

        def work():
            if value is None:
                self.s.db.execute(
                    "DELETE FROM answers WHERE record_id = ? AND field = ?", (record_id, field_path)
                )
            else:
                self.s.db.execute(
                    "INSERT INTO answers (record_id, field, value, updated_by, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (record_id, field) DO UPDATE SET"
                    " value = excluded.value, updated_by = excluded.updated_by,"
                    " updated_at = excluded.updated_at",
                    (record_id, field_path, payload, self.s.user_id, now),
                )
            self.s.db.execute("UPDATE records SET updated_at = ? WHERE id = ?", (now, record_id))

        obj = f"{record_id}/{field_path}" if self.area == "case" else ""
        self._write("answer", obj if is_plain_id(obj) and obj else record_id, work, coalesce=True)
        return now

    def answers(self, record_id: int) -> dict[str, Any]:
        rows = self.s.db.execute(
            "SELECT field, value FROM answers WHERE record_id = ?", (record_id,)
        ).fetchall()
        return {f: json.loads(v) for f, v in rows}

    def set_current_step(self, record_id: int, step: str | None) -> None:
        self.s.db.execute(
            "UPDATE records SET current_step = ?, updated_at = ? WHERE id = ?",
            (step, utc_now(), record_id),
        )

    def set_status(self, record_id: int, status: str) -> None:
        self._write(
            "record.status",
            record_id,
            lambda: self.s.db.execute(
                "UPDATE records SET status = ?, updated_at = ? WHERE id = ?",
                (status, utc_now(), record_id),
            ),
        )

    def set_meta(self, record_id: int, meta: dict) -> None:
        self._write(
            "record.meta",
            record_id,
            lambda: self.s.db.execute(
                "UPDATE records SET meta = ?, updated_at = ? WHERE id = ?",
                (json.dumps(meta, ensure_ascii=False), utc_now(), record_id),
            ),
        )
