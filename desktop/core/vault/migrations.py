"""Ordered schema migrations for both databases (PRAGMA user_version).

Each migration is a list of SQL statements or a callable taking the connection. Add new
ones at the end with the next number; never edit a migration that has shipped. Tests
migrate from every earlier version to the latest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Step = Sequence[str] | Callable


def _m2_names(case_id: str) -> str:
    """Part of migration 2 (never edit): the searchable names text of one case."""
    return (
        "(SELECT coalesce(group_concat(trim(p.first_name || ' ' || p.last_name || ' ' ||"
        " CASE WHEN json_valid(p.details) THEN"
        " coalesce(json_extract(p.details, '$.pseudonyme'), '') || ' ' ||"
        " coalesce(json_extract(p.details, '$.telephones'), '') ELSE '' END), ' '), '')"
        f" FROM persons p WHERE p.case_id = {case_id})"
    )


CASES: dict[int, Step] = {
    1: [
        """CREATE TABLE users (
            id TEXT PRIMARY KEY,
            login TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL,
            created_at TEXT NOT NULL,
            disabled_at TEXT
        )""",
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            procedure_number TEXT NOT NULL,
            service TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'en cours',
            owner_id TEXT REFERENCES users(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            last_name TEXT NOT NULL DEFAULT '',
            first_name TEXT NOT NULL DEFAULT '',
            birth_date TEXT,
            details TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX persons_case ON persons(case_id)",
        """CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'brouillon',
            current_step TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            created_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX records_case ON records(case_id)",
        """CREATE TABLE answers (
            record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_by TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (record_id, field)
        ) WITHOUT ROWID""",
        """CREATE TABLE transcript (
            id INTEGER PRIMARY KEY,
            record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            question_type TEXT NOT NULL DEFAULT '',
            question TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            wall_time TEXT NOT NULL,
            recording_offset_ms INTEGER,
            created_by TEXT,
            updated_at TEXT NOT NULL,
            UNIQUE (record_id, seq)
        )""",
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            meta TEXT NOT NULL DEFAULT '{}',
            created_by TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_case ON documents(case_id)",
        """CREATE TABLE certificates (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users(id),
            label TEXT NOT NULL DEFAULT '',
            cert_der BLOB NOT NULL,
            key_der BLOB NOT NULL,
            chain_der TEXT NOT NULL DEFAULT '[]',
            fingerprint TEXT NOT NULL,
            created_at TEXT NOT NULL,
            active INTEGER NOT NULL DEFAULT 1
        )""",
        """CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID""",
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            user_id TEXT NOT NULL,
            action TEXT NOT NULL,
            object_id TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )""",
    ],
    # Full-text search over procedure numbers and the names, pseudonyms and phone numbers of
    # a case's persons, inside the encrypted database (FTS5 trigram: substrings of 3+
    # characters, case and accents ignored). Kept in step by triggers.
    2: [
        """CREATE VIRTUAL TABLE case_search USING fts5(
            procedure_number, names,
            tokenize = 'trigram remove_diacritics 1 case_sensitive 0'
        )""",
        "INSERT INTO case_search (rowid, procedure_number, names)"
        f" SELECT c.id, c.procedure_number, {_m2_names('c.id')} FROM cases c",
        """CREATE TRIGGER case_search_case_insert AFTER INSERT ON cases BEGIN
            INSERT INTO case_search (rowid, procedure_number, names)
            VALUES (new.id, new.procedure_number, '');
        END""",
        """CREATE TRIGGER case_search_case_update AFTER UPDATE OF procedure_number ON cases BEGIN
            UPDATE case_search SET procedure_number = new.procedure_number WHERE rowid = new.id;
        END""",
        """CREATE TRIGGER case_search_case_delete AFTER DELETE ON cases BEGIN
            DELETE FROM case_search WHERE rowid = old.id;
        END""",
        f"""CREATE TRIGGER case_search_person_insert AFTER INSERT ON persons BEGIN
            UPDATE case_search SET names = {_m2_names("new.case_id")} WHERE rowid = new.case_id;
        END""",
        f"""CREATE TRIGGER case_search_person_update AFTER UPDATE ON persons BEGIN
            UPDATE case_search SET names = {_m2_names("old.case_id")} WHERE rowid = old.case_id;
            UPDATE case_search SET names = {_m2_names("new.case_id")} WHERE rowid = new.case_id;
        END""",
        f"""CREATE TRIGGER case_search_person_delete AFTER DELETE ON persons BEGIN
            UPDATE case_search SET names = {_m2_names("old.case_id")} WHERE rowid = old.case_id;
        END""",
    ],
    # CMI transmissions (desktop.core.documents.medical.transmit): what officers may know of a medical
    # examination — its date, when the sealed CMI was transmitted, by whom, which document.
    # No confidential data: the medical record stays in the medical database.
    3: [
        """CREATE TABLE cmi_transmissions (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            medical_record_id INTEGER NOT NULL,
            exam_date TEXT NOT NULL,
            transmitted_at TEXT NOT NULL,
            transmitted_by TEXT NOT NULL,
            document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
            findings_record_id INTEGER REFERENCES records(id) ON DELETE SET NULL
        )""",
        "CREATE INDEX cmi_transmissions_case ON cmi_transmissions(case_id)",
    ],
    # Issue 15: the audit key survives key rotations (kept here, under the case key that
    # encrypts this file); each audit entry carries the Ed25519 signature of the acting
    # account; account_keys records each account's signing public keys (registered by an
    # audit entry whose object is the key).
    4: [
        """CREATE TABLE vault_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID""",
        "ALTER TABLE audit ADD COLUMN sig TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE account_keys (
            pub TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            seq INTEGER NOT NULL
        ) WITHOUT ROWID""",
    ],
    # Issue 13: each transcript entry records the NICHD phase the officer was on when it
    # was written, and the codes of the warnings the editor showed (desktop.core.hearing.
    # marks). Entries written before stay NULL: « non renseignée ».
    5: [
        "ALTER TABLE transcript ADD COLUMN phase TEXT",
        "ALTER TABLE transcript ADD COLUMN warnings TEXT",
    ],
}

MEDICAL: dict[int, Step] = {
    1: [
        """CREATE TABLE records (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            form_id TEXT NOT NULL,
            form_version TEXT NOT NULL,
            person_id INTEGER,
            status TEXT NOT NULL DEFAULT 'brouillon',
            current_step TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            created_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX records_case ON records(case_id)",
        """CREATE TABLE answers (
            record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_by TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (record_id, field)
        ) WITHOUT ROWID""",
    ],
    # Documents that stay under medical secrecy (desktop.core.documents.medical.handover): the CMI of a
    # spontaneous request handed to the minor, the doctor's signalement to the procureur
    # (art. 226-14 CP). Never copied to the case database.
    2: [
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL,
            record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            sha256 TEXT NOT NULL,
            content BLOB NOT NULL,
            sealed INTEGER NOT NULL DEFAULT 0,
            meta TEXT NOT NULL DEFAULT '{}',
            created_by TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_case ON documents(case_id)",
    ],
}


def latest(migrations: dict[int, Step]) -> int:
    return max(migrations)


def migrate(conn, migrations: dict[int, Step], target: int | None = None) -> tuple[int, int]:
    """Apply every migration above the database's version, each in its own transaction.

    Returns (version before, version after).
    """
    versions = sorted(migrations)
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError("migrations must be numbered 1, 2, 3… without gaps")
    target = latest(migrations) if target is None else target
    before = conn.execute("PRAGMA user_version").fetchone()[0]
    if before > latest(migrations):
        from desktop.core.errors import TrameError

        raise TrameError(
            "Ce coffre a été créé par une version plus récente de Trame : mettez l'application à jour."
        )
    for version in versions:
        if version <= before or version > target:
            continue
        step = migrations[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(step):
                step(conn)
            else:
                for sql in step:
                    conn.execute(sql)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return before, conn.execute("PRAGMA user_version").fetchone()[0]
