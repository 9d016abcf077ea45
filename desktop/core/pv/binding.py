"""What is signed is what was read: each signature records the SHA-256 of the text it approves.

Art. A.53-4 CPP: once the act is signed, none of its elements may be changed. A signature
stored in a form answer carries `content_sha256`, the fingerprint of the document's canonical
content (computed from the same model the PDF is rendered from) at the moment it was given,
and `signed_at`. A later change of the content makes it « périmée »: sealing refuses it.

    fp = content_fingerprint(doc)                  # PvDocument, ReportDocument, CmiDocument
    stale = stale_signers(doc)                     # bound to another text than this one
    value = bind_answer(session, record_id, "signataires", value)   # when a signature is saved
    states = signature_states(session, record_id)  # for the signing panel: who must re-sign
    note_edit_after_signature(session, record_id, reason)           # confirmed + audited

The canonical content is the document model without what the signatures themselves add
(signers' status, images, times), the audit head (it moves at every write), the draft flag
and the seal boxes: everything else is printed above the signatures and was read.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
from datetime import date, datetime, time
from enum import Enum

from desktop.core.errors import InvalidInput
from desktop.core.pv.model import SignStatus

#: statuses that are an act on the text read (a refusal too: « lecture faite, refuse de signer »)
BOUND_STATUSES = (SignStatus.SIGNED, SignStatus.REFUSED, SignStatus.UNABLE)
BOUND_FORM_STATUSES = ("signe", "refuse", "ne_sait_pas_signer", "ne_peut_pas_signer")
#: the fields of a record whose signatures are bound, by form
SIGNATURE_FIELDS = {"audition_mineur": "signataires", "fiche_signalement": "signature_signalant"}
HEARD_ROLE_KEY = "mineur"  # role of the person heard in the `signataires` rows
_LEFT_OUT = {"signers", "draft", "seals", "diagram", "audit_seq", "audit_hash"}


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in _LEFT_OUT
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _reading(doc) -> dict:
    """How the text was read to the person heard (printed above the signatures): it lives
    on the signers, left out with them, so it is put back here. Only the reading flags, so
    adding a signer's row later does not change the content the others approved."""
    signers = getattr(doc, "signers", ()) or ()
    return {
        "read_by_officer": any(s.read_by_officer for s in signers),
        "read_by_interpreter": any(s.read_by_interpreter for s in signers),
    }


def _name_key(name: str) -> str:
    return " ".join(str(name or "").split()).casefold()


def content_fingerprint(doc) -> str:
    """SHA-256 (64 hex) of a document model's canonical content (see the module docstring)."""
    body = json.dumps(
        {"kind": type(doc).__name__, "content": _plain(doc), "reading": _reading(doc)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def stale_signers(doc) -> list:
    """Signers whose recorded fingerprint is not this content's (unbound ones included),
    signers whose printed name is not the one they signed under (the pad records it), and
    refusals or inabilities whose printed reason is not the one recorded with the act."""
    fp = None
    out = []
    for s in doc.signers:
        if s.status not in BOUND_STATUSES:
            continue
        fp = fp or content_fingerprint(doc)
        renamed = bool(s.signed_as) and _name_key(s.signed_as) != _name_key(s.row_identity)
        if s.content_sha256 != fp or renamed or s.reason_changed:
            out.append(s)
    return out


def bind(doc):
    """The document with every unbound signature bound to its current content.

    For signatures given at the moment of sealing (the UAPED author's pad, the doctor's)."""
    fp = content_fingerprint(doc)
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    signers = tuple(
        dataclasses.replace(s, content_sha256=fp, signed_at=s.signed_at or now)
        if s.status in BOUND_STATUSES and not s.content_sha256
        else s
        for s in doc.signers
    )
    return dataclasses.replace(doc, signers=signers)


def stale_message(stale) -> str:
    names = [s.name or s.role for s in stale]
    if len(names) == 1:
        return (
            f"la signature de {names[0]} est périmée : le texte a changé depuis qu'elle a été "
            "donnée ; faites relire le document et signer de nouveau"
        )
    who = ", ".join(names[:-1]) + f" et {names[-1]}"
    return (
        f"les signatures de {who} sont périmées : le texte a changé depuis qu'elles ont été "
        "données ; faites relire le document et signer de nouveau"
    )


# -- the vault side: records whose signatures live in a form answer ------------------------


def build_for_record(session, record_id: int):
    """The model a record's PDF is rendered from (PV or fiche), as a draft (no check)."""
    from desktop.core.pv.builder import build_pv, build_report

    record = session.records.get(record_id)
    if record is None:
        raise InvalidInput("Document introuvable.")
    if record.form_id == "audition_mineur":
        return build_pv(session, record_id, draft=True)
    return build_report(session, record_id, draft=True)


def _signatures(field_value) -> list[dict]:
    return [sig for sig, _ in _signed_rows(field_value) if sig is not None]


def row_identity(row: dict, session=None) -> str:
    """« role · name » of a signers' row (both printed beside the signature); "" unnamed.

    The name is the one printed: the row's « nom », else the linked person's name (with a
    `session`), else the name typed on the pad, as the PV builder picks it; so blanking the
    row's name to let another one show through is a rename too."""
    name = row.get("nom") or ""
    if not name and session is not None and row.get("personne"):
        try:
            person = session.persons.get(int(row["personne"]))
        except (TypeError, ValueError):
            person = None
        name = person.display_name if person else ""
    if not name and isinstance(row.get("signature"), dict):
        name = row["signature"].get("name") or ""
    name = " ".join(str(name).split())
    return f"{row.get('role') or 'tiers_present'} · {name}" if name else ""


def _signed_rows(field_value, session=None, keep_index=False) -> list[tuple[dict, str]]:
    """(signature, its row's identity) pairs; "" for a lone signature or an unnamed row.

    `keep_index`: one pair per row, (None, "") for a row without a signature."""
    if isinstance(field_value, dict) and "status" in field_value:
        return [(field_value, "")]
    if isinstance(field_value, list):
        return [
            (r["signature"], row_identity(r, session))
            if isinstance(r, dict) and isinstance(r.get("signature"), dict)
            else (None, "")
            for r in field_value
            if keep_index or (isinstance(r, dict) and r.get("signature"))
        ]
    return []


def _row_signatures(field_value) -> list:
    """The signature of each row, by position (None: a row without one)."""
    if isinstance(field_value, dict) and "status" in field_value:
        return [field_value]
    if isinstance(field_value, list):
        return [
            r.get("signature")
            if isinstance(r, dict) and isinstance(r.get("signature"), dict)
            else None
            for r in field_value
        ]
    return []


def _edited_act(sig: dict, before: list[dict], same_row: dict | None) -> dict | None:
    """A stored act that `sig` only edits: no new act was given, its binding stays.

    The very drawing already stored (under another motif or time: the pad gave nothing
    new), or the same row's act of the same status and time with another motif or name (a
    refusal's reason retyped after the text changed still dates from before the change)."""
    if sig.get("image"):
        # a drawing never stored is a new act, even within the second of the old one
        return next((b for b in before if b.get("image") == sig["image"]), None)
    if (
        same_row is not None
        and sig.get("signed_at")
        and same_row.get("signed_at") == sig.get("signed_at")
        and same_row.get("status") == sig.get("status")
    ):
        return same_row
    return None


def _words(text) -> str:
    return " ".join(str(text or "").split())


def _when(sig: dict):
    try:
        return datetime.fromisoformat(str(sig.get("signed_at") or ""))
    except ValueError:
        return None


def _still_recording(act: dict, stored: list[dict], fp: str) -> bool:
    """True while a refusal's reason may still be typed as part of the act: the text is
    the one it was given on and nobody signed after it. Afterwards a retyped reason makes
    the act « périmée » (the others signed under the reason printed then)."""
    if act.get("content_sha256") != fp:
        return False
    when = _when(act)
    if when is None:
        return False
    for other in stored:
        if other is act or other.get("status") not in BOUND_FORM_STATUSES:
            continue
        later = _when(other)
        try:
            if later is None or later > when:
                return False
        except TypeError:  # naive and aware times: cannot tell, take the safe side
            return False
    return True


def _same_act(a: dict, b: dict) -> bool:
    keys = ("status", "image", "signed_at", "motif")
    return all(a.get(k) == b.get(k) for k in keys)


def bind_answer(session, record_id: int, field_id: str, value):
    """`value` (a signature or the signers list) with each newly given signature bound.

    A signature already stored unchanged keeps the fingerprint (and the printed name,
    `bound_name`) it had: saving the list when the officer signs never refreshes the
    minor's stale signature, and renaming a row afterwards makes its signature stale. An
    edit of a stored act (the same drawing, or the same row's act at the same time with
    another motif) is not a new act either: it keeps the old binding. Other fields pass
    through.
    """
    record = session.records.get(record_id)
    if record is None or SIGNATURE_FIELDS.get(record.form_id) != field_id:
        return value
    value = copy.deepcopy(value)  # the caller's copy (the wizard's flow) stays as it was
    stored = session.records.answers(record_id).get(field_id)
    before = _signatures(stored)
    by_row = _row_signatures(stored)
    fp = None
    for index, (sig, row_name) in enumerate(_signed_rows(value, session, keep_index=True)):
        if sig is None:
            continue
        if sig.get("status") not in BOUND_FORM_STATUSES:
            sig.pop("content_sha256", None)
            sig.pop("bound_name", None)
            sig.pop("bound_motif", None)
            continue
        kept = next((b for b in before if _same_act(b, sig)), None)
        if kept is None:
            kept = _edited_act(sig, before, by_row[index] if index < len(by_row) else None)
        if kept is not None:  # the same act as stored: its binding (or lack of it) stays
            for key in ("content_sha256", "bound_name"):
                if kept.get(key):
                    sig[key] = kept[key]
                else:
                    sig.pop(key, None)
            if "bound_motif" not in kept:  # bound before reasons were recorded
                sig.pop("bound_motif", None)
                continue
            sig["bound_motif"] = kept["bound_motif"]
            if kept is not sig and _words(kept.get("motif")) != _words(sig.get("motif")):
                fp = fp or content_fingerprint(build_for_record(session, record_id))
                if _still_recording(kept, before, fp):  # the reason typed after the choice
                    sig["bound_motif"] = _words(sig.get("motif"))
            continue
        fp = fp or content_fingerprint(build_for_record(session, record_id))
        sig["content_sha256"] = fp
        sig["bound_motif"] = _words(sig.get("motif"))
        if row_name:
            sig["bound_name"] = row_name
        else:
            sig.pop("bound_name", None)
    return value


def save_answer(session, record_id: int, field_id: str, value, reason: str | None = None):
    """Store any answer of a record; a signature answer is bound first (see bind_answer).

    The one call the wizard makes for each answer, in its worker. Art. A.53-4 CPP: a change
    that makes a still-valid signature stale needs `reason` (the check is made here, in the
    same transaction as the write, so a signature given elsewhere is seen). With a reason,
    it is kept in the record's meta and audited (note_edit_after_signature). Returns the
    stored value. Raises InvalidInput naming the signers when no reason is given (nothing
    is written), or for an unknown record."""
    from desktop.core.pv.signed_text import required_reason  # it builds on this module

    with session.cases_db.transaction():
        if reason is None:
            signers = required_reason(session, record_id, field_id, value)
            if signers:
                raise InvalidInput(_reason_needed(signers))
        else:
            note_edit_after_signature(session, record_id, reason, f"réponse {field_id}")
        value = bind_answer(session, record_id, field_id, value)
        session.records.set_answer(record_id, field_id, value)
    return value


def _reason_needed(signers) -> str:
    names = list(signers)
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" et {names[-1]}"
    verb = "a" if len(names) == 1 else "ont"
    return (
        f"{who} {verb} déjà signé ce texte : indiquez la raison de la modification "
        "(elle est enregistrée), puis faites relire et signer de nouveau."
    )


@dataclasses.dataclass(frozen=True)
class SignatureState:
    name: str
    role: str
    status: str  # SignStatus value
    signed_at: str
    stale: bool


def signature_states(session, record_id: int) -> list[SignatureState]:
    """Each signer of a record and whether their signature is stale (for the signing panel)."""
    doc = build_for_record(session, record_id)
    stale = {id(s) for s in stale_signers(doc)}
    return [
        SignatureState(s.name, s.role, s.status.value, s.signed_at, id(s) in stale)
        for s in doc.signers
    ]


def heard_person_signed(session, record_id: int) -> bool:
    """True once the person heard has signed (or refused): editing then needs a reason."""
    record = session.records.get(record_id)
    if record is None or record.form_id != "audition_mineur":
        return False
    rows = session.records.answers(record_id).get("signataires") or []
    return any(
        isinstance(r, dict)
        and r.get("role") == HEARD_ROLE_KEY
        and isinstance(r.get("signature"), dict)
        and r["signature"].get("status") in BOUND_FORM_STATUSES
        for r in rows
    )


def note_edit_after_signature(session, record_id: int, reason: str, what: str = "") -> None:
    """Record why the text is changed after the person heard signed (kept in the vault,
    audited as `signature.edit_after`). The signatures become stale by themselves."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise InvalidInput(
            "La personne entendue a déjà signé : indiquez la raison de la modification."
        )
    record = session.records.get(record_id)
    if record is None:
        raise InvalidInput("Document introuvable.")
    meta = dict(record.meta)
    log = list(meta.get("modifications_apres_signature") or [])
    log.append(
        {
            "at": datetime.now().astimezone().isoformat(timespec="seconds"),
            "user": session.user_id,
            "reason": reason,
            "what": what,
        }
    )
    meta["modifications_apres_signature"] = log
    session.records.set_meta(record_id, meta)
    session.audit.append(session.user_id, "signature.edit_after", record_id)
