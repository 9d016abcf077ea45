"""The UAPED report on the case screen: signed by its author, the coordination UAPED account.

    author = uaped_author(session, signature_png, quality)       # the pad's Signer
    missing = uaped_missing(session, record_id)                  # French, signature excepted
    doc = seal_uaped_report(session, record_id, signature_png, quality)

The report (form checklist_uaped) has no signature field: its author signs on the pad at the
moment of sealing, on her own session, under the name of her sealing certificate, with her
quality (issue 16, « chaque auteur signe son document »). Any other account's session, or a
pad in another name or role (a doctor's), is refused by desktop.core.seal.publish.seal_report.
Call from the worker thread (pyHanko, SQLCipher, reportlab).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.pv.check import IncompleteDocument
from desktop.core.seal.certs import CertificateError

if TYPE_CHECKING:
    from desktop.core.vault import Session

FORM = "checklist_uaped"
KIND = "rapport_uaped"  # desktop.core.pv.report_builder.REPORTS
LABEL = "Rapport UAPED"
DEFAULT_QUALITY = "coordination de l'UAPED"
SIGNATURE_ITEM = "la signature de l'auteur du rapport : signez dans le cadre"
MAX_QUALITY = 120  # characters: one printed line beside the signature


def _report(session: Session, record_id: int):
    record = session.records.get(record_id)
    if record is None or record.form_id != FORM:
        raise InvalidInput("Rapport UAPED introuvable.")
    return record


def clean_quality(quality: str) -> str:
    """The quality as printed: spaces folded, DEFAULT_QUALITY when empty.

    :raises InvalidInput: longer than MAX_QUALITY characters (French)."""
    text = " ".join((quality or "").split())
    if len(text) > MAX_QUALITY:
        raise InvalidInput(
            f"La qualité de l'auteur tient en {MAX_QUALITY} caractères au plus "
            f"(elle en compte {len(text)})."
        )
    return text or DEFAULT_QUALITY


def uaped_author(session: Session, signature_png: bytes | None, quality: str = ""):
    """The report's author as a Signer (desktop.core.pv.model): the acting account, named as
    in its active sealing certificate, role « auteur du rapport », `quality` as typed;
    SIGNED with the PNG drawn on the pad at the service's local time, PENDING without it.

    :raises CertificateError: the account has no sealing certificate (its name is there).
    :raises InvalidInput: quality too long."""
    from desktop.core.pv import words as w
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.seal.publish import UAPED_AUTHOR
    from desktop.core.seal.store import CertificateStore

    cert = CertificateStore(session).active()
    if cert is None:
        raise CertificateError(
            "Aucun certificat de sceau pour ce compte : créez-en un à votre nom, il nomme "
            "l'auteur du rapport."
        )
    quality = clean_quality(quality)
    if not signature_png:
        return Signer(UAPED_AUTHOR, cert.subject, quality, SignStatus.PENDING)
    return Signer(
        UAPED_AUTHOR,
        cert.subject,
        quality,
        SignStatus.SIGNED,
        image_png=signature_png,
        signed_at=w.now_local().isoformat(timespec="seconds"),
    )


def uaped_missing(session: Session, record_id: int) -> list[str]:
    """What prevents sealing the report (French, one item each; desktop.core.pv.check), the
    author's signature excepted: it is drawn on the pad at the moment of sealing."""
    from desktop.core.pv.binding import bind
    from desktop.core.pv.builder import build_report
    from desktop.core.pv.check import missing_elements
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.seal.publish import UAPED_AUTHOR

    _report(session, record_id)
    signed = Signer(UAPED_AUTHOR, "auteur", "", SignStatus.SIGNED, image_png=b"check")
    return missing_elements(bind(build_report(session, record_id, signer=signed)))


def seal_uaped_report(
    session: Session, record_id: int, signature_png: bytes | None, quality: str = ""
):
    """Seal the UAPED report with the account's certificate, signed by the account's holder
    on the pad (`signature_png`) with her `quality`; returns the vault Document.

    :raises IncompleteDocument: no signature drawn, or the report lacks an item.
    :raises InvalidInput: not a UAPED report, not a coordination UAPED session, quality too long.
    :raises CertificateError: the account has no certificate."""
    from desktop.core.seal.publish import require_uaped_session, seal_report

    _report(session, record_id)
    require_uaped_session(session)
    if not signature_png:
        raise IncompleteDocument("Le rapport UAPED", [SIGNATURE_ITEM])
    author = uaped_author(session, signature_png, quality)
    return seal_report(session, record_id, author=author)


def uaped_row(session: Session, record_id: int):
    """The report's DocumentRow (desktop.core.documents.state): its state and dates, as the
    case screen lists it. Reads only. :raises InvalidInput: not a UAPED report."""
    from desktop.core.documents.state import case_documents

    record = _report(session, record_id)
    return next(r for r in case_documents(session, record.case_id) if r.key == (record_id, ""))
