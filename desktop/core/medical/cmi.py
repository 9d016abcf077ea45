"""The certificat médical initial's data: the shareable findings of a UMJ record only.

A field goes into the CMI only if the form marks it `confidentiality: shareable`; a field
with no mark is treated as confidential. Hidden fields (their condition is false) are left
out, computed values are computed. `cmi_document` builds the PV engine's CmiDocument.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from desktop.core.formspec.flow import WizardFlow
from desktop.core.formspec.model import FormSpec
from desktop.core.medical import umj
from desktop.core.medical.bodymap import load_bodymap
from desktop.core.medical.lesions import (
    describe_lesion,
    describe_position,
    format_size,
    lesions_from_answer,
    type_label,
)
from desktop.core.medical.samples import describe_sample, samples_from_answer

SHAREABLE = "shareable"
DOCTOR_SIGNATURE = "signature_medecin"
#: « remis en main propre … » for each option of certificat_remis_a
HANDED_TO_WORDS = {
    "autorite_requerante": "à l'autorité requérante",
    "victime": "à la personne examinée",
    "representant_legal": "au représentant légal",
}


def shareable_ids(spec: FormSpec) -> tuple[str, ...]:
    """Top-level fields marked shareable (a repeat group marked shareable: all its rows)."""
    return tuple(f.id for step in spec.steps for f in step.fields if f.confidentiality == SHAREABLE)


def _naive_local(now: datetime) -> datetime:
    return now.replace(tzinfo=None) if now.tzinfo else now


def shareable_findings(spec: FormSpec, answers: Mapping, now: datetime) -> dict[str, Any]:
    """{field id: effective value} for the shareable, visible, non-empty fields."""
    flow = WizardFlow(spec, dict(answers), now=_naive_local(now))
    effective = flow.effective_answers()
    allowed = set(shareable_ids(spec))
    return {k: v for k, v in effective.items() if k in allowed and v not in (None, "", [])}


def missing_shareable(spec: FormSpec, answers: Mapping, now: datetime) -> list[str]:
    """French messages for the required shareable fields still empty or invalid."""
    flow = WizardFlow(spec, dict(answers), now=_naive_local(now))
    allowed = set(shareable_ids(spec))
    return [e.message for e in flow.missing() if e.field_id in allowed]


def option_labels(spec: FormSpec, path: str) -> dict[str, str]:
    try:
        return {o.value: o.label for o in spec.field_at(path).options}
    except KeyError:
        return {}


def sample_labels(spec: FormSpec) -> dict[str, dict[str, str]]:
    return {
        sub: option_labels(spec, f"{umj.SAMPLES}.{sub}") for sub in ("site", "nature", "finalite")
    }


def _diagram(lesions, bm):
    """The body diagram with the numbered markers of the lesions that have a position."""
    from reportlab.lib.units import mm

    from desktop.core.medical.drawing import body_drawing
    from desktop.core.medical.lesions import markers

    placed = markers(x for x in lesions if x.position)
    return body_drawing(placed, width=150 * mm, bodymap=bm) if placed else None


def cmi_document(
    spec: FormSpec,
    findings: Mapping[str, Any],
    *,
    patient,
    made_at: datetime,
    document_id: str,
    audit: tuple[int, str] | None = None,
    tz: tzinfo | None = None,
    service_lines: tuple[str, ...] = (),
):
    """The PV engine's CmiDocument from shareable findings (nothing else is at hand here)."""
    from desktop.core.pv.model import CmiDocument, Footer, Header, SealSlot
    from desktop.core.pv.model import Lesion as PvLesion

    f = dict(findings)
    bm = load_bodymap()
    labels = option_labels(spec, umj.LESIONS)
    lesions = lesions_from_answer(f.get(umj.LESIONS))
    pv_lesions = tuple(
        PvLesion(
            number=x.number or i + 1,
            location=describe_position(x.position, bm) if x.position else "",
            description=_lesion_words(x, labels),
        )
        for i, x in enumerate(lesions)
    )
    samples = samples_from_answer(f.get(umj.SAMPLES), tz)
    requisition = "à la demande de la victime ou de son représentant légal"
    if f.get("saisine") == "requisition":
        basis = option_labels(spec, "requisition_fondement").get(
            f.get("requisition_fondement", ""), ""
        )
        requisition = "réquisition"
        if f.get("requisition_autorite"):
            requisition += f" de {f['requisition_autorite']}"
        if f.get("requisition_numero"):
            requisition += f", n°\u00a0{f['requisition_numero']}"
        if basis:
            requisition += f" ({basis[0].lower()}{basis[1:]})"
    examination = []
    if f.get("examen_general"):
        examination.append(str(f["examen_general"]))
    if f.get("lesions_description"):
        examination.append(str(f["lesions_description"]))
    genital = f.get("examen_genital")
    if genital:
        label = option_labels(spec, "examen_genital").get(genital, genital)
        text = f"Examen génital et anal : {label[0].lower()}{label[1:]}."
        if f.get("examen_genital_constatations"):
            text += f" {f['examen_genital_constatations']}"
        examination.append(text)
    if f.get("photographies") is True:
        examination.append("Des photographies ont été prises avec l'accord du mineur.")
    further = []
    tox = [t for t in f.get("toxicologie_prelevements") or [] if t != "aucun"]
    if tox:
        names = option_labels(spec, "toxicologie_prelevements")
        further.append(
            "Prélèvements toxicologiques : " + ", ".join(names.get(t, t).lower() for t in tox) + "."
        )
    if f.get("toxicologie_motif"):
        further.append(f"Motif : {f['toxicologie_motif']}")
    if f.get("certificat_complementaire") is True:
        further.append("Un certificat complémentaire sera établi.")
    doctor = str(f.get(umj.DOCTOR) or "")
    exam_at = umj.exam_time(f, tz)
    seq, head = audit or (None, "")
    return CmiDocument(
        header=Header(
            service_lines=service_lines or (str(f.get(umj.PLACE) or "Unité médico-judiciaire"),),
            procedure_number=str(f.get("requisition_numero") or document_id),
        ),
        doctor_name=doctor,
        doctor_quality="médecin",
        doctor_rpps=str(f.get("medecin_rpps") or ""),
        patient=patient,
        examined_at=exam_at,
        place=str(f.get(umj.PLACE) or ""),
        present=str(f.get("presence_tiers") or ""),
        requisition=requisition,
        statements=tuple(s for s in (f.get("declarations"),) if s),
        complaints=tuple(s for s in (f.get("doleances"),) if s),
        examination=tuple(examination),
        lesions=pv_lesions,
        diagram=_diagram(lesions, bm),
        psychological=str(f.get("etat_psychique") or ""),
        samples=tuple(describe_sample(s, sample_labels(spec)) for s in samples),
        further_exams=" ".join(further),
        itt_days=f.get(umj.ITT),
        itt_reserved=f.get("itt_reserve_complications", True) is not False,
        made_at=made_at,
        made_place=str(f.get(umj.PLACE) or ""),
        handed_to=HANDED_TO_WORDS.get(f.get(umj.HANDED_TO, ""), ""),
        footer=Footer(
            document_id=document_id,
            form_id=spec.id,
            form_version=str(spec.version),
            template_id="pv_cmi",
            audit_seq=seq,
            audit_hash=head,
        ),
        seals=(SealSlot(field="sceau_medecin", who=f"{doctor}, médecin" if doctor else "médecin"),),
        signers=_doctor_signs(f, doctor),
    )


def _doctor_signs(findings: Mapping[str, Any], doctor: str) -> tuple:
    """The doctor's handwritten signature (field signature_medecin), printed with name,
    quality and time; a CMI without it is not sealed (desktop.core.pv.check)."""
    from desktop.core.pv.signature import signer_from_answer

    value = findings.get(DOCTOR_SIGNATURE)
    if not value:
        return ()
    return (signer_from_answer(value, role="médecin", name=doctor, quality="médecin"),)


def _lesion_words(lesion, labels: dict[str, str]) -> str:
    """Type, tint, size and description (the location has its own column)."""
    parts = [type_label(lesion.type, labels).capitalize() or "Lésion"]
    if lesion.colour:
        parts[0] += f" de teinte {lesion.colour}"
    size = format_size(lesion.length_mm, lesion.width_mm)
    if size:
        parts.append(size)
    text = ", ".join(parts)
    if lesion.description:
        text += f". {lesion.description.strip().rstrip('.')}"
    return text + "."


__all__ = [
    "cmi_document",
    "describe_lesion",
    "missing_shareable",
    "option_labels",
    "shareable_findings",
    "shareable_ids",
]
