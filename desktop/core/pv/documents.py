"""The UAPED report, the fiche de signalement and the certificat médical initial.

Same engine and furniture as the PV (desktop.core.pv.pv); texts from pv_*.yaml.

    render_report(ReportDocument(kind="rapport_uaped", …))   -> Rendered
    render_report(ReportDocument(kind="fiche_signalement", …))
    render_cmi(CmiDocument(…))                                -> Rendered
"""

from __future__ import annotations

from reportlab.lib.units import mm

from desktop.core.pv import engine
from desktop.core.pv import words as w
from desktop.core.pv.binding import content_fingerprint
from desktop.core.pv.engine import NBSP, Rendered, quoted, space
from desktop.core.pv.model import CmiDocument, ReportDocument
from desktop.core.pv.pv import (
    BODY_W,
    _last_placement,
    closing_block,
    furniture,
    paraphes_of,
    pdf_meta,
)
from desktop.core.pv.templates import Template, load_template

REPORT_TEMPLATES = {
    "rapport_uaped": "pv_rapport_uaped",
    "fiche_signalement": "pv_fiche_signalement",
    "pv_renseignement": "pv_renseignement",
    "bordereau_prelevements": "pv_bordereau_prelevements",  # annex of the CMI (issue 18)
    "signalement_medecin": "pv_signalement_medecin",  # art. 226-14 CP, no réquisition
    "mention_complementaire": "pv_mention_complementaire",
}
CMI_TEMPLATE = "pv_cmi"


def _with(meta, extra: dict | None):
    if extra:
        meta.trame.update(extra)
    return meta


def _p(text: str, st, style="body"):
    return engine.para(text, st[style])


def _made(t: Template, when, place: str) -> str:
    return t.text(
        "made",
        date=w.full_date_in_words(when.date()),
        time_short=w.time_short(when.time()) + w.zone_suffix(),
        place=f", {w.at_place(place)}" if place else "",
    )


def render_report(
    doc: ReportDocument,
    template: Template | None = None,
    extra_meta: dict | None = None,
    mark=None,
) -> Rendered:
    """`extra_meta`: more Trame XMP properties (an addendum's originalId, originalSha256);
    `mark`: a function Furniture -> Furniture (the pseudonymised copy's label on each page)."""
    try:
        t = template or load_template(REPORT_TEMPLATES[doc.kind])
    except KeyError:
        from desktop.core.pv.templates import TemplateError

        raise TemplateError(f"Type de rapport inconnu : « {doc.kind} ».") from None
    st = engine.styles()
    sink: list = []
    h = doc.header
    s: list = [_p(doc.title or t.title, st, "title")]
    sub = t.text("subtitle", cadre=h.cadre, affaire=f" — {h.affaire}" if h.affaire else "")
    if sub.strip(" —"):
        s.append(_p(sub, st, "subtitle"))
    s.append(space(3))
    if doc.intro:
        s.append(_p(doc.intro, st))
    for section in doc.sections:
        block = [_p(section.title, st, "h2")]
        if section.rows:
            block.append(engine.table(section.rows, [60 * mm, BODY_W - 60 * mm], st))
            block.append(space(1.5))
        for para in section.paragraphs:
            block.append(_p(para, st))
        for words in section.quotes:
            block.append(engine.para(quoted(words), st["body"]))
        s.append(block[0])
        s += block[1:]
    lead = []  # the « établi le … » sentence stays on the page of the signatures
    if doc.made_at:
        s.append(space(2))
        lead.append(_p(_made(t, doc.made_at, doc.made_place), st))
    for note in doc.closing_notes:
        lead.append(_p(note, st))
    s += closing_block(t, doc.signers, doc.seals, st, sink, lead=lead)
    furn = furniture(t, h, doc.footer, doc.draft, paraphes_of(t, doc.signers))
    rendered = engine.render(
        s,
        mark(furn) if mark else furn,
        _with(
            pdf_meta(t, h, doc.footer, doc.kind, content_sha256=content_fingerprint(doc)),
            extra_meta,
        ),
    )
    rendered.seals = _last_placement(sink)
    return rendered


def render_cmi(doc: CmiDocument, template: Template | None = None) -> Rendered:
    t = template or load_template(CMI_TEMPLATE)
    st = engine.styles()
    sink: list = []
    s: list = [_p(t.title, st, "title"), _p(t.text("subtitle"), st, "subtitle"), space(3)]
    p = doc.patient
    when = ""
    if doc.examined_at:
        when = (
            f"{w.full_date_in_words(doc.examined_at.date())}, à "
            f"{w.time_short(doc.examined_at.time())}{w.zone_suffix()}"
        )
    birth = ""
    if p.birth_date:
        try:
            birth = f", né(e) le {w.date_short(w.parse_iso(p.birth_date).date())}"
        except ValueError:
            birth = f", né(e) le {p.birth_date}"
    s.append(
        _p(
            t.text(
                "intro",
                doctor=doc.doctor_name,
                quality=f", {doc.doctor_quality}" if doc.doctor_quality else "",
                rpps=f", RPPS n°{NBSP}{doc.doctor_rpps}" if doc.doctor_rpps else "",
                when=when,
                place=f", {w.at_place(doc.place)}" if doc.place else "",
                patient=p.display_name,
                birth=birth,
            ),
            st,
        )
    )
    if doc.present:
        s.append(_p(t.text("present", present=doc.present.rstrip(".")), st))
    if doc.requisition:
        s.append(_p(t.text("requisition", requisition=doc.requisition.rstrip(".")), st))

    def quoted_block(title_key, intro_key, items):
        if not items:
            return
        s.append(_p(t.text(title_key), st, "h2"))
        s.append(_p(t.text(intro_key), st))
        for item in items:
            s.append(engine.para(quoted(item), st["body"]))

    if doc.facts or doc.account:
        # HAS 2011: the facts as declared; the doctor's account in the conditional outside
        # quotation marks; the minor's own words, and only them, between « ».
        s.append(_p(t.text("statements_title"), st, "h2"))
        for para in (doc.facts, *doc.account):
            if para:
                s.append(_p(para, st))
        if doc.statements:
            s.append(_p(t.text("words_intro"), st))
            for item in doc.statements:
                s.append(engine.para(quoted(item), st["body"]))
    else:
        quoted_block("statements_title", "statements_intro", doc.statements)
    quoted_block("complaints_title", "complaints_intro", doc.complaints)
    if doc.examination or doc.lesions:
        s.append(_p(t.text("exam_title"), st, "h2"))
        for para in doc.examination:
            s.append(_p(para, st))
        if doc.lesions:
            rows = [tuple(t.raw("lesions_head"))]
            rows += [(str(x.number), x.location, x.description) for x in doc.lesions]
            s.append(engine.table(rows, [12 * mm, 50 * mm, BODY_W - 62 * mm], st, header=True))
        if doc.diagram is not None:
            s.append(engine.space(3))
            s.append(engine.keep(doc.diagram))
    if doc.psychological:
        s.append(_p(t.text("psych_title"), st, "h2"))
        s.append(_p(doc.psychological, st))
    if doc.samples:
        s.append(_p(t.text("samples_title"), st, "h2"))
        intro = "samples_intro_kept" if doc.samples_kept else "samples_intro"
        s.append(_p(t.text(intro), st))
        for item in doc.samples:  # each starts with its own « n° N » (no second numbering)
            s.append(engine.para(item, st["left"]))
    if doc.further_exams:
        s.append(_p(t.text("further_title"), st, "h2"))
        s.append(_p(doc.further_exams, st))
    s.append(_p(t.text("conclusion_title"), st, "h2"))
    if doc.conclusion:
        s.append(_p(doc.conclusion, st))
    if doc.itt_days is not None:
        s.append(
            _p(
                t.text(
                    "itt",
                    days_words=w.number(doc.itt_days),
                    days=doc.itt_days,
                    plural="s" if doc.itt_days > 1 else "",
                    reserve=t.text("itt_reserve") if doc.itt_reserved else "",
                    itt_from=doc.itt_from or "de la date des faits",
                ),
                st,
            )
        )
    if doc.made_at:
        s.append(
            _p(
                t.text(
                    "made",
                    date=w.full_date_in_words(doc.made_at.date()),
                    time_short=w.time_short(doc.made_at.time()) + w.zone_suffix(),
                    place=f", {w.at_place(doc.made_place)}" if doc.made_place else "",
                    handed_to=doc.handed_to or "à l'autorité requérante",
                ),
                st,
            )
        )
    s.append(_p(t.text("secrecy"), st, "mention"))
    s += closing_block(t, doc.signers, doc.seals, st, sink)
    rendered = engine.render(
        s,
        furniture(t, doc.header, doc.footer, doc.draft, paraphes_of(t, doc.signers)),
        pdf_meta(t, doc.header, doc.footer, "cmi", content_sha256=content_fingerprint(doc)),
    )
    rendered.seals = _last_placement(sink)
    return rendered
