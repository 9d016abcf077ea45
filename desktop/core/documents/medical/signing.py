"""The doctor's signature on the CMI, bound to the certificate it approves when it is given.

    value = save_umj_answer(session, record_id, field_id, value)   # the wizard's call
    fp = approved_fingerprint(spec, findings, patient, tz)         # what the doctor approves
    doc = doctor_signs(doc, fp)                                    # at sealing: stale refused
    doctor_signature_stale(session, record_id)                     # the form's marker
    ready = transmit_readiness(session, record_id)                 # before « Transmettre ? »

Issue 16 (art. A.53-4 CPP by analogy, HAS 2011 « certificat médical initial »): the doctor
signs the CMI he read. Saving his signature (field signature_medecin of the UMJ record)
records `content_sha256`, the SHA-256 of the CMI built from the shareable findings at that
moment (desktop.core.pv.binding.content_fingerprint), minus what sealing adds later: the date
of issue, the document id and the audit head. A finding changed afterwards makes the
signature « périmée »: transmission, hand-over and seal refuse it, naming the doctor, until
he signs again. A signature stored without a fingerprint (written outside the form: older
records, scripts) is bound at sealing, as before.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from desktop.core.documents.medical.cmi import DOCTOR_SIGNATURE, cmi_document
from desktop.core.errors import TrameError
from desktop.core.medical import umj
from desktop.core.medical.clock import system_clock
from desktop.core.medical.findings import shareable_findings
from desktop.core.pv.binding import BOUND_FORM_STATUSES, bind, content_fingerprint, stale_message
from desktop.core.pv.check import IncompleteDocument

_ACT = ("status", "image", "signed_at", "motif")  # what makes two signature values one act
#: shown where the doctor signs, in the status bar and in the list of what blocks the CMI
STALE_DOCTOR_SIGNATURE = (
    "Signature périmée : le certificat a changé depuis votre signature ; "
    "relisez-le et signez de nouveau"
)


def approved_fingerprint(spec, findings: Mapping[str, Any], patient, tz: tzinfo | None) -> str:
    """SHA-256 (64 hex) of the CMI the doctor approves: built from the shareable `findings`
    and the `patient` Identity, without the date of issue, document id or audit head."""
    doc = cmi_document(spec, findings, patient=patient, made_at=None, document_id="", tz=tz)
    return content_fingerprint(doc)


def doctor_signs(doc, approved: str, what: str = "Le certificat médical"):
    """The CmiDocument with the doctor's signature bound to the content sealed now.

    :raises IncompleteDocument: (French, naming the doctor) his signature was given on another
        CMI than `approved` (a finding changed since): he must read and sign again."""
    stale = [s for s in doc.signers if s.content_sha256 and s.content_sha256 != approved]
    if stale:
        raise IncompleteDocument(what, [stale_message(stale)])
    unbound = tuple(dataclasses.replace(s, content_sha256="") for s in doc.signers)
    return bind(dataclasses.replace(doc, signers=unbound))


def _patient(session, findings: Mapping[str, Any]):
    from desktop.core.documents.medical.transmit import patient_identity
    from desktop.core.medical.validation import FieldError
    from desktop.core.pv.model import Identity

    try:
        return patient_identity(session, findings.get(umj.PATIENT))
    except FieldError:  # no patient chosen yet: the CMI he signs names nobody
        return Identity(last_name="", first_name="")


def _fingerprint_now(session, record, answers: dict, now: datetime, tz) -> str:
    from desktop.core.law import form_registry

    spec = form_registry().for_record(record.form_id, record.form_version)
    findings = shareable_findings(spec, answers, now)
    return approved_fingerprint(spec, findings, _patient(session, findings), tz)


def bind_doctor_signature(
    session, record_id: int, value, *, clock: Callable[[], datetime] = system_clock
):
    """`value` (the signature_medecin answer) with `content_sha256` of the CMI as it stands.

    The same act as stored (status, image, time, reason) keeps its fingerprint: saving the
    form again never refreshes a stale signature. No signature, or a CMI that cannot be
    built yet: no fingerprint (bound at sealing)."""
    if not isinstance(value, dict):
        return value
    value = copy.deepcopy(value)  # the wizard's copy stays as it was
    if value.get("status") not in BOUND_FORM_STATUSES:
        value.pop("content_sha256", None)
        return value
    stored = session.medical_records.answers(record_id)
    before = stored.get(DOCTOR_SIGNATURE)
    if isinstance(before, dict) and all(before.get(k) == value.get(k) for k in _ACT):
        if before.get("content_sha256"):
            value["content_sha256"] = before["content_sha256"]
        else:
            value.pop("content_sha256", None)
        return value
    record = session.medical_records.get(record_id)
    now = clock()
    try:
        value["content_sha256"] = _fingerprint_now(session, record, stored, now, now.tzinfo)
    except (TrameError, ValueError, KeyError, TypeError):
        value.pop("content_sha256", None)  # an incomplete record: bound at sealing
    return value


def save_umj_answer(
    session,
    record_id: int,
    field_id: str,
    value,
    *,
    clock: Callable[[], datetime] = system_clock,
):
    """Store one answer of a medical record (the wizard's call, in its worker); the doctor's
    signature is bound to the CMI first (bind_doctor_signature). Returns what was stored."""
    if field_id == DOCTOR_SIGNATURE:
        value = bind_doctor_signature(session, record_id, value, clock=clock)
    session.medical_records.set_answer(record_id, field_id, value)
    return value


def doctor_signature_stale(
    session, record_id: int, *, clock: Callable[[], datetime] = system_clock
) -> bool:
    """True when the doctor's stored signature (bound when he signed) approves another CMI
    than the one the shareable findings make now: transmission would refuse it (doctor_signs).

    A confidential answer never makes it stale (the CMI is built from shareable findings
    only). No signature, one not bound, or a CMI that cannot be built yet: False (nothing
    to re-read; what is missing is listed by the readiness check).
    :raises PermissionDenied: without the medical key."""
    answers = session.medical_records.answers(record_id)
    sig = answers.get(DOCTOR_SIGNATURE)
    if not isinstance(sig, dict) or sig.get("status") not in BOUND_FORM_STATUSES:
        return False
    bound = sig.get("content_sha256")
    if not bound:
        return False
    record = session.medical_records.get(record_id)
    if record is None:
        return False
    now = clock()
    try:
        return _fingerprint_now(session, record, answers, now, now.tzinfo) != bound
    except (TrameError, ValueError, KeyError, TypeError):
        return False


def transmit_readiness(session, record_id: int, *, clock: Callable[[], datetime] = system_clock):
    """What blocks « Transmettre le CMI » / « Remettre le CMI », before any confirmation:
    desktop.core.medical.readiness.cmi_readiness plus a stale signature of the doctor
    (issue 16), tied to the field signature_medecin. Returns a CmiReadiness.

    :raises InvalidInput: unknown record. :raises PermissionDenied: without the medical key."""
    from desktop.core.medical.readiness import CmiReadiness, cmi_readiness
    from desktop.core.medical.validation import FieldIssue

    ready = cmi_readiness(session, record_id, clock=clock)
    if not doctor_signature_stale(session, record_id, clock=clock):
        return ready
    return CmiReadiness([*ready.issues, FieldIssue(DOCTOR_SIGNATURE, STALE_DOCTOR_SIGNATURE)])
