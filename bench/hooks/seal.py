"""Functions for bench/: a 30-page PV rendered, sealed and verified, and its baseline.

    from bench.hooks import seal as b
    doc = b.thirty_page_pv()
    rendered = b.render(doc)             # PDF/A-2b, embedded DejaVu, n/N pagination
    baseline = b.bare_reportlab(doc)     # the same text, plain reportlab, Helvetica, no PDF/A
    sealed = b.seal(rendered)            # PAdES B-B, RSA-3072 (key parsed once)
    report = b.verify(sealed)            # strict verifier; report.valid is True

Everything is fictional and in memory; nothing touches a vault.
"""

from __future__ import annotations

import io
from functools import cache

from desktop.core.pv.engine import Rendered
from desktop.core.pv.model import PvDocument
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import VerifyReport, verify_pdf

PAIRS_FOR_30_PAGES = 290


def thirty_page_pv() -> PvDocument:
    """A fictional hearing long enough for about 30 pages (290 Q/R give 30 pages)."""
    return sample_pv(pairs=PAIRS_FOR_30_PAGES, pause_after=100)


def render(doc: PvDocument | None = None) -> Rendered:
    return render_pv(doc or thirty_page_pv())


@cache
def bench_signer() -> SoftwareSigner:
    return SoftwareSigner(certs.create("Officier FICTIF (banc d'essai)"))


def seal(rendered: Rendered, signer: SoftwareSigner | None = None) -> bytes:
    return seal_pdf(rendered.pdf, signer or bench_signer(), placements=rendered.seals)


def verify(pdf: bytes) -> VerifyReport:
    return verify_pdf(pdf)


def bare_reportlab(doc: PvDocument | None = None) -> bytes:
    """The same words with plain reportlab defaults: the cost of layout without PDF/A."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    doc = doc or thirty_page_pv()
    styles = getSampleStyleSheet()
    story = [Paragraph("PROCÈS-VERBAL D'AUDITION DE VICTIME MINEURE", styles["Title"])]
    for entry in doc.body:
        if entry.kind == "qr":
            story.append(Paragraph("<b>QUESTION :</b> " + escape(entry.question), styles["Normal"]))
            story.append(Paragraph("<b>RÉPONSE :</b> " + escape(entry.answer), styles["Normal"]))
        else:
            story.append(Paragraph(escape(entry.kind + " " + entry.note), styles["Italic"]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()
