"""The « PV de renseignement — minorité et qualification » of a hearing, on the case screen.

    row = renseignement_row(session, record, sealed_doc, exports)   # DocumentRow (kind below)
    p = preview_renseignement(session, record_id)                   # Preview, missing first
    doc = seal_renseignement_document(session, record_id, signature_png)

One per hearing record (form audition_mineur), built by desktop.core.pv.renseignement and
sealed by desktop.core.seal.publish.seal_renseignement, as `trame demo` does (préconisations 18
and 19). The officer signs it on the pad at the moment of sealing, so its states are
« brouillon », « scellé » and « exporté » (never « signé »). Call from the worker thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.renseignement import KIND

if TYPE_CHECKING:
    from desktop.core.vault import Session

LABEL = "PV de renseignement — minorité et qualification"
HEARING_FORM = "audition_mineur"


def sealed_renseignement(session: Session, record_id: int):
    """The latest sealed renseignement Document of a hearing record, or None."""
    record = session.records.get(record_id)
    if record is None:
        return None
    docs = [
        d
        for d in session.documents.for_case(record.case_id)
        if d.sealed and d.record_id == record_id and d.kind == KIND
    ]
    return docs[-1] if docs else None


def _hearing(session: Session, record_id: int):
    record = session.records.get(record_id)
    if record is None or record.form_id != HEARING_FORM:
        raise InvalidInput("Audition introuvable : le PV de renseignement ne peut être produit.")
    return record


def officer_signer(session: Session, record_id: int, signature_png: bytes | None):
    """The officer's Signer (desktop.core.pv.model) from the hearing's answers, SIGNED with
    the PNG drawn on the pad; PENDING when `signature_png` is None or empty."""
    from desktop.core.pv import words as w
    from desktop.core.pv.model import Signer, SignStatus

    a = session.records.answers(record_id)
    quality = (
        "agent de police judiciaire"
        if a.get("officier_qualite") == "apj"
        else "officier de police judiciaire"
    )
    name = (a.get("officier_nom") or "").strip()
    if not signature_png:
        return Signer(quality, name, a.get("officier_grade") or "", SignStatus.PENDING)
    return Signer(
        quality,
        name,
        a.get("officier_grade") or "",
        SignStatus.SIGNED,
        image_png=signature_png,
        signed_at=w.now_local().isoformat(timespec="seconds"),
    )


def renseignement_missing(session: Session, record_id: int) -> list[str]:
    """What prevents sealing (French, one item each; desktop.core.pv.check), the officer's
    signature excepted: it is drawn on the pad at the moment of sealing."""
    from desktop.core.pv.check import missing_elements
    from desktop.core.pv.renseignement import build_renseignement

    _hearing(session, record_id)
    signed = officer_signer(session, record_id, b"check")  # checked only, never rendered
    return missing_elements(build_renseignement(session, record_id, author=signed))


def preview_renseignement(session: Session, record_id: int):
    """The renseignement's Preview (desktop.core.documents.actions.Preview): the sealed PDF
    and its verifier lines, or a draft marked « projet » with what is missing first."""
    from desktop.core.documents.actions import Preview
    from desktop.core.pv.renseignement import build_renseignement
    from desktop.core.seal.documents import render_document

    _hearing(session, record_id)
    stored = sealed_renseignement(session, record_id)
    if stored is not None:
        from desktop.core.seal.report_text import report_lines
        from desktop.core.seal.verify import verify_pdf

        pdf = session.documents.content(stored.id)
        lines = tuple(report_lines(verify_pdf(pdf)))
        return Preview(record_id, stored.title or LABEL, pdf, True, (), lines, kind=KIND)
    missing = tuple(renseignement_missing(session, record_id))
    draft = build_renseignement(session, record_id, draft=True)
    pdf = render_document(draft).pdf
    return Preview(record_id, f"{LABEL} (projet)", pdf, False, missing, kind=KIND)


def seal_renseignement_document(session: Session, record_id: int, signature_png: bytes | None):
    """Seal the renseignement with the account's certificate, the officer's signature drawn on
    the pad (`signature_png`); returns the vault Document (kind pv_renseignement).

    :raises IncompleteDocument: no signature drawn, or the document lacks an item.
    :raises InvalidInput: not a hearing record, or already sealed.
    :raises CertificateError: the account has no certificate."""
    from desktop.core.pv import words as w
    from desktop.core.seal.publish import seal_renseignement

    _hearing(session, record_id)
    stored = sealed_renseignement(session, record_id)
    if stored is not None:
        when = w.to_local(stored.created_at).strftime("%d/%m/%Y à %H:%M")
        raise InvalidInput(f"Ce document est déjà scellé (le {when}) : il ne change plus.")
    if not signature_png:
        raise IncompleteDocument(
            "Le PV de renseignement", ["la signature de l'officier : signez dans le cadre"]
        )
    missing = renseignement_missing(session, record_id)
    if missing:
        raise IncompleteDocument("Le PV de renseignement", missing)
    place = str(session.records.answers(record_id).get("officier_residence") or "")
    author = officer_signer(session, record_id, signature_png)
    return seal_renseignement(session, record_id, author=author, location=place)
