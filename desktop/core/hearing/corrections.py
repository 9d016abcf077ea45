"""Corrections of transcript entries that keep the original (finding M3).

    entry = correct_entry(session, entry_id, question=…, answer=…)   # keeps the previous text
    void_entry(session, entry_id, "erreur de saisie")               # never deleted
    mentions(meta, entry) -> ["Réponse rectifiée à 15h05 ; …"]       # what the PV prints
    voided(meta, entry_id) -> {"reason", "at", "by"} | None

A PV is a record of what was said: a correction must not erase the first transcription, and
an entry typed by mistake is annulled with a reason, not deleted (article 429 of the code de
procédure pénale; the paper practice of « mots rayés nuls » and « renvois » approved by the
person heard). The versions live in the record's meta (encrypted with the case database, each
change audited by the vault): {"transcript_history": {entry_id: [previous, …]},
"transcript_voided": {entry_id: {...}}}. Times are ISO UTC; `by` is the user id.
"""

from __future__ import annotations

from desktop.core.errors import InvalidInput
from desktop.core.servicetime import to_local

HISTORY = "transcript_history"
VOIDED = "transcript_voided"
TEXT_FIELDS = ("speaker", "question_type", "question", "answer")
NBSP = "\u00a0"


def _now() -> str:
    from desktop.core.vault.audit import utc_now

    return utc_now()


def _entry(session, entry_id: int):
    entry = session.transcript.get(entry_id)
    if entry is None:
        raise InvalidInput("Entrée du fil introuvable.")
    return entry


def versions(meta: dict, entry_id: int) -> list[dict]:
    """Previous versions of an entry, oldest first (each: the TEXT_FIELDS, at, by)."""
    return list((meta.get(HISTORY) or {}).get(str(entry_id), []))


def voided(meta: dict, entry_id: int) -> dict | None:
    return (meta.get(VOIDED) or {}).get(str(entry_id))


def correct_entry(session, entry_id: int, **changes):
    """Change a question/answer entry, keeping the text it replaces. Returns the entry.

    Raises InvalidInput for an unknown field, an annulled entry or an entry that is not a
    question/answer."""
    unknown = set(changes) - set(TEXT_FIELDS)
    if unknown:
        raise InvalidInput(f"Champs inconnus : {', '.join(sorted(unknown))}.")
    entry = _entry(session, entry_id)
    record = session.records.get(entry.record_id)
    if voided(record.meta, entry_id):
        raise InvalidInput("Cette entrée est annulée : elle ne se corrige plus.")
    before = {k: getattr(entry, k) for k in TEXT_FIELDS}
    if all(before[k] == v for k, v in changes.items()):
        return entry
    with session.cases_db.transaction():
        meta = dict(session.records.get(entry.record_id).meta)
        history = dict(meta.get(HISTORY) or {})
        history[str(entry_id)] = [
            *history.get(str(entry_id), []),
            {**before, "at": _now(), "by": session.user_id},
        ]
        meta[HISTORY] = history
        session.records.set_meta(entry.record_id, meta)
        updated = session.transcript.update(entry_id, **changes)
    return updated


def void_entry(session, entry_id: int, reason: str) -> None:
    """Annul an entry typed by mistake; it stays in the vault and the PV says so.

    Raises InvalidInput without a reason or when already annulled."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise InvalidInput("Indiquez le motif de l'annulation : il figure au procès-verbal.")
    entry = _entry(session, entry_id)
    with session.cases_db.transaction():
        meta = dict(session.records.get(entry.record_id).meta)
        done = dict(meta.get(VOIDED) or {})
        if str(entry_id) in done:
            raise InvalidInput("Cette entrée est déjà annulée.")
        done[str(entry_id)] = {"reason": reason, "at": _now(), "by": session.user_id}
        meta[VOIDED] = done
        session.records.set_meta(entry.record_id, meta)


def _hhmm(iso: str) -> str:
    return to_local(iso).strftime("%Hh%M")


def _quoted(text: str) -> str:
    return f"«{NBSP}{text.strip()}{NBSP}»" if text.strip() else "(vide)"


def mentions(meta: dict, entry) -> list[str]:
    """The PV's mentions for one entry: its annulment, or each rectification (oldest first)."""
    gone = voided(meta, entry.id)
    if gone:
        return [
            f"question et réponse annulées à {_hhmm(gone['at'])} (motif{NBSP}: "
            f"{gone['reason'].rstrip('.')}). Texte annulé{NBSP}: question "
            f"{_quoted(entry.question)}, réponse {_quoted(entry.answer)}."
        ]
    out = []
    history = versions(meta, entry.id)
    for i, old in enumerate(history):
        new = (
            history[i + 1] if i + 1 < len(history) else {k: getattr(entry, k) for k in TEXT_FIELDS}
        )
        parts = [
            f"{label} initialement transcrite {_quoted(old[k])}"
            for k, label in (("question", "question"), ("answer", "réponse"))
            if old.get(k, "") != new.get(k, "")
        ]
        if parts:
            out.append(
                f"rectification faite à {_hhmm(old['at'])}{NBSP}: " + " ; ".join(parts) + "."
            )
    return out
