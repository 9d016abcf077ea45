"""Render and seal any Trame document in one call, refusing incomplete ones.

pdf = seal_document(doc, signer)              # PvDocument, ReportDocument or CmiDocument
pdf = add_seal(pdf, second_signer)            # the next planned seal (second officer, …)
"""

from __future__ import annotations

from desktop.core.pv.check import require_complete
from desktop.core.pv.documents import render_cmi, render_report
from desktop.core.pv.engine import Rendered
from desktop.core.pv.model import CmiDocument, PvDocument
from desktop.core.pv.pv import render_pv
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import Signer


def render_document(doc) -> Rendered:
    if isinstance(doc, PvDocument):
        return render_pv(doc)
    if isinstance(doc, CmiDocument):
        return render_cmi(doc)
    return render_report(doc)


def seal_document(doc, signer: Signer, *, location: str = "") -> bytes:
    """The sealed PDF of a complete document (IncompleteDocument lists what is missing)."""
    require_complete(doc)
    rendered = render_document(doc)
    return seal_pdf(rendered.pdf, signer, placements=rendered.seals, location=location)


def add_seal(pdf: bytes, signer: Signer, *, location: str = "") -> bytes:
    return seal_pdf(pdf, signer, location=location)
