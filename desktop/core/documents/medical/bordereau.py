"""« Bordereau de remise des prélèvements »: the chain of custody of the UMJ samples.

The annex of the CMI that the receiving officer and the doctor both sign when the samples
leave the medical unit (DOMAIN §4.4, usual UMJ practice): per sample its number, site,
nature, when and by whom it was collected, how it is kept, to whom (name, quality, service)
and when it was handed over, and the scellé number the OPJ gives it. Photographs: number,
medium, where kept.

    doc = seal_bordereau(session, medical_record_id, receiver=Receiver(…),
                         seal_numbers={1: "S-01", …}, officer_png=…, doctor_png=…)

Only on réquisition (samples of a spontaneous request stay at the unit « en lieu sûr en vue
d'une éventuelle réquisition »). The sealed PDF goes to the case database (kind
`bordereau_prelevements`) and is exported with the procedure file; the hand-over is written
back into the medical record's samples. Call from a worker thread (pyHanko).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo

from desktop.core.documents.medical.cmi import (
    birth_words,
    option_labels,
    photographs_words,
    requisition_words,
    sample_labels,
)
from desktop.core.errors import InvalidInput
from desktop.core.logging import log_event
from desktop.core.medical import umj
from desktop.core.medical.clock import format_printed, system_clock
from desktop.core.medical.saisine import require_requisition
from desktop.core.medical.samples import (
    _label,
    check_all,
    samples_from_answer,
    samples_to_answer,
    site_label,
)
from desktop.core.medical.signatures import is_png
from desktop.core.medical.validation import FieldError, FieldIssue, raise_if

KIND = "bordereau_prelevements"
TEMPLATE_ID = "pv_bordereau_prelevements"


@dataclass(frozen=True)
class Receiver:
    """The officer who receives the samples (and seals them)."""

    name: str
    quality: str  # « capitaine de police, OPJ »
    service: str  # « BPM de Valmont »

    def words(self) -> str:
        return ", ".join(x.strip() for x in (self.name, self.quality, self.service) if x.strip())


def _check_inputs(receiver: Receiver, officer_png, doctor_png) -> list[FieldIssue]:
    issues = []
    for field, value, what in (
        ("remis_a", receiver.name, "le nom de l'enquêteur qui reçoit les prélèvements"),
        ("remis_a_qualite", receiver.quality, "sa qualité (grade, OPJ ou APJ)"),
        ("remis_a_service", receiver.service, "son service"),
    ):
        if not value.strip():
            issues.append(FieldIssue(field, f"Indiquez {what}."))
    for field, png, who in (
        ("signature_enqueteur", officer_png, "de l'enquêteur qui reçoit les prélèvements"),
        ("signature_medecin", doctor_png, "du médecin"),
    ):
        if not is_png(png):
            issues.append(FieldIssue(field, f"La signature {who} n'a pas été recueillie."))
    if is_png(officer_png) and officer_png == doctor_png:
        issues.append(
            FieldIssue(
                "signature_enqueteur",
                "La même signature a été donnée pour l'enquêteur et le médecin : chacun signe "
                "lui-même.",
            )
        )
    return issues


def _sections(spec, f: Mapping, samples, receiver: Receiver):
    from desktop.core.pv.model import Section

    labels = sample_labels(spec)
    sections = []
    for s in samples:
        nature = _label(labels, "nature", s.nature) if s.nature else ""
        kept = _label(labels, "conservation", s.kept) if s.kept else ""
        rows = (
            ("Site", site_label(s.site, labels)),
            ("Nature", nature or "—"),
            ("Recueilli le", format_printed(s.taken_at) if s.taken_at else "—"),
            ("Recueilli par", s.collected_by or str(f.get(umj.DOCTOR) or "—")),
            ("Conservation", kept or "—"),
            ("Remis le", format_printed(s.handed_at) if s.handed_at else "—"),
            ("Remis à", receiver.words()),
            ("Scellé n°", s.seal_number),
        )
        sections.append(Section(f"PRÉLÈVEMENT N°\u00a0{s.number}", rows=rows))
    photos = photographs_words(f)
    if photos:
        sections.append(Section("PHOTOGRAPHIES", paragraphs=(photos,)))
    return tuple(sections)


def seal_bordereau(
    session,
    medical_record_id: int,
    *,
    receiver: Receiver,
    seal_numbers: Mapping[int, str],
    officer_png: bytes | None,
    doctor_png: bytes | None,
    signer=None,
    clock: Callable[[], datetime] = system_clock,
    tz: tzinfo | None = None,
    spec=None,
):
    """Seal the bordereau of one UMJ record and store it in the case database.

    `seal_numbers`: sample number -> scellé number (entered by the OPJ). Raises InvalidInput
    (no réquisition, no sample), FieldError (a missing scellé number, name, quality, service
    or signature: each names its field); on any error nothing is written. Returns the vault
    Document (its content is the sealed PDF)."""
    from desktop.core.documents.medical.transmit import (
        _require_doctor,
        patient_identity,
        signer_for,
    )
    from desktop.core.pv.model import Footer, Header, ReportDocument, SealSlot, Signer, SignStatus
    from desktop.core.seal.documents import seal_document

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
    require_requisition(answers)
    samples = samples_from_answer(answers.get(umj.SAMPLES), tz)
    if not samples:
        raise InvalidInput("Aucun prélèvement n'est inscrit au dossier : pas de bordereau.")
    handed = [s for s in samples if s.handed_at is not None]
    if handed:
        # chain of custody: a sealed bordereau already handed them over (correct by a PV)
        raise InvalidInput(
            "Prélèvement(s) n°\u00a0"
            + ", ".join(str(s.number) for s in handed)
            + f" déjà remis le {format_printed(handed[0].handed_at)} à "
            + (handed[0].handed_to or "l'enquêteur")
            + " (bordereau scellé) : un second bordereau contredirait la chaîne de garde."
        )
    issues = _check_inputs(receiver, officer_png, doctor_png)
    numbers = {s.number for s in samples}
    if seal_numbers and set(seal_numbers) != numbers:
        # the scellé numbers (and the signatures next to them) were given for another list
        issues.append(
            FieldIssue(
                umj.SAMPLES,
                "La liste des prélèvements a changé depuis la saisie des scellés et des "
                "signatures : rouvrez le bordereau et faites signer à nouveau.",
            )
        )
    handed_at = now.astimezone(tz) if tz else now
    updated = []
    for i, s in enumerate(samples, start=1):
        number = str(seal_numbers.get(s.number) or s.seal_number or "").strip()
        if not number:
            issues.append(
                FieldIssue(
                    f"prelevements.{i}.scelle_numero",
                    f"Prélèvement n°\u00a0{s.number} : le numéro de scellé (donné par l'OPJ) "
                    "manque.",
                )
            )
        updated.append(
            replace(
                s,
                seal_number=number,
                handed_to=receiver.name.strip(),
                handed_quality=receiver.quality.strip(),
                handed_service=receiver.service.strip(),
                handed_at=handed_at,
            )
        )
    issues += check_all(updated, now=now, facts=umj.facts_time(answers, tz))
    if issues:
        raise FieldError(issues)
    raise_if(umj.check_umj(answers, now, tz))

    patient = patient_identity(session, answers.get(umj.PATIENT))
    doctor = str(answers.get(umj.DOCTOR) or "")
    place = str(answers.get(umj.PLACE) or "")
    basis = option_labels(spec, "requisition_fondement").get(
        answers.get("requisition_fondement", ""), ""
    )
    intro = (
        f"Le {format_printed(handed_at)}, {doctor}, médecin, remet à {receiver.words()}, qui "
        f"les reçoit et les place sous scellés, les prélèvements réalisés sur la personne de "
        f"{patient.display_name}"
        + (f", né(e) le {birth_words(patient.birth_date)}" if patient.birth_date else "")
        + f", sur {requisition_words(answers, basis)}."
    )
    seq, head = session.audit.head()
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    document_id = f"BRP-{record.case_id}-{medical_record_id}-{stamp}-{secrets.token_hex(2)}"
    doc = ReportDocument(
        kind=KIND,
        header=Header(
            service_lines=(place or "Unité médico-judiciaire",),
            procedure_number=str(answers.get("requisition_numero") or document_id),
        ),
        title="BORDEREAU DE REMISE DES PRÉLÈVEMENTS",
        intro=intro,
        sections=_sections(spec, answers, updated, receiver),
        made_at=handed_at.replace(tzinfo=None),
        made_place=place,
        signers=(
            Signer(
                "enquêteur recevant les prélèvements",
                receiver.name.strip(),
                f"{receiver.quality.strip()}, {receiver.service.strip()}",
                SignStatus.SIGNED,
                image_png=officer_png,
            ),
            Signer(
                "médecin remettant les prélèvements",
                doctor,
                "médecin",
                SignStatus.SIGNED,
                image_png=doctor_png,
            ),
        ),
        footer=Footer(
            document_id=document_id,
            form_id=spec.id,
            form_version=str(spec.version),
            template_id=TEMPLATE_ID,
            audit_seq=seq,
            audit_hash=head,
        ),
        seals=(SealSlot("sceau_medecin", f"{doctor}, médecin" if doctor else "médecin"),),
    )
    pdf = seal_document(doc, signer or signer_for(session), location=place)
    from desktop.core.documents.medical.transmit import transmission_of

    if session.medical_records.answers(medical_record_id) != answers:
        raise InvalidInput(
            "Le dossier médical a été modifié pendant le scellement du bordereau : rien n'a été "
            "enregistré. Rouvrez le bordereau et faites signer à nouveau."
        )

    sent = transmission_of(session, medical_record_id)
    with session.cases_db.transaction():
        stored = session.documents.add(
            record.case_id,
            KIND,
            pdf,
            title="Bordereau de remise des prélèvements",
            record_id=sent.findings_record_id if sent else None,
            sealed=True,
            meta={"document_id": document_id, "medical_record_id": medical_record_id},
        )
        session.audit.append(
            session.user_id, "cmi.bordereau", f"{record.case_id}/{medical_record_id}/{stored.id}"
        )
    session.medical_records.set_answer(medical_record_id, umj.SAMPLES, samples_to_answer(updated))
    log_event("cmi.bordereau", case=record.case_id, record=medical_record_id, doc=stored.id)
    return stored
