"""The UAPED report and the fiche de signalement, built from their records in the vault.

    doc = build_report(session, record_id)                     # UAPED report or fiche P

Sections come from the form (desktop.core.pv.answers.form_sections) minus what stays apart
(the minor's words get their own section, the protected reporter's identity is never printed,
the staff's social decisions stay out unless marked transmissible).
"""

from __future__ import annotations

from datetime import datetime

from desktop.core.errors import InvalidInput
from desktop.core.formspec.dates import local_datetime
from desktop.core.pv import words as w
from desktop.core.pv.answers import form_sections
from desktop.core.pv.builder import _footer, _spec
from desktop.core.pv.mentions import _label, _person_name
from desktop.core.pv.model import Header, ReportDocument, SealSlot, Section, Signer, SignStatus
from desktop.core.pv.signature import signer_from_answer
from desktop.core.pv.templates import load_template

# Never printed in the fiche: the words of the minor get their own section (verbatim), the
# CRIP copy is said once after the date, the initial reporter's identity is held apart
# (préconisation 6: kept by the service, given to the magistrate on request).
FICHE_APART = frozenset(
    {
        "parole_mineur",
        "copie_crip",
        "crip_departement",
        "origine_identite",
        "origine_identite_protegee",
    }
)
# The staff's social decisions stay out of the report sent to the procedure unless the
# coordinator marks them transmissible.
UAPED_APART = frozenset({"staff_decisions", "staff_decisions_transmissibles"})


def _with_nicknames(t, spec, sections, a: dict):
    """The minor's nicknames are always printed (« aucun connu » when none is known)."""
    if (a.get("mineur_pseudos") or "").strip():
        return sections
    label = spec.field("mineur_pseudos").label
    first = spec.field("mineur_prenoms").label
    out = []
    for sec in sections:
        labels = [r[0] for r in sec.rows]
        if first in labels and label not in labels:
            rows = list(sec.rows)
            rows.insert(labels.index(first) + 1, (label, t.text("nicknames_none")))
            sec = Section(sec.title, tuple(rows), sec.paragraphs, sec.quotes)
        out.append(sec)
    return tuple(out)


def _fiche_notes(t, a: dict) -> tuple[str, ...]:
    """The CRIP sentence follows the CRIP answer; the protected origin is said, not named."""
    notes = []
    if a.get("copie_crip") is True:
        crip = (a.get("crip_departement") or "").strip().rstrip(".") or "département non précisé"
        notes.append(t.text("crip_sent", crip=crip))
    else:
        notes.append(t.text("crip_not_sent"))
    if a.get("origine_signalement") == "association" and a.get("origine_identite_protegee") is True:
        notes.append(t.text("protected_origin"))
    return tuple(notes)


REPORTS = {
    "checklist_uaped": ("rapport_uaped", "pv_rapport_uaped", "UAPED"),
    "fiche_signalement": ("fiche_signalement", "pv_fiche_signalement", "SIG"),
}


def build_report(
    session,
    record_id: int,
    *,
    signer: Signer | None = None,
    made_at: datetime | None = None,
    draft: bool = False,
    service_lines: tuple[str, ...] | None = None,
    forms=None,
) -> ReportDocument:
    """The UAPED report (checklist_uaped) or the fiche de signalement of a record.

    The fiche's signer comes from its `signature_signalant` field; the UAPED report has no
    signature field, so its author's Signer is passed in (the pad's result)."""
    record = session.records.get(record_id)
    if record is None:
        raise InvalidInput("Fiche introuvable.")
    if record.form_id not in REPORTS:
        raise InvalidInput(f"Le formulaire « {record.form_id} » ne produit pas de rapport.")
    kind, template_id, prefix = REPORTS[record.form_id]
    case = session.cases.get(record.case_id)
    spec = _spec(record, forms)
    t = load_template(template_id)
    a = session.records.answers(record_id)
    now = made_at or w.now_local()  # the service's wall time, not the machine's
    exclude = FICHE_APART if record.form_id == "fiche_signalement" else UAPED_APART
    if record.form_id == "checklist_uaped" and a.get("staff_decisions_transmissibles") is True:
        exclude = exclude - {"staff_decisions"}
    sections = form_sections(
        spec, a, persons=lambda pid: _person_name(session, pid), now=now, exclude=exclude
    )
    notes: tuple[str, ...] = ()
    intro = ""
    if record.form_id == "fiche_signalement":
        sections = _with_nicknames(t, spec, sections, a)
        notes = _fiche_notes(t, a)
        if a.get("priorite"):
            intro = f"{spec.field('priorite').label.split(' (')[0]} : " + _label(
                spec, "priorite", a["priorite"]
            )
        when = local_datetime(a.get("signalement_datetime")) or now
        name = a.get("signalant_nom") or ""
        signers = (
            signer_from_answer(
                a.get("signature_signalant"),
                role="signalant",
                name=name,
                quality=a.get("signalant_qualite") or "",
            ),  # carries signed_at (ISO) from the answer
        )
        service = a.get("signalant_service") or (case.service if case else "")
        quotes = (a["parole_mineur"],) if a.get("parole_mineur") else ()
        if quotes:
            sections += (Section("PAROLES DU MINEUR, MOT POUR MOT", quotes=quotes),)
    else:
        when = now
        signers = (
            (signer,) if signer else (Signer("auteur du rapport", "", "", SignStatus.PENDING),)
        )
        service = case.service if case else ""
    who = signers[0].name or "auteur"
    return ReportDocument(
        kind=kind,
        header=Header(
            service_lines=service_lines or tuple(x for x in (service,) if x) or ("Service",),
            procedure_number=str(
                a.get("audition_procedure_numero") or (case.procedure_number if case else "")
            ),
            piece_number=str(record.meta.get("piece_numero") or ""),
        ),
        title=t.title,
        intro=intro,
        sections=sections,
        closing_notes=notes,
        made_at=when,
        made_place="",
        signers=signers,
        footer=_footer(session, record, spec, t, prefix),
        draft=draft,
        seals=(SealSlot("sceau_auteur", who),),
    )
