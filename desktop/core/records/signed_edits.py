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

`SignedText.fields` are the answers the signed document is built from: the ids the PV (or
fiche) builder reads, found by building it once over a dict that records what is read. A
field it never reads cannot change the signed content; a builder that iterates over all the
answers makes every field bound (the safe side).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.core.errors import InvalidInput
from desktop.core.hearing.corrections import void_entry
from desktop.core.pv.binding import (
    BOUND_FORM_STATUSES,
    BOUND_STATUSES,
    SIGNATURE_FIELDS,
    build_for_record,
    note_edit_after_signature,
    save_answer,
    stale_signers,
)
from desktop.core.vault import Session

ALL = "*"  # in SignedText.fields: the builder read every answer


@dataclass(frozen=True)
class SignedText:
    """Who holds a valid signature on a record's text, and which answers that text uses.

    signers: « name (role) » of each signer whose signature is bound to the current text
    (empty: nothing to confirm). fields: the answer ids the document is built from (ALL:
    every one). signature_field: the answer holding the signatures (never asks)."""

    signers: tuple[str, ...] = ()
    fields: frozenset[str] = field(default_factory=frozenset)
    signature_field: str = ""

    def asks(self, field_id: str) -> bool:
        """True when changing `field_id` makes a valid signature stale."""
        if not self.signers or field_id == self.signature_field:
            return False
        return ALL in self.fields or field_id in self.fields


class _ReadKeys(dict):
    """A dict of answers that remembers which keys were read (any iteration: all of them)."""

    def __init__(self, data: dict):
        super().__init__(data)
        self.read: set[str] = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:
        self.read.add(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator:
        self.read.add(ALL)
        return super().__iter__()

    def keys(self):
        self.read.add(ALL)
        return super().keys()

    def values(self):
        self.read.add(ALL)
        return super().values()

    def items(self):
        self.read.add(ALL)
        return super().items()

    def copy(self):
        self.read.add(ALL)
        return dict(super().items())


class _Proxy:
    """Forwards to an object, with some attributes replaced."""

    def __init__(self, inner, **replaced):
        self._inner = inner
        self.__dict__.update(replaced)

    def __getattr__(self, name):
        return getattr(self._inner, name)


def _tracked_build(session: Session, record_id: int):
    """(document, answer ids its builder read) for a record."""
    reads = []

    def answers(rid):
        found = session.records.answers(rid)
        if rid != record_id:
            return found
        tracked = _ReadKeys(found)
        reads.append(tracked.read)
        return tracked

    tracked_session = _Proxy(session, records=_Proxy(session.records, answers=answers))
    doc = build_for_record(tracked_session, record_id)
    return doc, frozenset().union(*reads) if reads else frozenset({ALL})


def _label(signer) -> str:
    name, role = (signer.name or "").strip(), (signer.role or "").strip()
    if name and role:
        return f"{name} ({role})"
    return name or role or "un signataire"


def signed_text(session: Session, record_id: int) -> SignedText:
    """The state the UI keeps to know whether an edit must be confirmed (see SignedText).

    Cheap while nobody has signed (no document is built). Raises InvalidInput for an
    unknown record."""
    record = session.records.get(record_id)
    if record is None:
        raise InvalidInput("Document introuvable.")
    sig_field = SIGNATURE_FIELDS.get(record.form_id)
    if not sig_field or not _any_bound(session.records.answers(record_id).get(sig_field)):
        return SignedText(signature_field=sig_field or "")
    doc, fields = _tracked_build(session, record_id)
    stale = {id(s) for s in stale_signers(doc)}
    valid = tuple(
        _label(s) for s in doc.signers if s.status in BOUND_STATUSES and id(s) not in stale
    )
    return SignedText(valid, fields, sig_field)


def _any_bound(value) -> bool:
    sigs = (
        [value]
        if isinstance(value, dict)
        else [r.get("signature") for r in value or [] if isinstance(r, dict)]
    )
    return any(isinstance(s, dict) and s.get("status") in BOUND_FORM_STATUSES for s in sigs)


def save_answer_with_reason(session: Session, record_id: int, field_id: str, value, reason: str):
    """Store an answer changed after a signature, with the reason why, in one transaction.

    The reason is kept in the record's meta `modifications_apres_signature` (with the
    field id, never its text) and the audit log gets `signature.edit_after`; the signatures
    then become stale by themselves. Returns the stored value. Raises InvalidInput for an
    empty reason (nothing is written)."""
    with session.cases_db.transaction():
        note_edit_after_signature(session, record_id, reason, f"réponse {field_id}")
        return save_answer(session, record_id, field_id, value)


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
