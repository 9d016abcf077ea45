"""Render a PvDocument (procès-verbal d'audition de victime mineure) to PDF/A-2b bytes."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from desktop.core.pv import engine, fonts
from desktop.core.pv import words as w
from desktop.core.pv.binding import content_fingerprint
from desktop.core.pv.engine import NBSP, Furniture, Rendered, SealBox, markup, space
from desktop.core.pv.model import PvDocument, SealSlot, Signer, SignStatus
from desktop.core.pv.pdfa import PdfMeta
from desktop.core.pv.templates import Template, load_template

TEMPLATE_ID = "pv_audition_mineur"
OPJ = "officier de police judiciaire"
BODY_W = engine.PAGE_W - engine.MARGIN_L - engine.MARGIN_R


def join_fr(items) -> str:
    """ "a, b et c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _p(text: str, st, style="body"):
    return engine.para(text, st[style])


def _time_values(dt) -> dict[str, str]:
    return {"time_words": w.time_in_words(dt.time()), "time_short": w.time_short(dt.time())}


def furniture(t: Template, header, footer, draft: bool, paraphes=(), doc_label=None) -> Furniture:
    refs = [t.text("ref_procedure", procedure_number=header.procedure_number)]
    if header.pv_number and "ref_pv" in t.texts:
        refs.append(t.text("ref_pv", pv_number=header.pv_number))
    if header.piece_number and "ref_piece" in t.texts:
        refs.append(t.text("ref_piece", piece_number=header.piece_number))
    lines = [
        t.text(
            "footer_doc",
            document_id=footer.document_id or "—",
            form_id=footer.form_id or "—",
            form_version=footer.form_version or "—",
            template_id=t.id,
            template_version=t.version,
        )
    ]
    if footer.audit_seq is not None:
        lines.append(
            t.text("footer_audit", audit_seq=footer.audit_seq, audit_hash=footer.audit_hash)
        )
    return Furniture(
        service_lines=(t.text("header_top"), *header.service_lines),
        doc_label=doc_label or t.doc_label,
        ref_lines=tuple(refs),
        footer_lines=tuple(lines),
        draft=draft,
        paraphes=tuple(paraphes),
    )


def pdf_meta(
    t: Template, header, footer, kind: str, recording_sha256: str = "", content_sha256: str = ""
) -> PdfMeta:
    title = f"{t.pdf_subject} — procédure {header.procedure_number}"
    if header.pv_number:
        title += f" — PV n°{NBSP}{header.pv_number}"
    audit = f"{footer.audit_seq}:{footer.audit_hash}" if footer.audit_seq is not None else ""
    return PdfMeta(
        title=title,
        author=header.service_lines[-1] if header.service_lines else "",
        subject=t.pdf_subject,
        keywords=f"Trame; {kind}; {footer.document_id}",
        trame={
            "documentId": footer.document_id,
            "documentKind": kind,
            "formId": footer.form_id,
            "formVersion": footer.form_version,
            "templateId": t.id,
            "templateVersion": t.version,
            "auditHead": audit,
            "recordingSha256": recording_sha256,
            # what the signatures approve (desktop.core.pv.binding.content_fingerprint)
            "contentSha256": content_sha256,
        },
    )


def _signed_dt(signed_at: str):
    """The stored ISO time of a signature as a wall time of the service (None when absent or
    unreadable)."""
    from datetime import datetime

    try:
        return w.to_local(datetime.fromisoformat(signed_at)) if signed_at else None
    except ValueError:
        return None


def _signed_when(signed_at: str) -> str:
    """« 30/11/2026 à 14 h 05 » from a stored ISO time ("" when absent or unreadable)."""
    dt = _signed_dt(signed_at)
    if dt is None:
        return ""
    return f"{w.date_short(dt.date())} à {w.time_short(dt.time())}{w.zone_suffix()}"


def signature_rows(t: Template, signers, st) -> list:
    """One table per signer: identity and quality printed next to the image (A.53-4)."""
    out = []
    for s in signers:
        who = f"<b>{markup(s.name or 'Identité non renseignée')}</b>"
        details = [markup(x) for x in dict.fromkeys((s.quality, s.role)) if x]
        left = Paragraph("<br/>".join([who, *details]), st["cell"])
        reason = t.text("reason", reason=s.reason.rstrip(".")) if s.reason else ""
        if s.status is SignStatus.SIGNED and s.image_png:
            right = [engine.png_image(s.image_png, 70 * mm, 22 * mm)]
            right.append(Paragraph(markup(t.text("signature_signed")), st["mention"]))
            when = _signed_when(s.signed_at)
            if when:
                right.append(Paragraph(markup(f"Signé le {when}"), st["mention"]))
        elif s.status is SignStatus.REFUSED:
            right = [_p(t.text("signature_refused", reason=reason), st, "cell")]
        elif s.status is SignStatus.UNABLE:
            right = [_p(t.text("signature_unable", reason=reason), st, "cell")]
        elif s.status is SignStatus.ABSENT:
            right = [_p(t.text("signature_absent", reason=reason), st, "cell")]
        else:
            right = [_p(t.text("signature_pending"), st, "cell")]
        # a refusal or an inability is dated too (a signature prints « Signé le … » above)
        noted = (
            _signed_dt(s.signed_at)
            if s.status not in (SignStatus.SIGNED, SignStatus.PENDING)
            else None
        )
        if noted and "signature_time" in t.texts:
            right.append(
                Paragraph(
                    markup(
                        t.text(
                            "signature_time",
                            time_short=w.time_short(noted.time()) + w.zone_suffix(),
                        )
                    ),
                    st["mention"],
                )
            )
        table = Table(
            [[left, right]], colWidths=[70 * mm, BODY_W - 70 * mm], hAlign="LEFT", splitInRow=1
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, engine.LIGHT),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        out.append(engine.keep(table))
    return out


def seal_block(
    t: Template, seals: tuple[SealSlot, ...], st, sink: list, quality: str = OPJ
) -> list:
    if not seals:
        return []
    boxes = [SealBox(s.field, t.text("seal_box", who=s.who), sink) for s in seals]
    if len(boxes) == 1:
        row = [boxes[0], ""]
    else:
        row = boxes[:2]
    grid = Table([row], colWidths=[BODY_W / 2, BODY_W / 2], hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    extra = [engine.space(3), *boxes[2:]] if len(boxes) > 2 else []
    return [
        engine.keep(
            _p(t.text("seal_title"), st, "h2"),
            _p(t.text("seal_mention", quality=quality), st, "mention"),
            space(2),
            grid,
            *extra,
        )
    ]


def paraphes_of(t: Template, signers) -> list[tuple[str, bytes]]:
    return [
        (t.text("paraphe", name=s.name), s.image_png)
        for s in signers
        if s.initials_each_page and s.status is SignStatus.SIGNED and s.image_png
    ]


def _officer_line(t: Template, doc: PvDocument) -> str:
    o = doc.officer
    return t.text(
        "officer",
        name=o.name,
        grade=f", {o.grade}" if o.grade else "",
        quality=o.quality,
        residence=f" en résidence à {o.residence}" if o.residence else "",
        service=f", en fonction {o.service}" if o.service else "",
        assisted=f", assisté(e) de {o.assisted_by}" if o.assisted_by else "",
        seconds=t.text("officer_seconds", opj=o.seconded_opj).rstrip(",") if o.seconded_opj else "",
    )


def _identity_rows(t: Template, doc: PvDocument) -> list[tuple[str, str]]:
    labels = t.raw("identity_rows")
    p = doc.person
    birth = ""
    if p.birth_date:
        try:
            birth = w.date_short(w.parse_iso(p.birth_date).date())
        except ValueError:
            birth = p.birth_date
        if p.birth_place:
            birth += f" à {p.birth_place}"
    values = {
        "last_name": p.last_name.upper(),
        "usage_name": p.usage_name,
        "first_name": p.first_name,
        "aliases": p.aliases,
        "birth": birth,
        "age": f"{p.age_years}{NBSP}ans" if p.age_years is not None else "",
        "parents": p.parents,
        "legal_guardians": p.legal_guardians,
        "nationality": p.nationality,
        "address": p.address,
        "placement": p.placement,
        "school": p.school,
        "phone": p.phone,
    }
    return [(labels[k], v) for k, v in values.items() if v]


def _recording(t: Template, doc: PvDocument, st) -> list:
    r = doc.recording
    out = [_p(t.text("recording_title"), st, "h2")]
    lines = []
    if r.mode == "audiovisuel":
        lines.append(t.text("recording_av"))
    elif r.mode == "sonore":
        lines.append(t.text("recording_audio", decision=r.audio_only_decision or "du magistrat"))
    elif r.mode == "impossible":
        lines.append(t.text("recording_impossible", nature=r.impossibility.rstrip(".")))
        if r.magistrate_notified:
            lines.append(t.text("recording_notified", magistrate=r.magistrate_notified.rstrip(".")))
    if r.mode in ("audiovisuel", "sonore"):
        if r.started and r.ended:
            lines.append(t.text("recording_times", start=r.started, end=r.ended))
        elif r.started:
            lines.append(t.text("recording_start_only", start=r.started))
        if r.operator:
            lines.append(t.text("recording_operator", operator=r.operator.rstrip(".")))
        if r.media:
            lines.append(t.text("recording_media", media=r.media.rstrip(".")))
        if r.seal_number:
            lines.append(t.text("recording_seal", seal_number=r.seal_number))
    if r.sha256:
        lines.append(t.text("recording_hash", sha256=r.sha256.lower()))
    out += [_p(x, st) for x in lines]
    return out


def _recording_mark(t: Template, doc: PvDocument, e, st) -> list:
    """« À quatorze heures (14 h 00), fin de l'enregistrement audiovisuel. » and its
    resumption (art. 706-52 CPP: the PV says when the recording starts and ends); a stop
    caused by a technical incident carries the 706-52 mention of the impossibility."""
    stop = e.kind == "fin_enregistrement"
    medium = t.text("recording_medium_" + ("sonore" if doc.recording.mode == "sonore" else "av"))
    reason = f" Motif{NBSP}: {e.note.rstrip('.')}." if e.note else ""
    text = t.text(
        "recording_stop" if stop else "recording_resume",
        medium=medium,
        reason=reason,
        **_time_values(e.at),
    )
    out = [_p(text, st, "pause")]
    if e.incident:
        who = doc.recording.incident_notified.rstrip(".")
        notified = (
            t.text("incident_notified", magistrate=who) if who else t.text("incident_not_notified")
        )
        out.append(_p(t.text("incident", notified=notified), st, "pause"))
    return out


def _body(t: Template, doc: PvDocument, st) -> list:
    out = [_p(t.text("statement_title"), st, "h2")]
    if doc.started_at:
        out.append(_p(t.text("statement_start", **_time_values(doc.started_at)), st))
    if doc.pre_substantive:
        out.append(_p(doc.pre_substantive, st))
    codes = [e.time_code for e in doc.body if e.kind == "qr" and e.time_code]
    if codes:
        on_recording = ":" in codes[0]
        out.append(
            _p(t.text("time_code_note" if on_recording else "time_wall_note"), st, "mention")
        )
    for e in doc.body:
        if e.kind == "qr":
            # one paragraph per pair: the answer never leaves its question behind, and
            # reportlab wraps it once (keepWithNext would wrap every pair twice)
            label = t.text("question_by", who=e.asked_by) if e.asked_by else t.text("question")
            code = f"{e.time_code}{NBSP}" if e.time_code else ""
            q_mark, r_mark = markup(code + label), markup(t.text("answer"))
            out.append(
                engine.Stack(  # a long pair: two paragraphs, each cut into chunks
                    [
                        engine.para(e.question, st["q"], prefix=f"<b>{q_mark}</b> "),
                        engine.para(e.answer, st["r"], prefix=f"<b>{r_mark}</b> "),
                    ]
                )
                if len(e.question) + len(e.answer) > engine.CHUNK
                else Paragraph(
                    f"<b>{q_mark}</b> {markup(e.question)}<br/><b>{r_mark}</b> {markup(e.answer)}",
                    st["r"],
                )
            )
        elif e.kind == "observation":
            # the officer's own mention, never inside the minor's answer
            text = t.text("observation", note=e.note.rstrip("."))
            code = f"{e.time_code}{NBSP}" if e.time_code else ""
            out.append(Paragraph(f"<i>{markup(code + text)}</i>", st["r"]))
        elif e.kind == "pause" and e.at:
            reason = f" Motif{NBSP}: {e.note.rstrip('.')}." if e.note else ""
            out.append(_p(t.text("pause", reason=reason, **_time_values(e.at)), st, "pause"))
            if e.incident:
                who = doc.recording.incident_notified.rstrip(".")
                notified = (
                    t.text("incident_notified", magistrate=who)
                    if who
                    else t.text("incident_not_notified")
                )
                out.append(_p(t.text("incident", notified=notified), st, "pause"))
        elif e.kind == "reprise" and e.at:
            out.append(_p(t.text("resume", **_time_values(e.at)), st, "pause"))
        elif e.kind == "phase" and e.phase:  # issue 13: the NICHD phase opening here
            out.append(_p(t.text("phase_heading", phase=e.phase), st, "phase"))
        elif e.kind in ("fin_enregistrement", "reprise_enregistrement") and e.at:
            out += _recording_mark(t, doc, e, st)
        elif e.kind == "note" and (e.note or e.answer):
            out.append(_p(t.text("note", note=e.note or e.answer), st, "pause"))
    if doc.ended_at:
        minutes = 0
        if doc.started_at:
            minutes = int((doc.ended_at - doc.started_at).total_seconds() // 60)
        out.append(
            _p(
                t.text("end", duration=w.duration_in_words(minutes), **_time_values(doc.ended_at)),
                st,
            )
        )
    return out


def story(doc: PvDocument, t: Template, st, sink: list) -> list:
    h = doc.header
    s: list = [_p(t.title, st, "title")]
    sub = t.text("subtitle", cadre=h.cadre, affaire=f" — {h.affaire}" if h.affaire else "")
    if sub.strip():
        s.append(_p(sub, st, "subtitle"))
    s.append(space(4))
    opening = []
    if doc.started_at:
        opening.append(t.text("incipit", incipit=w.incipit(doc.started_at) + w.zone_suffix()))
    opening.append(_officer_line(t, doc))
    if doc.framework:
        opening.append(doc.framework)
    if doc.articles:
        opening.append(t.text("articles", articles=join_fr(doc.articles)))
    if doc.investigation:
        opening.append(t.text("investigation", investigation=doc.investigation.rstrip(",.")))
    opening.append(t.text("operations"))
    s += [_p(x, st) for x in opening]
    s.append(_p(t.text("place", place=doc.place or "…"), st))
    s.append(_p(t.text("identity_title"), st, "h2"))
    s.append(engine.table(_identity_rows(t, doc), [50 * mm, BODY_W - 50 * mm], st))
    if doc.withheld:
        s += [space(2), _p(doc.withheld, st)]

    s.append(_p(t.text("present_title"), st, "h2"))
    if doc.present:
        s.append(_p(t.text("present_intro"), st))
        rows = [tuple(t.raw("present_head"))]
        rows += [
            (p.quality, f"{p.name}, {p.detail}" if p.detail else p.name, p.legal_basis)
            for p in doc.present
        ]
        s.append(engine.table(rows, [45 * mm, 70 * mm, BODY_W - 115 * mm], st, header=True))
    else:
        s.append(_p(t.text("present_none"), st))
    if doc.presence_decision:
        s.append(_p(t.text("present_decision", decision=doc.presence_decision.rstrip(".")), st))
    if doc.presence_required:
        s.append(_p(t.text("present_signs"), st))
    if doc.interpreter_language:
        interpreter = next((p.name for p in doc.present if "interprète" in p.quality), "")
        if doc.interpreter_oath:
            s.append(
                _p(
                    t.text(
                        "interpreter_oath_formula",
                        language=doc.interpreter_language,
                        name=interpreter or "…",
                    ),
                    st,
                )
            )
        else:
            s.append(_p(t.text("interpreter_assists", language=doc.interpreter_language), st))

    s.append(_p(t.text("rights_title"), st, "h2"))
    s.append(_p(t.text("rights_intro"), st))
    for right in doc.rights_notified:
        s.append(engine.para(right, st["left"], prefix=f"–{NBSP}"))
    if doc.rights_receipt:
        s.append(_p(t.text("rights_receipt"), st))

    s += _recording(t, doc, st)

    if doc.evvi:
        s.append(_p(t.text("evvi_title"), st, "h2"))
        s.append(_p(t.text("evvi_intro"), st))
        rows = [tuple(t.raw("evvi_head"))]
        for item in doc.evvi:
            mark = {True: "evvi_yes", False: "evvi_no", None: "evvi_unknown"}[item.retained]
            rows.append((item.criterion, t.text(mark), item.detail))
        s.append(engine.table(rows, [62 * mm, 20 * mm, BODY_W - 82 * mm], st, header=True))
        for note in doc.evvi_notes:
            s.append(_p(note, st))

    if doc.protection:
        s.append(_p(t.text("protection_title"), st, "h2"))
        s.append(_p(doc.protection, st))

    s += _body(t, doc, st)

    s.append(space(2))
    if doc.observations:
        s.append(_p(t.text("observations", observations=doc.observations), st))
    else:
        s.append(_p(t.text("no_observations"), st))
    if any(x.read_by_officer for x in doc.signers):
        reading = t.text("reading_officer", quality=doc.officer.quality or OPJ)
    elif any(x.read_by_interpreter for x in doc.signers):
        reading = t.text("reading_interpreter", language=doc.interpreter_language or "…")
    else:
        reading = t.text("reading_self")
    lead = [_p(reading, st)]
    if doc.ended_at:
        lead.append(
            _p(
                t.text(
                    "closing",
                    place_short=_place_short(doc.place),
                    date=w.full_date_in_words(doc.ended_at.date()),
                    time_short=w.time_short(doc.ended_at.time()) + w.zone_suffix(),
                ),
                st,
            )
        )
    s += closing_block(
        t, doc.signers, doc.seals, st, sink, lead=lead, quality=doc.officer.quality or OPJ
    )
    return s


def closing_block(t: Template, signers, seals, st, sink: list, lead=(), quality: str = OPJ) -> list:
    """Signatures and seal kept on one page when they fit (they split only if they cannot).

    `lead` (the reading and closing formula of a PV) is kept on the page of the signatures:
    a page of signatures alone is never printed."""
    block = list(lead)
    if signers:
        block.append(_p(t.text("signatures_title"), st, "h2"))
        for row in signature_rows(t, signers, st):
            block += getattr(row, "_content", [row])
        block.append(space(4))
    for item in seal_block(t, seals, st, sink, quality):
        # one level of KeepTogether: nested ones make reportlab break pages too early
        block += getattr(item, "_content", [item])
    return [engine.need(40), engine.keep(*block)]


def _place_short(place: str) -> str:
    return place.strip() if place else ""


def render_pv(doc: PvDocument, template: Template | None = None) -> Rendered:
    t = template or load_template(TEMPLATE_ID)
    st = engine.styles()
    sink: list = []
    flow = story(doc, t, st, sink)
    rendered = engine.render(
        flow,
        furniture(t, doc.header, doc.footer, doc.draft, paraphes_of(t, doc.signers)),
        pdf_meta(
            t,
            doc.header,
            doc.footer,
            "pv_audition",
            doc.recording.sha256.lower(),
            content_fingerprint(doc),
        ),
    )
    rendered.seals = _last_placement(sink)
    return rendered


def _last_placement(sink: list) -> list:
    """A flowable may be drawn more than once if a split is retried: keep the last draw."""
    by_name: dict = {}
    for placement in sink:
        by_name[placement.name] = placement
    return list(by_name.values())


__all__ = ["render_pv", "join_fr", "Signer"]
