"""The hearing transcript (Q/R entries, pauses, notes, recording marks)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.text import clean_value  # every text entering the vault (NFC, no controls)
from desktop.core.vault.audit import utc_now
from desktop.core.vault.repos.base import Store

TRANSCRIPT_KINDS = (
    "qr",
    "pause",
    "reprise",
    "debut",
    "fin",
    "note",
    "observation",
    "fin_enregistrement",  # issue 13: the audiovisual recording stops (art. 706-52 CPP)
    "reprise_enregistrement",
)
_CODES = re.compile(r"^[a-z0-9_]+(?:,[a-z0-9_]+)*$")  # phase id, warning codes: never free text


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
    phase: str | None = None  # NICHD phase id when written; None: not recorded (older vault)
    warnings: str | None = None  # warning codes shown while typing, "promise,tag"; "" none


def _code(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None if what == "phase" else value
    if not isinstance(value, str) or not _CODES.match(value):
        raise InvalidInput(f"Code invalide ({what}) : seuls des identifiants sont enregistrés.")
    return value


_TX_COLS = (
    "id, record_id, seq, kind, speaker, question_type, question, answer, note, wall_time,"
    " recording_offset_ms, updated_at, phase, warnings"
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
        phase: str | None = None,
        warnings: str | None = None,
    ) -> TranscriptEntry:
        """Append an entry. `phase` is a phase id of the form (None: unknown); `warnings` the
        comma-separated codes of the editor's warnings ("promise,introduces"), never text.

        :raises InvalidInput: unknown kind, a phase or warnings that are not codes."""
        if kind not in TRANSCRIPT_KINDS:
            raise InvalidInput(f"Type d'entrée inconnu : {kind}.")
        phase, warnings = _code(phase, "phase"), _code(warnings, "warnings")
        question, answer, note = clean_value([question, answer, note])
        now = utc_now()
        with self.s.db.transaction():
            row = self.s.db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM transcript WHERE record_id = ?", (record_id,)
            ).fetchone()
            cur = self.s.db.execute(
                "INSERT INTO transcript (record_id, seq, kind, speaker, question_type, question,"
                " answer, note, wall_time, recording_offset_ms, created_by, updated_at, phase,"
                " warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    phase,
                    warnings,
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
