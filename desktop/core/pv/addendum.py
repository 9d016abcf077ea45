"""Sealed addenda: a sealed document is never edited, a « mention complémentaire » is added.

Art. A.53-4 CPP: once signed, no element of the act may be changed. A rectification of a
material error, a later observation or a signature obtained later is a short act of its own:
it names the original by document id and by the SHA-256 of the sealed file, quotes what it
corrects, carries its own signatures and its own seal, and goes into the export beside the
original (export/pieces.yaml).

    doc = create_addendum(session, original_doc_id, nature="rectification",
                          quoted="…", text="…", signers=(pad_signer,), signer=seal_signer)
    addenda_of(session, original_doc_id)        # the vault's addenda of one document
    addenda_for_sha256(session, sha)            # the same, from the original file's hash
    check_against_original(addendum_props, original_bytes) -> French problem or ""
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from desktop.core.errors import InvalidInput
from desktop.core.pv import words as w
from desktop.core.pv.model import Footer, Header, ReportDocument, SealSlot, Section

KIND = "mention_complementaire"
TEMPLATE_ID = "pv_mention_complementaire"
#: nature key -> what is printed (and shown by `trame addendum --help`)
NATURES = {
    "rectification": "Rectification d'une erreur matérielle",
    "observation": "Observation ultérieure",
    "signature": "Signature recueillie ultérieurement",
}


def _grouped(sha: str) -> str:
    """The 64 hex digits in groups of 16, so that the line can wrap in a table cell."""
    return " ".join(sha[i : i + 16] for i in range(0, len(sha), 16))


def addendum_document(
    *,
    original_id: str,
    original_sha256: str,
    original_title: str,
    nature: str,
    text: str,
    quoted: str = "",
    signers: tuple = (),
    header: Header,
    footer: Footer,
    made_at: datetime,
    made_place: str = "",
) -> ReportDocument:
    """The addendum as a report model (rendered by desktop.core.pv.documents.render_report).

    Raises InvalidInput (French) for an unknown nature or an empty text."""
    if nature not in NATURES:
        raise InvalidInput(
            f"Nature de mention inconnue « {nature} » (choix : {', '.join(NATURES)})."
        )
    text = str(text or "").strip()
    if not text:
        raise InvalidInput("Le texte de la mention complémentaire est vide.")
    sections = [
        Section(
            "DOCUMENT COMPLÉTÉ",
            rows=(
                ("Document", original_title or "document scellé"),
                ("Identifiant", original_id),
                ("Empreinte SHA-256 du fichier scellé", _grouped(original_sha256)),
            ),
            paragraphs=(
                "Ce document, scellé, n'est pas modifié : la présente mention s'y ajoute et "
                "doit être lue avec lui.",
            ),
        ),
        Section("NATURE DE LA MENTION", paragraphs=(NATURES[nature] + ".",)),
    ]
    if quoted.strip():
        sections.append(Section("PASSAGE VISÉ DU DOCUMENT D'ORIGINE", quotes=(quoted.strip(),)))
    sections.append(Section("MENTION", paragraphs=tuple(p for p in text.split("\n") if p.strip())))
    who = signers[0].name if signers else "auteur"
    return ReportDocument(
        kind=KIND,
        header=header,
        title="MENTION COMPLÉMENTAIRE",
        sections=tuple(sections),
        made_at=made_at,
        made_place=made_place,
        signers=tuple(signers),
        footer=footer,
        seals=(SealSlot("sceau_auteur", who),),
    )


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
    rendered = render_report(
        doc, extra_meta={"originalId": report.document_id, "originalSha256": sha}
    )
    pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals, location=location)
    stored = session.documents.add(
        original.case_id,
        KIND,
        pdf,
        title=f"Mention complémentaire n° {n} — {original.title}",
        record_id=original.record_id,
        sealed=True,
        meta={
            "document_id": doc.footer.document_id,
            "original_document": original.id,
            "original_document_id": report.document_id,
            "original_sha256": sha,
            "nature": nature,
            "certificate": getattr(signer, "fingerprint", ""),
            "content_sha256": content_fingerprint(doc),
        },
    )
    session.audit.append(session.user_id, "addendum.create", stored.id)
    return stored


def addenda_of(session, original_doc_id: int) -> list:
    """The vault's sealed addenda of one document, oldest first."""
    original = session.documents.get(int(original_doc_id))
    if original is None:
        return []
    return [
        d
        for d in session.documents.for_case(original.case_id, KIND)
        if d.meta.get("original_document") == original.id
    ]


def addenda_for_sha256(session, sha256: str) -> list:
    """Addenda, in any case of the vault, of the sealed file whose SHA-256 is given."""
    sha = sha256.lower()
    out = []
    for case in session.cases.list():
        out += [
            d
            for d in session.documents.for_case(case.id, KIND)
            if d.meta.get("original_sha256") == sha
        ]
    return out


def check_against_original(props: dict, original: bytes | None) -> str:
    """ "" when an addendum's XMP (originalId, originalSha256) names `original`; else why not.

    `original`: the bytes of the file whose document id is props["originalId"] (None: absent).
    """
    if original is None:
        return (
            f"mention complémentaire : son document d'origine « {props.get('originalId', '?')} »"
            " est absent"
        )
    if hashlib.sha256(original).hexdigest() != props.get("originalSha256", "").lower():
        return (
            "mention complémentaire : le document d'origine présent n'est pas celui qu'elle "
            f"complète (empreinte SHA-256 différente de {props.get('originalSha256', '?')})"
        )
    return ""
