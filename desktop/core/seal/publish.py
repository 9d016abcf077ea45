"""From a record in the vault to a sealed document kept in the vault, in one call.

    doc = seal_hearing(session, record_id)            # builds, checks, renders, seals, stores
    doc = seal_report(session, record_id, signer=…)   # UAPED report or fiche de signalement

Raises IncompleteDocument (what is missing, in French) before anything is written. Call from
a worker thread (pyHanko runs its own asyncio loop).
"""

from __future__ import annotations

import unicodedata

from desktop.core.errors import InvalidInput
from desktop.core.logging import log_event
from desktop.core.pv.binding import bind, content_fingerprint, stale_signers
from desktop.core.pv.builder import build_pv, build_report
from desktop.core.pv.check import IncompleteDocument
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import Signer
from desktop.core.seal.store import CertificateStore

SEALED_STATUS = "scellé"
UAPED_FORM = "checklist_uaped"
UAPED_ROLE = "uaped"  # desktop.core.vault.keyslots.ROLE_LABELS: « coordination UAPED »
UAPED_AUTHOR = "auteur du rapport"  # the role printed beside the UAPED report's signature


def _folded(name: str) -> str:
    """The name as printed, spaces folded and NFC: case and accents count (the PDF prints
    the pad's name, which must be the certificate's as written)."""
    return unicodedata.normalize("NFC", " ".join(name.split()))


def require_uaped_session(session) -> None:
    """Raises InvalidInput (French) unless the session is a « coordination UAPED » account's."""
    if session.role != UAPED_ROLE:
        raise InvalidInput(
            "Le rapport UAPED est signé et scellé par son auteur, la coordination de l'UAPED, "
            f"sur sa propre session : votre compte « {session.role_label} » ne peut pas le signer."
        )


def require_report_opener(session, record) -> None:
    """The UAPED report is signed and sealed by the coordination UAPED account that opened
    it (README « Garanties »): a second UAPED account does not sign a colleague's report
    under her own name. :raises InvalidInput: (French)."""
    if record.created_by and record.created_by != session.user_id:
        raise InvalidInput(
            "Ce rapport UAPED a été ouvert par un autre compte de coordination UAPED : il est "
            "signé et scellé par son auteur, sur sa propre session."
        )


def require_uaped_author(session, author, signer: Signer) -> None:
    """The UAPED report is signed by its author: the « coordination UAPED » account whose
    session seals it, under the name of its own sealing certificate (issue 16, « chaque
    auteur signe son document »). `author`: the pad's Signer of desktop.core.pv.model.

    :raises InvalidInput: (French) another role's session, another role's pad (a doctor's),
        or a signature in another name than the sealing account's."""
    require_uaped_session(session)
    if author.role != UAPED_AUTHOR:
        raise InvalidInput(
            f"Cette signature est celle d'un {author.role} ({author.name or 'sans nom'}) : le "
            "rapport UAPED ne porte que la signature de son auteur, la coordination de l'UAPED."
        )
    require_holder_name(author, signer)


def require_holder_name(author, signer: Signer) -> None:
    """The pad's `author` signs under the name of the certificate `signer` that seals.

    :raises InvalidInput: (French) a signature in another name than the sealing account's."""
    holder = getattr(signer, "display_name", "")
    if _folded(author.name) != _folded(holder):
        raise InvalidInput(
            f"La signature est au nom de {author.name or 'personne'}, mais ce rapport est scellé "
            f"avec le certificat de {holder} : chacun signe sur sa propre session, sous son nom."
        )


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

    The UAPED report's author is the « coordination UAPED » account sealing it, role
    UAPED_AUTHOR, in the name of its sealing certificate (require_uaped_author).
    `service_lines` heads the document (the UAPED's hospital; default: the case's service).

    :raises IncompleteDocument: what is missing (the author's signature first), nothing written.
    :raises InvalidInput: the UAPED report signed on another account's session or pad.
    :raises CertificateError: no `signer` given and the account has no certificate."""
    record = session.records.get(record_id)
    uaped = record is not None and record.form_id == UAPED_FORM
    if uaped:
        require_uaped_session(session)  # before the certificate is even used
        require_report_opener(session, record)
    doc = build_report(session, record_id, signer=author, service_lines=service_lines)
    if author is not None:
        doc = bind(doc)  # the author signs on the pad at the moment of sealing
    require_bound(doc, "Le document")
    signer = signer or CertificateStore(session).signer()
    if uaped and author is not None:  # None: IncompleteDocument, the signature is missing
        require_uaped_author(session, author, signer)
    pdf = seal_document(doc, signer, location=location)
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
