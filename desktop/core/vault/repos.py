"""Repositories: the only place with SQL. Each write commits at once with its audit entry.

A repository works on one `Database` and records its writes in the vault's audit log
(the audit log lives in the case database; medical writes are audited there by id only).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.text import clean_value  # every text entering the vault (NFC, no controls)
from desktop.core.vault.audit import AuditLog, is_plain_id, utc_now


@dataclass
class Store:
    """What a repository needs: its database, the audit log and the acting user."""

    db: Any
    audit: AuditLog
    user_id: str

    def log(self, action: str, object_id: object = "", *, coalesce: bool = False) -> None:
        self.audit.append(self.user_id, action, object_id, coalesce=coalesce)


@dataclass(frozen=True)
class User:
    id: str
    login: str
    role: str
    created_at: str
    disabled_at: str | None

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


class UserRepo:
    def __init__(self, store: Store):
        self.s = store

    def add(self, user_id: str, login: str, role: str) -> User:
        now = utc_now()
        with self.s.db.transaction():
            self.s.db.execute(
                "INSERT INTO users (id, login, role, created_at) VALUES (?, ?, ?, ?)",
                (user_id, login, role, now),
            )
            self.s.log("user.add", user_id)
        return User(user_id, login, role, now, None)

    def get(self, user_id: str) -> User | None:
        row = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users WHERE id = ?", (user_id,)
        ).fetchone()
        return User(*row) if row else None

    def by_login(self, login: str) -> User | None:
        row = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users WHERE login = ?",
            (login.strip(),),
        ).fetchone()
        return User(*row) if row else None

    def list(self) -> list[User]:
        rows = self.s.db.execute(
            "SELECT id, login, role, created_at, disabled_at FROM users ORDER BY login"
        ).fetchall()
        return [User(*r) for r in rows]

    def disable(self, user_id: str) -> None:
        with self.s.db.transaction():
            self.s.db.execute(
                "UPDATE users SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                (utc_now(), user_id),
            )
            self.s.log("user.disable", user_id)


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


TRANSCRIPT_KINDS = ("qr", "pause", "reprise", "debut", "fin", "note", "observation")


@dataclass(frozen=True)
class TranscriptEntry:
    id: int
    record_id: int
    seq: int
    kind: str
    speaker: str
    question_type: str
    question: str
    answer: str
    note: str
    wall_time: str
    recording_offset_ms: int | None
    updated_at: str


_TX_COLS = (
    "id, record_id, seq, kind, speaker, question_type, question, answer, note, wall_time,"
    " recording_offset_ms, updated_at"
)


class TranscriptRepo:
    def __init__(self, store: Store):
        self.s = store

    def append(
        self,
        record_id: int,
        kind: str,
        *,
        speaker: str = "",
        question_type: str = "",
        question: str = "",
        answer: str = "",
        note: str = "",
        wall_time: str | None = None,
        recording_offset_ms: int | None = None,
    ) -> TranscriptEntry:
        if kind not in TRANSCRIPT_KINDS:
            raise InvalidInput(f"Type d'entrée inconnu : {kind}.")
        question, answer, note = clean_value([question, answer, note])
        now = utc_now()
        with self.s.db.transaction():
            row = self.s.db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM transcript WHERE record_id = ?", (record_id,)
            ).fetchone()
            cur = self.s.db.execute(
                "INSERT INTO transcript (record_id, seq, kind, speaker, question_type, question,"
                " answer, note, wall_time, recording_offset_ms, created_by, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record_id,
                    row[0] + 1,
                    kind,
                    speaker,
                    question_type,
                    question,
                    answer,
                    note,
                    wall_time or now,
                    recording_offset_ms,
                    self.s.user_id,
                    now,
                ),
            )
            entry_id = cur.lastrowid
            self.s.log("transcript.add", f"{record_id}/{entry_id}")
        return self.get(entry_id)

    def update(self, entry_id: int, **changes: Any) -> TranscriptEntry:
        allowed = {"speaker", "question_type", "question", "answer", "note", "recording_offset_ms"}
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInput(f"Champs inconnus : {', '.join(sorted(unknown))}.")
        if not (changes := clean_value(changes)):
            return self.get(entry_id)
        sets = ", ".join(f"{k} = ?" for k in changes)
        with self.s.db.transaction():
            self.s.db.execute(
                f"UPDATE transcript SET {sets}, updated_at = ? WHERE id = ?",  # keys whitelisted above
                (*changes.values(), utc_now(), entry_id),
            )
            self.s.log("transcript.edit", entry_id)
        return self.get(entry_id)

    def get(self, entry_id: int) -> TranscriptEntry | None:
        row = self.s.db.execute(
            f"SELECT {_TX_COLS} FROM transcript WHERE id = ?", (entry_id,)
        ).fetchone()
        return TranscriptEntry(*row) if row else None

    def for_record(self, record_id: int) -> list[TranscriptEntry]:
        rows = self.s.db.execute(
            f"SELECT {_TX_COLS} FROM transcript WHERE record_id = ? ORDER BY seq", (record_id,)
        ).fetchall()
        return [TranscriptEntry(*r) for r in rows]


@dataclass(frozen=True)
class Document:
    id: int
    case_id: int
    record_id: int | None
    kind: str
    title: str
    sha256: str
    sealed: bool
    meta: dict
    created_at: str


class DocumentRepo:
    """PDFs produced for a case (sealed PV, CMI, fiche…), kept inside the encrypted vault."""

    def __init__(self, store: Store):
        self.s = store

    def add(
        self,
        case_id: int,
        kind: str,
        content: bytes,
        *,
        title: str = "",
        record_id: int | None = None,
        sealed: bool = False,
        meta: dict | None = None,
    ) -> Document:
        import hashlib

        digest = hashlib.sha256(content).hexdigest()
        with self.s.db.transaction():
            cur = self.s.db.execute(
                "INSERT INTO documents (case_id, record_id, kind, title, sha256, content, sealed,"
                " meta, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    case_id,
                    record_id,
                    kind,
                    title,
                    digest,
                    content,
                    int(sealed),
                    json.dumps(meta or {}, ensure_ascii=False),
                    self.s.user_id,
                    utc_now(),
                ),
            )
            doc_id = cur.lastrowid
            self.s.log("document.seal" if sealed else "document.add", f"{case_id}/{doc_id}")
        return self.get(doc_id)

    def get(self, doc_id: int) -> Document | None:
        row = self.s.db.execute(
            "SELECT id, case_id, record_id, kind, title, sha256, sealed, meta, created_at"
            " FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if not row:
            return None
        values = list(row)
        values[6] = bool(values[6])
        values[7] = json.loads(values[7] or "{}")
        return Document(*values)

    def content(self, doc_id: int) -> bytes:
        row = self.s.db.execute("SELECT content FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if not row:
            raise InvalidInput("Document introuvable.")
        return bytes(row[0])

    def for_case(self, case_id: int, kind: str | None = None) -> list[Document]:
        sql = "SELECT id FROM documents WHERE case_id = ?"
        params: tuple = (case_id,)
        if kind:
            sql += " AND kind = ?"
            params += (kind,)
        ids = [r[0] for r in self.s.db.execute(sql + " ORDER BY id", params).fetchall()]
        return [self.get(i) for i in ids]


class SettingsRepo:
    def __init__(self, store: Store):
        self.s = store

    def get(self, key: str, default: Any = None) -> Any:
        row = self.s.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set(self, key: str, value: Any) -> None:
        with self.s.db.transaction():
            self.s.db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE"
                " SET value = excluded.value",
                (key, json.dumps(value, ensure_ascii=False)),
            )
            self.s.log("settings.change", key)
