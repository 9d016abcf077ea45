"""The printable bordereau de transmission: the manifest as a sealed PDF/A.

Same engine and page furniture as the PV. Its document id is "BT-" + the SHA-256 of the
manifest's bound part, so the sealed bordereau and manifest.json vouch for each other.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from desktop.core.export import manifest as mf
from desktop.core.pv import engine, fonts
from desktop.core.pv import words as w
from desktop.core.pv.engine import NBSP, Furniture, Rendered, space
from desktop.core.pv.model import Footer, Header, SealSlot
from desktop.core.pv.pdfa import PdfMeta
from desktop.core.pv.pv import BODY_W, _last_placement, furniture, seal_block
from desktop.core.pv.templates import Template, load_template
from desktop.core.seal.seal import seal_pdf

TEMPLATE_ID = "bordereau_transmission"
SEAL_FIELD = "sceau_bordereau"


def template() -> Template:
    return load_template(TEMPLATE_ID)


def _p(text: str, st, style: str = "body"):
    return engine.para(text, st[style])


def _hash_cell(hexdigest: str, st) -> Paragraph:
    half = len(hexdigest) // 2
    text = f"{hexdigest[:half]}<br/>{hexdigest[half:]}" if hexdigest else "—"
    return Paragraph(f'<font face="{fonts.MONO}" size="7">{text}</font>', st["cell"])


def _size(n: int) -> str:
    if n < 1024:
        return f"{n}{NBSP}octets"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f}{NBSP}Kio ({n}{NBSP}octets)".replace(".", ",")
    return f"{n / 1024 / 1024:.1f}{NBSP}Mio ({n}{NBSP}octets)".replace(".", ",")


def marked(f: Furniture, label: str, line: str) -> Furniture:
    """The page furniture of a copy marked as such on every page (label and footer line)."""
    return dataclasses.replace(f, doc_label=label, footer_lines=(*f.footer_lines, line))


def _seal_text(seal: dict) -> str:
    when = seal.get("time", "")
    if when:
        try:
            dt = w.to_local(when)
            when = f"le {w.date_short(dt.date())} à {w.time_short(dt.time())}"
        except (ValueError, TypeError):
            pass
    return f"{seal.get('signer', '')}\n{when}".strip()


def story(bound: dict, t: Template, st, sink: list, made_at: datetime, who: dict) -> list:
    pseudo = bound["kind"] == mf.KIND_PSEUDONYMISED
    case = bound.get("case", {})
    service = f" — {case['service']}" if case.get("service") else ""
    s: list = [_p(t.text("pseudo_title") if pseudo else t.title, st, "title")]
    if pseudo:
        s.append(_p(t.text("pseudo_subtitle", service=service), st, "subtitle"))
    else:
        s.append(
            _p(
                t.text(
                    "subtitle", procedure_number=case.get("procedure_number", ""), service=service
                ),
                st,
                "subtitle",
            )
        )
    s.append(space(2))
    values = {
        "date": w.full_date_in_words(made_at.date()),
        "time_short": w.time_short(made_at.time()),
        "login": who.get("login", ""),
        "role": who.get("role_label", who.get("role", "")),
    }
    s.append(_p(t.text("pseudo_intro" if pseudo else "intro", **values), st))
    s.append(_p(t.text("intro_hash"), st))

    s.append(_p(t.text("pieces_title"), st, "h2"))
    rows: list = [tuple(t.raw("pieces_head"))]
    for n, piece in enumerate(bound["pieces"], start=1):
        seals = piece.get("seals") or []
        rows.append(
            (
                str(n),
                t.text(
                    "piece_cell",
                    label=piece.get("label", ""),
                    file=piece["file"],
                    document_id=piece.get("document_id") or "—",
                ),
                _hash_cell(piece["sha256"], st),
                "\n".join(_seal_text(x) for x in seals) or t.text("no_seal"),
            )
        )
    s.append(engine.table(rows, [9 * mm, 62 * mm, 56 * mm, BODY_W - 127 * mm], st, header=True))

    skipped = bound.get("skipped") or []
    if skipped:
        s.append(_p(t.text("skipped_title"), st, "h2"))
        for item in skipped:
            line = t.text(
                "skipped_line",
                title=item["title"],
                id=item["vault_document_id"],
                reason=item["reason"],
            )
            s.append(engine.para(line, st["left"], prefix=f"–{NBSP}"))

    if not pseudo:
        s.append(_p(t.text("recording_title"), st, "h2"))
        rec = bound.get("recording")
        if rec:
            labels = t.raw("recording_rows")
            if rec.get("pv_document_id"):
                match = t.text("recording_match", document_id=rec["pv_document_id"])
            else:
                match = t.text("recording_no_reference")
            rec_rows = [
                (labels["scelle"], rec.get("scelle", "")),
                (labels["file"], rec.get("file_name", "")),
                (labels["size"], _size(int(rec.get("size", 0)))),
                (labels["sha256"], _hash_cell(rec["sha256"], st)),
                (labels["match"], match),
            ]
            s.append(engine.table(rec_rows, [45 * mm, BODY_W - 45 * mm], st))
        else:
            s.append(_p(t.text("recording_none"), st))

    s.append(_p(t.text("trace_title"), st, "h2"))
    labels = t.raw("trace_rows")
    head = bound.get("audit_head") or {}
    versions = bound.get("versions") or {}
    forms = ", ".join(f"{k} v{v}" for k, v in sorted((versions.get("forms") or {}).items()))
    templates = ", ".join(f"{k} v{v}" for k, v in sorted((versions.get("templates") or {}).items()))
    trace = [
        (
            labels["audit"],
            t.text("audit_value", seq=head.get("seq", ""), hash=head.get("hash", "")),
        ),
        (labels["forms"], forms or "—"),
        (labels["templates"], templates or "—"),
        (labels["software"], f"Trame {versions.get('trame', '')}"),
        (labels["manifest"], _hash_cell(mf.digest(bound), st)),
    ]
    s.append(engine.table(trace, [45 * mm, BODY_W - 45 * mm], st))
    s.append(space(1))
    s.append(_p(t.text("verify_mention"), st, "mention"))
    s.append(space(2))
    s += seal_block(t, (SealSlot(SEAL_FIELD, who.get("seal_who", "")),), st, sink)
    return s


def render_bordereau(bound: dict, made_at: datetime, who: dict) -> Rendered:
    """PDF/A bytes (not sealed yet) and the seal placement."""
    t = template()
    st = engine.styles()
    sink: list = []
    flow = story(bound, t, st, sink, made_at, who)
    pseudo = bound["kind"] == mf.KIND_PSEUDONYMISED
    case = bound.get("case", {})
    number = t.text("pseudo_reference") if pseudo else case.get("procedure_number", "")
    head = bound.get("audit_head") or {}
    doc_id = mf.bordereau_document_id(bound)
    header = Header(
        service_lines=tuple(x for x in (case.get("service", ""),) if x), procedure_number=number
    )
    footer = Footer(
        document_id=doc_id,
        template_id=t.id,
        template_version=t.version,
        audit_seq=head.get("seq"),
        audit_hash=head.get("hash", ""),
    )
    furn = furniture(t, header, footer, False)
    if pseudo:
        furn = marked(furn, t.text("pseudo_label"), t.text("pseudo_footer"))
    meta = PdfMeta(
        title=f"{t.pdf_subject} — {number}",
        author=case.get("service", ""),
        subject=t.pdf_subject,
        keywords=f"Trame; bordereau; {doc_id}",
        trame={
            "documentId": doc_id,
            "documentKind": "bordereau_transmission",
            "templateId": t.id,
            "templateVersion": t.version,
            "auditHead": f"{head.get('seq')}:{head.get('hash')}" if head else "",
        },
    )
    rendered = engine.render(flow, furn, meta)
    rendered.seals = _last_placement(sink)
    return rendered


def sealed_bordereau(bound: dict, signer, made_at: datetime, who: dict) -> bytes:
    rendered = render_bordereau(bound, made_at, who)
    return seal_pdf(
        rendered.pdf, signer, placements=rendered.seals, stamp_name=who.get("stamp_name")
    )
