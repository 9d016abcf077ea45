"""Who holds a valid signature on a record's text, and which answers that text uses (issue 16).

Art. A.53-4 CPP: once an act is signed, none of its elements may be changed without it being
said. `signed_text` is what the UI asks before a change; `required_reason` is the same check
made by the core in the write itself (desktop.core.pv.binding.save_answer), so a signature
given elsewhere (another Trame on the vault, a script) is never overwritten silently.

    state = signed_text(session, record_id)       # SignedText(signers=("Léa MARTIN (…)",), …)
    state.asks("faits_lieu")                      # True: a valid signature approves that field
    required_reason(session, record_id, "faits_lieu", "la gare")   # ("Léa MARTIN (mineur)",)

`SignedText.fields` are the answers the signed document is built from: the ids the PV (or
fiche) builder reads, found by building it once over a dict that records what is read. A
field it never reads cannot change the signed content; a builder that iterates over all the
answers makes every field bound (the safe side).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.core.errors import InvalidInput
from desktop.core.pv.binding import (
    BOUND_FORM_STATUSES,
    BOUND_STATUSES,
    SIGNATURE_FIELDS,
    _row_signatures,
    build_for_record,
    content_fingerprint,
    stale_signers,
)

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


def _tracked_build(session, record_id: int):
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


def signed_text(session, record_id: int) -> SignedText:
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


def required_reason(session, record_id: int, field_id: str, value) -> tuple[str, ...]:
    """« name (role) » of each signer whose valid signature `value` for `field_id` would
    make stale (empty: no reason needed). Art. A.53-4 CPP (see the module docstring).

    Cheap unless a signature is bound on the record and the value differs from the stored
    one: only then is the document built (about one PV build)."""
    record = session.records.get(record_id)
    if record is None:
        return ()
    sig_field = SIGNATURE_FIELDS.get(record.form_id)
    answers = session.records.answers(record_id)
    if not sig_field or not _any_bound(answers.get(sig_field)):
        return ()
    if answers.get(field_id) == value:
        return ()
    if field_id == sig_field:
        return _withdrawn(session, record_id, answers.get(field_id), value)
    state = signed_text(session, record_id)
    return state.signers if state.asks(field_id) else ()


def _act_kept(sig: dict, new_sigs: list, index: int) -> bool:
    """True when the act `sig` (row `index`) is still in the new value with a status that
    is an act on the text: the same drawing anywhere, or in its row the same status given
    at the same time (several signers often sign at the same minute)."""
    for at, other in enumerate(new_sigs):
        if not isinstance(other, dict) or other.get("status") not in BOUND_FORM_STATUSES:
            continue
        if sig.get("image") and other.get("image") == sig.get("image"):
            return True
        if at == index and not sig.get("image"):
            return True  # its row holds an act (the same one or a new one)
    return False


def _withdrawn(session, record_id: int, stored, value) -> tuple[str, ...]:
    """« name (role) » of each still-valid signature the new signers' value takes back: set
    to « absent » (or any status that is no act on the text) or its row removed. A row
    signed anew (another act of a bound status in the same row) is a re-signature, not a
    withdrawal."""
    old_rows, new_rows = _row_signatures(stored), _row_signatures(value)
    olds = [
        (i, sig)
        for i, sig in enumerate(old_rows)
        if isinstance(sig, dict) and sig.get("status") in BOUND_FORM_STATUSES
    ]
    gone = []
    for index, sig in olds:
        same_row = new_rows[index] if index < len(new_rows) else None
        if _act_kept(sig, new_rows, index):
            continue
        if isinstance(same_row, dict) and same_row.get("status") in BOUND_FORM_STATUSES:
            continue  # signed anew in its row
        gone.append(sig)
    if not gone:
        return ()
    doc = build_for_record(session, record_id)
    stale = {id(s) for s in stale_signers(doc)}
    fp = content_fingerprint(doc)
    out = []
    for sig in gone:
        if sig.get("content_sha256") != fp:
            continue  # already stale: taking it back changes nothing signed
        name = " ".join(str(sig.get("name") or "").split())
        signer = next(
            (s for s in doc.signers if id(s) not in stale and name and s.name == name), None
        )
        out.append(_label(signer) if signer else (name or "un signataire"))
    return tuple(out)
