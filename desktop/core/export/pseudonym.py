"""The pseudonymised copy: the document MODEL is pseudonymised, then rendered and sealed.

Never by editing a PDF. For associations and statistics (art. 39 bis loi 1881): persons are
named by their initials, the heard minor by initials and age; birth dates, addresses,
phone numbers, pseudonyms, plates, the procedure number and the handwritten signatures are
removed. Free text (questions, answers, observations, report paragraphs) goes through an
identity table built from the persons of the case and every name the model itself holds,
plus patterns for phone numbers, plates, e-mail addresses and street addresses.

    table = identity_table(session.persons.for_case(case_id), doc)
    copy = pseudonymise_pv(doc, table)
    pdf = render_pseudonymised(copy)        # "COPIE PSEUDONYMISÉE" on every page
"""

from __future__ import annotations

import dataclasses
import hashlib
import io

from desktop.core.export.identity import (  # re-exported: the table is part of this API
    REMOVED,
    IdentityTable,
    add_name,
    add_person,
    add_place,
    age_at,
    identity_table,
    initials,
    initials_name,
    model_date,
)
from desktop.core.pv import engine
from desktop.core.pv import words as w
from desktop.core.pv.model import (
    EvviItem,
    Footer,
    Header,
    Identity,
    Officer,
    PresentPerson,
    PvDocument,
    Recording,
    ReportDocument,
    SealSlot,
    Section,
    Signer,
)

__all__ = [  # the identity table's names stay importable from here
    "PSEUDO_SEAL_WHO",
    "REMOVED",
    "IdentityTable",
    "add_name",
    "add_person",
    "add_place",
    "age_at",
    "identity_table",
    "initials",
    "initials_name",
    "pseudonymise",
    "pseudonymise_pv",
    "pseudonymise_report",
    "redaction_png",
    "render_pseudonymised",
    "seal_reports_initials",
]

PSEUDO_SEAL_WHO = "copie pseudonymisée"


def redaction_png() -> bytes:
    """A grey hatched box standing for a handwritten signature removed from the copy."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (600, 200), (245, 245, 245))
    d = ImageDraw.Draw(im)
    for x in range(-200, 600, 24):
        d.line([(x, 200), (x + 200, 0)], fill=(200, 200, 200), width=3)
    d.rectangle([0, 0, 599, 199], outline=(160, 160, 160), width=3)
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def _signer(s: Signer, table: IdentityTable) -> Signer:
    return dataclasses.replace(
        s,
        name=initials_name(s.name),
        quality=table.scrub(s.quality),
        reason=table.scrub(s.reason),
        image_png=redaction_png() if s.image_png else None,
        initials_each_page=False,
        signed_as=table.scrub(s.signed_as),  # « mineur · Prénom NOM » of the binding
        row_identity=table.scrub(s.row_identity),
    )


def _header(h: Header, table: IdentityTable) -> Header:
    return dataclasses.replace(
        h,
        service_lines=tuple(table.scrub(x) for x in h.service_lines),
        procedure_number=REMOVED["reference"],
        pv_number="",
        piece_number="",
        affaire=table.scrub(h.affaire),
    )


def seal_reports_initials(report):
    """A piece's verification report with each sealer's name reduced to initials (the
    pseudonymised bundle's bordereau and manifest list them)."""
    seals = [dataclasses.replace(x, signer=initials_name(x.signer)) for x in report.seals]
    return dataclasses.replace(report, seals=seals)


def _footer(f: Footer) -> Footer:
    ref = hashlib.sha256(f.document_id.encode("utf-8")).hexdigest()[:12].upper()
    return dataclasses.replace(f, document_id=f"COPIE-PSEUDO-{ref}")


def _seals(seals: tuple[SealSlot, ...]) -> tuple[SealSlot, ...]:
    return (SealSlot("sceau_copie", PSEUDO_SEAL_WHO),) if seals else ()


def pseudonymise_pv(doc: PvDocument, table: IdentityTable) -> PvDocument:
    p = doc.person
    age = p.age_years if p.age_years is not None else age_at(p.birth_date, model_date(doc))
    s = table.scrub
    person = Identity(
        last_name=initials(p.last_name),
        first_name=initials(p.first_name),
        age_years=age,
        nationality=p.nationality,
        legal_guardians=s(p.legal_guardians),
        parents=s(p.parents),
    )
    o = doc.officer
    header = _header(doc.header, table)
    if doc.started_at:  # exact dates go: the month and year of the hearing stay
        month = f"audition de {w.MONTHS[doc.started_at.month - 1]} {doc.started_at.year}"
        header = dataclasses.replace(
            header, affaire=" — ".join(x for x in (header.affaire, month) if x)
        )
    return dataclasses.replace(
        doc,
        header=header,
        started_at=None,
        ended_at=None,
        officer=Officer(
            name=initials_name(o.name),
            grade=o.grade,
            quality=o.quality,
            residence=s(o.residence),
            service=s(o.service),
            assisted_by=initials_name(o.assisted_by),
            seconded_opj=initials_name(o.seconded_opj),
        ),
        place=s(doc.place),
        person=person,
        investigation=s(doc.investigation),
        present=tuple(
            PresentPerson(x.quality, initials_name(x.name), x.legal_basis, s(x.detail))
            for x in doc.present
        ),
        presence_decision=s(doc.presence_decision),
        recording=Recording(
            mode=doc.recording.mode,
            impossibility=s(doc.recording.impossibility),
            magistrate_notified=s(doc.recording.magistrate_notified),
            audio_only_decision=s(doc.recording.audio_only_decision),
            operator=s(doc.recording.operator),
            started=doc.recording.started,
            ended=doc.recording.ended,
            incident_notified=s(doc.recording.incident_notified),
        ),
        evvi=tuple(EvviItem(e.criterion, e.retained, s(e.detail)) for e in doc.evvi),
        evvi_notes=tuple(s(x) for x in doc.evvi_notes),
        protection=s(doc.protection),
        withheld=s(doc.withheld),
        framework=s(doc.framework),
        directing_magistrate=s(doc.directing_magistrate),
        presence_required=tuple(initials_name(x) for x in doc.presence_required),
        body=tuple(
            dataclasses.replace(
                e,
                question=s(e.question),
                answer=s(e.answer),
                note=s(e.note),
                asked_by=_asked_by(e.asked_by),
            )
            for e in doc.body
        ),
        observations=s(doc.observations),
        signers=tuple(_signer(x, table) for x in doc.signers),
        footer=_footer(doc.footer),
        draft=False,
        seals=_seals(doc.seals),
    )


def _asked_by(who: str) -> str:
    """« psychologue, M. Étienne ŒHLER » -> « psychologue, M. É. Œ. » (the quality stays)."""
    quality, _, name = who.partition(", ")
    return f"{quality}, {initials_name(name)}" if name else quality


def pseudonymise_report(doc: ReportDocument, table: IdentityTable) -> ReportDocument:
    s = table.scrub
    return dataclasses.replace(
        doc,
        header=_header(doc.header, table),
        title=s(doc.title),
        intro=s(doc.intro),
        sections=tuple(
            Section(
                s(x.title),
                rows=tuple((label, s(value)) for label, value in x.rows),
                paragraphs=tuple(s(t) for t in x.paragraphs),
                quotes=tuple(s(t) for t in x.quotes),
            )
            for x in doc.sections
        ),
        made_place=s(doc.made_place),
        signers=tuple(_signer(x, table) for x in doc.signers),
        footer=_footer(doc.footer),
        draft=False,
        seals=_seals(doc.seals),
    )


def pseudonymise(doc, table: IdentityTable):
    if isinstance(doc, PvDocument):
        return pseudonymise_pv(doc, table)
    if isinstance(doc, ReportDocument):
        return pseudonymise_report(doc, table)
    from desktop.core.export.errors import ExportError

    raise ExportError(
        f"Aucune copie pseudonymisée n'est prévue pour ce type de document "
        f"({type(doc).__name__}) : le certificat médical n'en a pas."
    )


# -- rendering ----------------------------------------------------------------------------


def render_pseudonymised(doc) -> engine.Rendered:
    """Render a pseudonymised model with "COPIE PSEUDONYMISÉE" in the furniture of every page."""
    from desktop.core.export.bordereau import marked
    from desktop.core.export.bordereau import template as bordereau_template
    from desktop.core.pv import pv
    from desktop.core.pv.templates import load_template

    bt = bordereau_template()
    label, line = bt.text("pseudo_label"), bt.text("pseudo_footer")
    if isinstance(doc, PvDocument):
        t = load_template(pv.TEMPLATE_ID)
        st = engine.styles()
        sink: list = []
        flow = pv.story(doc, t, st, sink)
        furn = marked(pv.furniture(t, doc.header, doc.footer, False), label, line)
        meta = pv.pdf_meta(t, doc.header, doc.footer, "pv_audition_pseudonymise")
        rendered = engine.render(flow, furn, meta)
        rendered.seals = pv._last_placement(sink)
        return rendered
    from desktop.core.export.errors import ExportError

    # The report renderer (desktop.core.pv.documents) builds its page furniture inline and
    # offers no way to mark every page yet: only the PV has a pseudonymised copy for now.
    raise ExportError("La copie pseudonymisée n'est disponible que pour le procès-verbal.")
