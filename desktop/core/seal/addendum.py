"""Seal a mention complémentaire to a sealed document of the vault and store it.

    doc = create_addendum(session, original_doc_id, nature="rectification",
                          quoted="…", text="…", signers=(pad_signer,), signer=seal_signer)

The model and the checks are in desktop.core.pv.addendum (art. A.53-4 CPP: a sealed act is
never changed; a mention complémentaire is added).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from desktop.core.errors import InvalidInput
from desktop.core.pv import words as w
from desktop.core.pv.addendum import KIND, TEMPLATE_ID, addenda_of, addendum_document
from desktop.core.pv.model import Footer, Header


def create_addendum(
    session,
    original_doc_id: int,
    *,
    nature: str,
    text: str,
    quoted: str = "",
    signers: tuple = (),
    signer=None,
    location: str = "",
    now: datetime | None = None,
):
    """Seal a mention complémentaire to a sealed document of the vault and store it.

    `signers`: the pad's Signers (their signatures are given now, on this text); `signer`:
    the sealing certificate (default: the acting user's). Raises InvalidInput when the
    original is missing, not sealed or no longer verifies; IncompleteDocument when a
    signature is missing. Returns the stored vault Document. Call from a worker thread."""
    from desktop.core.pv.binding import bind, content_fingerprint
    from desktop.core.pv.builder import MINISTRY, document_id
    from desktop.core.pv.check import require_complete
    from desktop.core.pv.documents import render_report
    from desktop.core.pv.templates import load_template
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.store import CertificateStore
    from desktop.core.seal.verify import verify_pdf

    original = session.documents.get(int(original_doc_id))
    if original is None:
        raise InvalidInput(f"Document n° {original_doc_id} introuvable dans le coffre.")
    if not original.sealed:
        raise InvalidInput(
            "Ce document n'est pas scellé : il se corrige directement, sans mention."
        )
    _require_author_session(session, original.kind)
    data = session.documents.content(original.id)
    report = verify_pdf(data)
    if not report.valid:
        raise InvalidInput(
            f"Le document d'origine ne se vérifie plus ({report.reason}) : aucune mention "
            "ne lui est ajoutée."
        )
    sha = hashlib.sha256(data).hexdigest()
    case = session.cases.get(original.case_id)
    t = load_template(TEMPLATE_ID)
    seq, head = session.audit.head()
    n = len(addenda_of(session, original.id)) + 1
    made = w.to_local(now or datetime.now(UTC)).replace(microsecond=0)  # Paris wall time
    doc = addendum_document(
        original_id=report.document_id,
        original_sha256=sha,
        original_title=original.title,
        nature=nature,
        text=text,
        quoted=quoted,
        signers=tuple(signers),
        header=Header(
            service_lines=tuple(x for x in (MINISTRY, case.service if case else "") if x),
            procedure_number=case.procedure_number if case else "",
        ),
        footer=Footer(
            document_id=f"{document_id(session, original.case_id, original.id, 'MC')}-{n}",
            template_id=t.id,
            template_version=t.version,
            audit_seq=seq,
            audit_hash=head,
        ),
        made_at=made,
        made_place=location,
    )
    doc = bind(doc)  # the signatures on the pad are given now, on this text
    require_complete(doc)
    signer = signer or CertificateStore(session).signer()
    _require_own_author_signature(session, original.kind, doc.signers, signer)
    rendered = render_report(
        doc, extra_meta={"originalId": report.document_id, "originalSha256": sha}
    )
    pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals, location=location)
    stored = session.documents.add(
        original.case_id,
        KIND,
        pdf,
        title=f"Mention complémentaire n° {n} — {original.title}",
        # no record: the record's own sealed document stays the original (case screen, export)
        record_id=None,
        sealed=True,
        meta={
            "document_id": doc.footer.document_id,
            "original_document": original.id,
            "original_document_id": report.document_id,
            "original_sha256": sha,
            "nature": nature,
            "certificate": getattr(signer, "fingerprint", ""),
            "content_sha256": content_fingerprint(doc),
            # what the pseudonymised copy rebuilds the mention from (export.pseudo_addenda):
            # the PDF is never edited; these stay in the vault like the PDF itself
            "model": model_fields(doc, original.title, text, quoted),
        },
    )
    session.audit.append(session.user_id, "addendum.create", stored.id)
    return stored


CMI_KIND = "cmi"  # desktop.core.documents.medical.transmit.CMI_KIND


def _require_author_session(session, original_kind: str) -> None:
    """A mention to the UAPED report or to the CMI is its author's act: only the
    « coordination UAPED » account, resp. a doctor, adds one (issue 16, « chaque auteur signe
    son document »); an officer could otherwise rectify their document in their name.

    :raises InvalidInput: (French)."""
    from desktop.core.pv.report_builder import REPORTS
    from desktop.core.seal.publish import UAPED_FORM, require_uaped_session

    if original_kind == REPORTS[UAPED_FORM][0]:
        require_uaped_session(session)
    elif original_kind == CMI_KIND and session.role != "medecin":
        raise InvalidInput(
            "Le certificat médical initial est l'acte du médecin : seul un médecin, sur sa "
            f"propre session, lui ajoute une mention ; votre compte « {session.role_label} » "
            "ne le peut pas."
        )


def _require_own_author_signature(session, original_kind: str, signers, signer) -> None:
    """A pad signature as « auteur du rapport » UAPED, and the author's signature on a
    mention to the UAPED report, are the sealing account's own, under the name of its
    certificate (as on the report itself, desktop.core.seal.publish): nobody signs in the
    coordinator's name. :raises InvalidInput: (French)."""
    from desktop.core.pv.addendum import AUTHOR_ROLE
    from desktop.core.pv.report_builder import REPORTS
    from desktop.core.seal.publish import (
        UAPED_AUTHOR,
        UAPED_FORM,
        require_holder_name,
        require_uaped_author,
    )

    uaped = original_kind == REPORTS[UAPED_FORM][0]
    for s in signers:
        if s.role == UAPED_AUTHOR:
            require_uaped_author(session, s, signer)
        elif uaped and s.role == AUTHOR_ROLE:
            require_holder_name(s, signer)


def model_fields(doc, original_title: str, text: str, quoted: str) -> dict:
    """The addendum model's own fields, JSON-ready: {original_title, text, quoted, made_at
    (ISO local time), made_place, signers: [{role, name, quality, status, reason}]}."""
    return {
        "original_title": original_title,
        "text": str(text or "").strip(),
        "quoted": str(quoted or "").strip(),
        "made_at": doc.made_at.isoformat() if doc.made_at else "",
        "made_place": doc.made_place,
        "signers": [
            {
                "role": x.role,
                "name": x.name,
                "quality": x.quality,
                "status": str(x.status),
                "reason": x.reason,
            }
            for x in doc.signers
        ],
    }
