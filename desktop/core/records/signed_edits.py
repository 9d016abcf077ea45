"""Changing a text that was already signed: confirmed, with a reason, audited (issue 16).

Art. A.53-4 CPP: once an act is signed, none of its elements may be changed without it being
said. A change stays possible before the seal (a material error must be correctable), but
every signature still valid then becomes « périmée » (desktop.core.pv.binding): the signers
must re-read and sign again. The UI therefore asks a confirmation naming them and a reason;
the reason (user text) is kept in the record's meta `modifications_apres_signature`, the
audit log gets only the event `signature.edit_after` and the record id.

    state = signed_text(session, record_id)       # SignedText(signers=("Léa MARTIN (…)",), …)
    state.asks("faits_lieu")                      # True: a valid signature approves that field
    save_answer_with_reason(session, record_id, "faits_lieu", "la gare", "relecture")
    void_entry_signed(session, entry_id, "erreur de saisie")   # notes it when signed

SignedText and signed_text live in desktop.core.pv.signed_text (the core write checks it too).
"""

from __future__ import annotations

from desktop.core.errors import InvalidInput
from desktop.core.hearing.corrections import void_entry
from desktop.core.pv.binding import note_edit_after_signature, save_answer
from desktop.core.pv.signed_text import ALL, SignedText, signed_text
from desktop.core.vault import Session

__all__ = [
    "ALL",
    "ReasonNeeded",
    "SignedText",
    "confirmation_text",
    "save_answer_with_reason",
    "signed_text",
    "update_person_signed",
    "void_entry_signed",
]


def save_answer_with_reason(session: Session, record_id: int, field_id: str, value, reason: str):
    """Store an answer changed after a signature, with the reason why, in one transaction.

    The reason is kept in the record's meta `modifications_apres_signature` (with the
    field id, never its text) and the audit log gets `signature.edit_after`; the signatures
    then become stale by themselves. Returns the stored value. Raises InvalidInput for an
    empty reason (nothing is written)."""
    if not " ".join(str(reason or "").split()):
        note_edit_after_signature(session, record_id, reason)  # raises: no reason given
    return save_answer(session, record_id, field_id, value, reason=reason)


class ReasonNeeded(InvalidInput):
    """A change refused for want of a reason; `signers`: « name (role) » who signed."""

    def __init__(self, message: str, signers: tuple[str, ...]):
        super().__init__(message)
        self.signers = signers


def update_person_signed(session: Session, person_id: int, reason: str | None = None, **changes):
    """persons.update(person_id, **changes), checked like an answer (Art. A.53-4 CPP): when it
    makes a still-valid signature of a record of the case stale (the person heard's name or
    birth date is printed in the PV), a reason is needed; it is then noted on each such
    record (meta `modifications_apres_signature`, audit `signature.edit_after`). One
    transaction. Only records holding a bound signature are built (twice). Returns the
    Person. Raises ReasonNeeded (an InvalidInput naming the signers; nothing written)."""
    person = session.persons.get(person_id)
    if person is None:
        raise InvalidInput("Personne introuvable.")
    with session.cases_db.transaction():
        before = {}
        for record in session.records.for_case(person.case_id):
            signers = signed_text(session, record.id).signers
            if signers:
                before[record.id] = signers
        updated = session.persons.update(person_id, **changes)
        hit = {}
        for rid, signers in before.items():
            still = set(signed_text(session, rid).signers)
            lost = tuple(x for x in signers if x not in still)
            if lost:
                hit[rid] = lost
        if hit and not " ".join(str(reason or "").split()):
            names = tuple(dict.fromkeys(x for lost in hit.values() for x in lost))
            raise ReasonNeeded(
                confirmation_text(names) + " Indiquez la raison de la modification.", names
            )
        for rid in hit:
            note_edit_after_signature(session, rid, reason, f"personne {person_id}")
    return updated


def void_entry_signed(session: Session, entry_id: int, reason: str) -> bool:
    """Annul a transcript entry (desktop.core.hearing.corrections.void_entry); when a valid
    signature approved the text, the voiding reason is also noted as the reason of a change
    after signature (audited `signature.edit_after`). Returns True in that case.

    Raises InvalidInput like void_entry (no reason, unknown or already annulled entry)."""
    entry = session.transcript.get(entry_id)
    if entry is None:
        raise InvalidInput("Entrée du fil introuvable.")
    signed = bool(signed_text(session, entry.record_id).signers)
    with session.cases_db.transaction():
        void_entry(session, entry_id, reason)
        if signed:
            note_edit_after_signature(
                session, entry.record_id, reason, f"annulation de l'entrée {entry_id}"
            )
    return signed


def confirmation_text(signers: tuple[str, ...] | list[str], change: str = "Le modifier") -> str:
    """The French warning shown before the change: who will have to re-read and re-sign.

    `change`: the act, capitalised (« Le modifier », « Annuler cette entrée »)."""
    names = list(signers)
    if len(names) == 1:
        return (
            f"{names[0]} a déjà signé ce texte. {change} rendra sa signature périmée : "
            "il faudra lui faire relire le document et signer de nouveau."
        )
    who = ", ".join(names[:-1]) + f" et {names[-1]}"
    return (
        f"{who} ont déjà signé ce texte. {change} rendra leurs signatures périmées : "
        "il faudra leur faire relire le document et signer de nouveau."
    )
