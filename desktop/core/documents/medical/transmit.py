"""« Transmettre le CMI »: the doctor's explicit act, and what officers may see of it.

transmit_cmi() is called by a doctor (medical key in their slot) for one UMJ record:
  1. checks the record (medico-legal checks, required shareable fields, CMI completeness);
  2. builds the CMI from the shareable findings only, renders it and seals it with the
     doctor's certificate;
  3. in ONE transaction of the case database: copies the shareable findings into a case
     record (kind 'cmi'), stores the sealed PDF, adds a `cmi_transmissions` row, audits;
  4. marks the medical record as transmitted (medical database).
Officers read transmissions() and the sealed document from the case database; they never
need, and cannot get, the medical key.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.core.documents.medical.cmi import cmi_document, missing_shareable, shareable_findings
from desktop.core.errors import InvalidInput, PermissionDenied
from desktop.core.logging import log_event
from desktop.core.medical import umj
from desktop.core.medical.clock import format_datetime, system_clock
from desktop.core.medical.saisine import require_requisition
from desktop.core.medical.validation import FieldError, raise_if

if TYPE_CHECKING:
    from desktop.core.vault import Session

CMI_KIND = "cmi"
CHANGED_WHILE_SEALING = (
    "Le dossier médical a été modifié pendant le scellement du CMI : rien n'a été transmis. "
    "Vérifiez la saisine et les constatations, puis transmettez à nouveau."
)
UMJ_KIND = "umj"


@dataclass(frozen=True)
class Transmission:
    id: int
    case_id: int
    medical_record_id: int
    exam_date: str  # ISO, local wall time of the exam
    transmitted_at: str  # ISO UTC
    transmitted_by: str  # user id
    document_id: int | None
    findings_record_id: int | None

    def sent_local(self, tz: tzinfo | None = None) -> datetime:
        """When it was sent, in `tz` (default: the service's time zone)."""
        from desktop.core.servicetime import service_zone

        sent = datetime.fromisoformat(self.transmitted_at.replace("Z", "+00:00"))
        return sent.astimezone(tz or service_zone())

    def summary(self, tz: tzinfo | None = None) -> str:
        """« Examen réalisé le 11/03/2026 à 15 h 10, CMI transmis le 11/03/2026 à 16 h 02 »"""
        exam = datetime.fromisoformat(self.exam_date)
        sent = format_datetime(self.sent_local(tz))
        return f"Examen réalisé le {format_datetime(exam)}, CMI transmis le {sent}"


_COLS = (
    "id, case_id, medical_record_id, exam_date, transmitted_at, transmitted_by, document_id,"
    " findings_record_id"
)


def transmissions(session: Session, case_id: int) -> list[Transmission]:
    """What any account of the case may know: read from the case database only."""
    rows = session.cases_db.execute(
        f"SELECT {_COLS} FROM cmi_transmissions WHERE case_id = ? ORDER BY id", (case_id,)
    ).fetchall()
    return [Transmission(*r) for r in rows]


def transmission_of(session: Session, medical_record_id: int) -> Transmission | None:
    row = session.cases_db.execute(
        f"SELECT {_COLS} FROM cmi_transmissions WHERE medical_record_id = ? ORDER BY id DESC",
        (medical_record_id,),
    ).fetchone()
    return Transmission(*row) if row else None


def signer_for(session: Session):
    """The sealing key of the logged-in user (desktop.core.seal's certificate store)."""
    from desktop.core.seal.store import CertificateStore

    return CertificateStore(session).signer()


def _require_doctor(session: Session) -> None:
    if session.role != "medecin" or not session.has_medical_access():
        raise PermissionDenied(
            "Seul le médecin qui a accès au dossier médical peut transmettre le CMI."
        )


def patient_identity(session: Session, person_id):
    from desktop.core.pv.model import Identity

    person = session.persons.get(int(person_id)) if person_id else None
    if person is None:
        raise FieldError([_issue(umj.PATIENT, "Choisissez le mineur examiné.")])
    return Identity(
        last_name=person.last_name,
        first_name=person.first_name,
        birth_date=person.birth_date or "",
    )


def _issue(field: str, message: str):
    from desktop.core.medical.validation import FieldIssue

    return FieldIssue(field, message)


def transmit_cmi(
    session: Session,
    medical_record_id: int,
    *,
    signer=None,
    clock: Callable[[], datetime] = system_clock,
    spec=None,
    tz: tzinfo | None = None,
    seal: Callable | None = None,
) -> Transmission:
    """Seal and transmit the CMI of one UMJ record made on réquisition. Raises InvalidInput
    without a réquisition (the certificate then goes to the minor, or the doctor makes a
    signalement, desktop.core.documents.medical.handover), FieldError / IncompleteDocument with French
    messages; on any error nothing is written."""
    _require_doctor(session)
    now = clock()
    tz = tz or now.tzinfo  # wall times typed in the form are read in the clock's zone
    record = session.medical_records.get(medical_record_id)
    if record is None:
        raise InvalidInput("Dossier médical introuvable.")
    if spec is None:
        from desktop.core.law import form_registry

        spec = form_registry().for_record(record.form_id, record.form_version)
    answers = session.medical_records.answers(medical_record_id)
    require_requisition(answers)  # no réquisition: hand it over or signal (art. 226-14 CP)
    raise_if(umj.check_umj(answers, now, tz))
    missing = missing_shareable(spec, answers, now)
    if missing:
        raise InvalidInput(
            "Le CMI ne peut pas être transmis ; il manque :\n"
            + "\n".join(f"  – {m}" for m in missing)
        )
    findings = shareable_findings(spec, answers, now)
    patient = patient_identity(session, findings.get(umj.PATIENT))
    exam_at = umj.exam_time(findings, tz)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    document_id = f"CMI-{record.case_id}-{medical_record_id}-{stamp}-{secrets.token_hex(2)}"
    doc = cmi_document(
        spec,
        findings,
        patient=patient,
        made_at=now.replace(tzinfo=None),
        document_id=document_id,
        audit=session.audit.head(),
        tz=tz,
    )
    from desktop.core.documents.medical.signing import approved_fingerprint, doctor_signs

    # the doctor's signature approves this CMI: refused if a finding changed since he signed
    doc = doctor_signs(doc, approved_fingerprint(spec, findings, patient, tz))
    if seal is None:
        from desktop.core.seal.documents import seal_document as seal
    pdf = seal(doc, signer or signer_for(session), location=str(findings.get(umj.PLACE) or ""))

    fresh = session.medical_records.answers(medical_record_id)
    require_requisition(fresh)  # the saisine again, as it is now
    if fresh != answers:
        # edited while the worker sealed (the saisine may now be a spontaneous request):
        # what was sealed is no longer what the doctor decided; nothing is written
        raise InvalidInput(CHANGED_WHILE_SEALING)
    cases = session.cases_db
    sent_at = now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    exam_iso = exam_at.replace(tzinfo=None).isoformat(timespec="minutes")
    with cases.transaction():
        copy = session.records.create(
            record.case_id,
            CMI_KIND,
            spec.id,
            str(spec.version),
            record.person_id,
            meta={"medical_record_id": medical_record_id, "document": document_id},
        )
        for field_id, value in findings.items():
            session.records.set_answer(copy.id, field_id, value)
        session.records.set_status(copy.id, "transmis")
        document = session.documents.add(
            record.case_id,
            CMI_KIND,
            pdf,
            title="Certificat médical initial",
            record_id=copy.id,
            sealed=True,
            meta={"document_id": document_id, "medical_record_id": medical_record_id},
        )
        cur = cases.execute(
            "INSERT INTO cmi_transmissions (case_id, medical_record_id, exam_date,"
            " transmitted_at, transmitted_by, document_id, findings_record_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                record.case_id,
                medical_record_id,
                exam_iso,
                sent_at,
                session.user_id,
                document.id,
                copy.id,
            ),
        )
        transmission_id = cur.lastrowid
        session.audit.append(
            session.user_id, "cmi.transmit", f"{record.case_id}/{medical_record_id}/{document.id}"
        )
    meta = dict(record.meta)
    meta.update(cmi_transmis_le=sent_at, cmi_document=document.id)
    session.medical_records.set_meta(medical_record_id, meta)
    session.medical_records.set_status(medical_record_id, "transmis")
    log_event("cmi.transmitted", case=record.case_id, record=medical_record_id, doc=document.id)
    return Transmission(
        transmission_id,
        record.case_id,
        medical_record_id,
        exam_iso,
        sent_at,
        session.user_id,
        document.id,
        copy.id,
    )
