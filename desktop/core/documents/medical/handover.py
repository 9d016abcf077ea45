"""Without réquisition: the CMI goes to the minor, or the doctor signals to the procureur.

HAS, certificat médical initial (octobre 2011): on the victim's own request the certificate is
« remis en main propre » to the victim or to the non-implicated legal representative. The
doctor may lift the secret only to alert the judicial authority (art. 226-14 du code pénal):
a signalement addressed to the procureur de la République, a separate act. Both documents
are sealed with the doctor's certificate and kept in the MEDICAL database
(`session.medical_documents`); neither is ever copied into the investigators' database.

    doc = hand_over_cmi(session, record_id)                              # kind cmi_remis
    doc = signal_to_prosecutor(session, record_id, parquet=…, doctor_png=…)  # signalement
    pdf = session.medical_documents.content(doc.id)                      # to print or send

Call from a worker thread (pyHanko).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo

from desktop.core.documents.medical.cmi import (
    HANDED_TO_WORDS,
    birth_words,
    cmi_document,
    facts_sentence,
    missing_shareable,
    shareable_findings,
)
from desktop.core.errors import InvalidInput
from desktop.core.logging import log_event
from desktop.core.medical import umj
from desktop.core.medical.clock import format_datetime, system_clock
from desktop.core.medical.signatures import is_png
from desktop.core.medical.validation import FieldIssue, raise_if

HANDED_KIND = "cmi_remis"
SIGNAL_KIND = "signalement_medecin"
SIGNAL_TEMPLATE = "pv_signalement_medecin"


def _load(session, medical_record_id: int, clock, tz, spec):
    from desktop.core.documents.medical.transmit import _require_doctor

    _require_doctor(session)
    now = clock()
    tz = tz or now.tzinfo
    record = session.medical_records.get(medical_record_id)
    if record is None:
        raise InvalidInput("Dossier médical introuvable.")
    if spec is None:
        from desktop.core.formspec.registry import FormRegistry

        spec = FormRegistry().get(record.form_id)
    answers = session.medical_records.answers(medical_record_id)
    raise_if(umj.check_umj(answers, now, tz))
    return now, tz, record, spec, answers


def _doc_id(prefix: str, record) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    return f"{prefix}-{record.case_id}-{record.id}-{stamp}-{secrets.token_hex(2)}"


def hand_over_cmi(
    session,
    medical_record_id: int,
    *,
    signer=None,
    clock: Callable[[], datetime] = system_clock,
    tz: tzinfo | None = None,
    spec=None,
):
    """Seal the CMI handed in person to the minor or the non-implicated representative
    (field « certificat_remis_a ») and keep it in the medical database. Raises FieldError /
    InvalidInput (French); nothing is written on error. Returns the medical Document."""
    from desktop.core.documents.medical.transmit import patient_identity, signer_for
    from desktop.core.seal.documents import seal_document

    now, tz, record, spec, answers = _load(session, medical_record_id, clock, tz, spec)
    if answers.get(umj.HANDED_TO) not in ("victime", "representant_legal"):
        raise_if(
            [
                FieldIssue(
                    umj.HANDED_TO,
                    "Choisissez à qui le certificat est remis en main propre : le mineur ou son "
                    "représentant légal non mis en cause.",
                )
            ]
        )
    missing = missing_shareable(spec, answers, now)
    if missing:
        raise InvalidInput(
            "Le CMI ne peut pas être établi ; il manque :\n"
            + "\n".join(f"  – {m}" for m in missing)
        )
    from desktop.core.documents.medical.signing import approved_fingerprint, doctor_signs

    findings = shareable_findings(spec, answers, now)
    patient = patient_identity(session, findings.get(umj.PATIENT))
    doc = cmi_document(
        spec,
        findings,
        patient=patient,
        made_at=now.replace(tzinfo=None),
        document_id=_doc_id("CMI", record),
        audit=session.audit.head(),
        tz=tz,
    )
    doc = doctor_signs(doc, approved_fingerprint(spec, findings, patient, tz))  # stale: refused
    pdf = seal_document(
        doc, signer or signer_for(session), location=str(findings.get(umj.PLACE) or "")
    )
    stored = session.medical_documents.add(
        record.case_id,
        HANDED_KIND,
        pdf,
        title="Certificat médical initial remis "
        + HANDED_TO_WORDS.get(answers.get(umj.HANDED_TO), ""),
        record_id=record.id,
        sealed=True,
        meta={"document_id": doc.footer.document_id},
    )
    log_event("cmi.handed_over", case=record.case_id, record=record.id, doc=stored.id)
    return stored


def signal_to_prosecutor(
    session,
    medical_record_id: int,
    *,
    parquet: str,
    doctor_png: bytes | None,
    signer=None,
    clock: Callable[[], datetime] = system_clock,
    tz: tzinfo | None = None,
    spec=None,
):
    """Seal the doctor's signalement to the procureur (art. 226-14 CP) and keep it in the
    medical database, to be sent to the parquet. `parquet`: « procureur de la République près
    le tribunal judiciaire de … ». Raises FieldError (no addressee, no signature)."""
    from desktop.core.documents.medical.transmit import patient_identity, signer_for
    from desktop.core.medical.findings import development_words, option_labels
    from desktop.core.pv.model import (
        Footer,
        Header,
        ReportDocument,
        SealSlot,
        Section,
        Signer,
        SignStatus,
    )
    from desktop.core.seal.documents import seal_document

    issues = []
    if not (parquet or "").strip():
        issues.append(FieldIssue("parquet", "Indiquez le parquet destinataire du signalement."))
    if not is_png(doctor_png):
        issues.append(FieldIssue("signature_medecin", "La signature du médecin manque."))
    raise_if(issues)
    now, tz, record, spec, answers = _load(session, medical_record_id, clock, tz, spec)
    f = shareable_findings(spec, answers, now)  # the signalement says no more than the CMI
    patient = patient_identity(session, f.get(umj.PATIENT))
    doctor = str(f.get(umj.DOCTOR) or "")
    exam = umj.exam_time(f, tz)
    intro = (
        f"Je soussigné(e), {doctor}, médecin"
        + (f", RPPS n°\u00a0{f['medecin_rpps']}" if f.get("medecin_rpps") else "")
        + f", signale à M. ou Mme le {parquet.strip()}, en application de l'article 226-14 du "
        f"code pénal, la situation de {patient.display_name}"
        + (f", né(e) le {birth_words(patient.birth_date)}" if patient.birth_date else "")
        + ", mineur(e), que j'ai examiné(e)"
        + (f" le {format_datetime(exam)}" if exam else "")
        + " à sa demande ou à celle de son représentant légal, sans réquisition."
    )
    facts = [p for p in (facts_sentence(f, tz), f.get("commemoratifs_recit")) if p]
    findings = [
        str(x)
        for x in (
            f.get("examen_general"),
            development_words(spec, f),
            f.get("lesions_description"),
            f.get("etat_psychique") and f"État psychique : {f['etat_psychique']}",
        )
        if x
    ]
    if f.get(umj.ITT) is not None:
        findings.append(f"Incapacité totale de travail : {f[umj.ITT]} jour(s).")
    genital = f.get("examen_genital")
    if genital:
        label = option_labels(spec, "examen_genital").get(genital, genital)
        findings.append(f"Examen génital et anal : {label[0].lower()}{label[1:]}.")
    sections = (
        Section(
            "FAITS DÉCLARÉS",
            paragraphs=tuple(str(p) for p in facts),
            quotes=tuple(s for s in (f.get("declarations"),) if s),
        ),
        Section("CONSTATATIONS", paragraphs=tuple(findings)),
    )
    place = str(f.get(umj.PLACE) or "")
    seq, head = session.audit.head()
    doc = ReportDocument(
        kind=SIGNAL_KIND,
        header=Header(
            service_lines=(place or "Unité médico-judiciaire",),
            procedure_number=f"UMJ-{record.case_id}-{record.id}",
        ),
        title="SIGNALEMENT AU PROCUREUR DE LA RÉPUBLIQUE",
        intro=intro,
        sections=sections,
        made_at=now.replace(tzinfo=None),
        made_place=place,
        signers=(
            Signer("médecin signalant", doctor, "médecin", SignStatus.SIGNED, image_png=doctor_png),
        ),
        footer=Footer(
            document_id=_doc_id("SIG", record),
            form_id=spec.id,
            form_version=str(spec.version),
            template_id=SIGNAL_TEMPLATE,
            audit_seq=seq,
            audit_hash=head,
        ),
        seals=(SealSlot("sceau_medecin", f"{doctor}, médecin" if doctor else "médecin"),),
    )
    pdf = seal_document(doc, signer or signer_for(session), location=place)
    stored = session.medical_documents.add(
        record.case_id,
        SIGNAL_KIND,
        pdf,
        title="Signalement au procureur de la République (art. 226-14 CP)",
        record_id=record.id,
        sealed=True,
        meta={"document_id": doc.footer.document_id},
    )
    log_event("signalement.medecin", case=record.case_id, record=record.id, doc=stored.id)
    return stored


def medical_documents(session, medical_record_id: int):
    """The sealed documents kept under medical secrecy for one record (doctor only)."""
    record = session.medical_records.get(medical_record_id)
    if record is None:
        return []
    return [
        d
        for d in session.medical_documents.for_case(record.case_id)
        if d.record_id == medical_record_id
    ]
