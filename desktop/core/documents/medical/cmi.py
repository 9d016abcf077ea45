"""The certificat médical initial, built by the doctor from the shareable findings only.

The findings (desktop.core.medical.findings) are the fields the form marks shareable;
`cmi_document` words them into the PV engine's CmiDocument, with the doctor's signature.
This is the doctors' use case (it builds a document of desktop.core.pv), not medical data.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from desktop.core.formspec.model import FormSpec
from desktop.core.medical import umj
from desktop.core.medical.bodymap import load_bodymap
from desktop.core.medical.findings import (
    development_words,
    missing_shareable,
    option_labels,
    photographs_words,
    sample_labels,
    shareable_findings,
    shareable_ids,
)
from desktop.core.medical.lesions import (
    describe_lesion,
    describe_position,
    format_size,
    lesions_from_answer,
    type_label,
)
from desktop.core.medical.saisine import on_requisition, requisition_date
from desktop.core.medical.samples import describe_sample, samples_from_answer
from desktop.core.pv import words as w

DOCTOR_SIGNATURE = "signature_medecin"
#: « remis en main propre … » for each option of certificat_remis_a
HANDED_TO_WORDS = {
    "autorite_requerante": "à l'autorité requérante",
    "victime": "à la personne examinée",
    "representant_legal": "au représentant légal",
}


def requisition_words(answers: Mapping, basis_label: str = "") -> str:
    """« réquisition de BPM Valmont, n° 2026/17, du 12 mars 2026 (article 77-1 du code de
    procédure pénale, enquête préliminaire) », or the spontaneous request."""
    if not on_requisition(answers):
        return "à la demande de la personne examinée ou de son représentant légal"
    text = "réquisition"
    if answers.get("requisition_autorite"):
        text += f" de {answers['requisition_autorite']}"
    if answers.get("requisition_numero"):
        text += f", n°\u00a0{answers['requisition_numero']}"
    dated = requisition_date(answers)
    if dated is not None:
        text += f", du {_long_date(dated)}"
    if basis_label:
        # « Article 77-1 du CPP (enquête préliminaire) » -> one pair of parentheses only
        words = basis_label.replace("du CPP", "du code de procédure pénale")
        words = words.replace(" (", ", ").replace("(", "").replace(")", "")
        text += f" ({words[0].lower()}{words[1:]})"
    return text


def birth_words(value: str) -> str:
    """« 2012-03-14 » -> « 14/03/2012 » (kept as typed if it is not an ISO date)."""
    try:
        return w.date_short(w.parse_iso(value).date())
    except ValueError:
        return value


def _long_date(d: date) -> str:
    """« dix mars deux mille vingt-six » (no article: « le », « du » are the caller's)."""
    return f"{w.date_in_words(d, article=False)} {w.year_in_words(d.year)}"


def facts_sentence(f: Mapping[str, Any], tz: tzinfo | None = None) -> str:
    """« La personne examinée déclare avoir été victime de violences le 10 mars 2026 vers
    22 h 30, à l'hôtel … » — the facts as declared (HAS 2011), never qualified by the doctor.
    Empty when neither the nature nor the date of the facts is known."""
    nature = str(f.get("faits_nature") or "").strip().rstrip(".")
    when = umj.facts_time(f, tz)
    if not nature and not when.known:
        return ""
    text = "La personne examinée déclare avoir été victime"
    text += f" de {nature}" if nature else " de faits"
    if when.known:
        day = when.earliest if when.precise else (when.earliest + (when.latest - when.earliest) / 2)
        text += f" le {_long_date(day.date())}"
        precision = f.get(umj.FACTS_PRECISION)
        if precision == "inconnue":
            text += ", à une heure non précisée"
        elif precision == "approximative":
            text += f" vers {w.time_short(day.time())}{w.zone_suffix()}"
        else:
            text += f" à {w.time_short(day.time())}{w.zone_suffix()}"
    else:
        text += ", à une date non précisée"
    if f.get("faits_lieu"):
        text += f", {w.at_place(str(f['faits_lieu']))}"
    return text + "."


def itt_from(f: Mapping[str, Any], tz: tzinfo | None = None) -> str:
    """The ITT's starting point, stated: « des faits du 10 mars 2026 » (HAS 2011)."""
    exam = umj.exam_time(f, tz)
    if f.get("itt_point_depart") == "examen" and exam is not None:
        return f"de l'examen du {_long_date(exam.date())}"
    facts = umj.facts_time(f, tz)
    if facts.known and facts.earliest.date() == facts.latest.date():
        return f"des faits déclarés du {_long_date(facts.earliest.date())}"
    return "de la date des faits"


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
    basis = option_labels(spec, "requisition_fondement").get(f.get("requisition_fondement", ""), "")
    requisition = requisition_words(f, basis)
    examination = []
    if f.get("examen_general"):
        examination.append(str(f["examen_general"]))
    development = development_words(spec, f)
    if development:
        examination.append(development)
    if f.get("lesions_description"):
        examination.append(str(f["lesions_description"]))
    genital = f.get("examen_genital")
    if genital:
        label = option_labels(spec, "examen_genital").get(genital, genital)
        text = f"Examen génital et anal : {label[0].lower()}{label[1:]}."
        if f.get("examen_genital_constatations"):
            text += f" {f['examen_genital_constatations']}"
        examination.append(text)
    if photographs_words(f):
        examination.append(photographs_words(f))
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
        facts=facts_sentence(f, tz),
        account=tuple(s for s in (f.get("commemoratifs_recit"),) if s),
        statements=tuple(s for s in (f.get("declarations"),) if s),
        complaints=tuple(s for s in (f.get("doleances"),) if s),
        examination=tuple(examination),
        lesions=pv_lesions,
        diagram=_diagram(lesions, bm),
        psychological=str(f.get("etat_psychique") or ""),
        samples=tuple(describe_sample(s, sample_labels(spec)) for s in samples),
        samples_kept=f.get("saisine") != "requisition",
        further_exams=" ".join(further),
        itt_days=f.get(umj.ITT),
        itt_reserved=f.get("itt_reserve_complications", True) is not False,
        itt_from=itt_from(f, tz),
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
    if lesion.description and lesion.description.strip().rstrip("."):
        parts.append(lesion.description.strip().rstrip("."))  # « 3 × 2 cm, arrondie »
    return ", ".join(parts) + "."


__all__ = [
    "cmi_document",
    "describe_lesion",
    "development_words",
    "missing_shareable",
    "option_labels",
    "photographs_words",
    "requisition_words",
    "sample_labels",
    "shareable_findings",
    "shareable_ids",
]
