"""From a record in the vault to a sealed document kept in the vault, in one call.

    doc = seal_hearing(session, record_id)            # builds, checks, renders, seals, stores
    doc = seal_report(session, record_id, signer=…)   # UAPED report or fiche de signalement

Raises IncompleteDocument (what is missing, in French) before anything is written. Call from
a worker thread (pyHanko runs its own asyncio loop).
"""

from __future__ import annotations

from desktop.core.logging import log_event
from desktop.core.pv.binding import bind, content_fingerprint, stale_signers
from desktop.core.pv.builder import build_pv, build_report
from desktop.core.pv.check import IncompleteDocument
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import Signer
from desktop.core.seal.store import CertificateStore

SEALED_STATUS = "scellé"


def require_bound(doc, what: str) -> None:
    """Refuse signatures stored without the fingerprint of the text they approve (A.53-4):
    nothing proves which version of the text was read. Bound but stale ones are refused by
    desktop.core.pv.check with the same French wording."""
    unbound = [s for s in stale_signers(doc) if not s.content_sha256]
    if unbound:
        names = ", ".join(s.name or s.role for s in unbound)
        raise IncompleteDocument(
            what,
            [
                f"la signature de {names} n'est rattachée à aucun texte : faites relire le "
                "document et signer de nouveau"
            ],
        )


def _store(session, record, kind: str, title: str, pdf: bytes, doc, signer):
    stored = session.documents.add(
        record.case_id,
        kind,
        pdf,
        title=title,
        record_id=record.id,
        sealed=True,
        meta={
            "document_id": doc.footer.document_id,
            "template": f"{doc.footer.template_id} {doc.footer.template_version}",
            "certificate": getattr(signer, "fingerprint", ""),
            "content_sha256": content_fingerprint(doc),
        },
    )
    session.records.set_status(record.id, SEALED_STATUS)
    log_event("document.sealed", kind=kind, document=stored.id)
    return stored


def seal_hearing(session, record_id: int, signer: Signer | None = None, location: str = ""):
    """Seal the PV of a hearing; returns the vault Document (content: the sealed PDF).

    :raises IncompleteDocument: what the PV lacks, before anything is written.
    :raises CertificateError: no `signer` given and the account has no certificate."""
    doc = build_pv(session, record_id)
    require_bound(doc, "Le procès-verbal")
    signer = signer or CertificateStore(session).signer()
    pdf = seal_document(doc, signer, location=location)
    record = session.records.get(record_id)
    title = f"PV d'audition n° {doc.header.pv_number or record_id}"
    return _store(session, record, "pv_audition", title, pdf, doc, signer)


def seal_report(
    session,
    record_id: int,
    *,
    author=None,
    signer: Signer | None = None,
    location: str = "",
    service_lines: tuple[str, ...] | None = None,
):
    """Seal the UAPED report (author: the pad's Signer) or the fiche de signalement.

    `service_lines` heads the document (the UAPED's hospital; default: the case's service)."""
    doc = build_report(session, record_id, signer=author, service_lines=service_lines)
    if author is not None:
        doc = bind(doc)  # the author signs on the pad at the moment of sealing
    require_bound(doc, "Le document")
    signer = signer or CertificateStore(session).signer()
    pdf = seal_document(doc, signer, location=location)
    record = session.records.get(record_id)
    return _store(session, record, doc.kind, doc.title.capitalize(), pdf, doc, signer)


def seal_renseignement(
    session, record_id: int, *, author=None, signer: Signer | None = None, location: str = ""
):
    """Build, check, render and seal the PV de renseignement « minorité et qualification »
    (`author`: the officer's pad Signer of desktop.core.pv.model); stored beside the PV in
    the vault (kind pv_renseignement, exported after it). Raises IncompleteDocument first,
    when the officer's signature is missing."""
    from desktop.core.pv.renseignement import KIND, build_renseignement

    doc = build_renseignement(session, record_id, author=author)
    signer = signer or CertificateStore(session).signer()
    pdf = seal_document(doc, signer, location=location)
    record = session.records.get(record_id)
    title = "PV de renseignement — minorité et qualification"
    stored = session.documents.add(
        record.case_id,
        KIND,
        pdf,
        title=title,
        record_id=record.id,
        sealed=True,
        meta={
            "document_id": doc.footer.document_id,
            "template": f"{doc.footer.template_id} {doc.footer.template_version}",
            "certificate": getattr(signer, "fingerprint", ""),
        },
    )
    log_event("document.sealed", kind=KIND, document=stored.id)
    return stored
