"""Preview, seal and verify a case's documents: the use cases behind the case screen.

Same pipeline as `trame demo` / `trame verify`: builder -> check -> render -> seal -> vault.
Every function here may be slow (reportlab, pyHanko, SQLCipher): call it in the worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.documents.state import built_document, document_label
from desktop.core.documents.uaped import FORM as UAPED_FORM
from desktop.core.errors import InvalidInput
from desktop.core.pv.renseignement import KIND as RENSEIGNEMENT_KIND

if TYPE_CHECKING:
    from desktop.core.vault import Session

MAX_VERIFY_BYTES = 200 * 1024 * 1024  # a PV is a few hundred kB; refuse a video by mistake


@dataclass(frozen=True)
class Preview:
    """What the preview shows: the PDF and, when it cannot be sealed yet, what is missing."""

    record_id: int
    title: str
    pdf: bytes
    sealed: bool
    missing: tuple[str, ...] = ()  # French, one item each (article cited where it applies)
    seals: tuple[str, ...] = field(default=())  # verifier lines of a sealed document
    kind: str = ""  # "" the record's own document; "pv_renseignement" its renseignement

    @property
    def sealable(self) -> bool:
        return not self.sealed and not self.missing


@dataclass(frozen=True)
class Verdict:
    """The verifier's answer on one file, in French: lines[0] is VALIDE / INVALIDE / ILLISIBLE."""

    path: str
    valid: bool
    lines: tuple[str, ...]


def _record(session: Session, record_id: int):
    record = session.records.get(record_id)
    if record is None or document_label(record) is None:
        raise InvalidInput("Ce document n'existe pas ou ne peut pas être produit par Trame.")
    return record


def _sealed_document(session: Session, record):
    docs = [
        d
        for d in session.documents.for_case(record.case_id)
        if d.sealed and d.record_id == record.id and d.kind != RENSEIGNEMENT_KIND
    ]
    return docs[-1] if docs else None


def preview(
    session: Session, record_id: int, kind: str = "", *, purpose: str = "preview"
) -> Preview:
    """The PDF of a record's document, rendered in memory (nothing written to disk).

    `kind` "pv_renseignement": the hearing's PV de renseignement (desktop.core.documents.
    renseignement) instead of its PV.

    Sealed: the stored sealed PDF and the verifier's lines. Not sealed: a draft marked
    « projet » and `missing`, the list of what prevents sealing (desktop.core.pv.check).
    `purpose` "preview" or "print" names the one audit entry this consultation leaves
    (document.preview / document.print on the record id, directive 2016/680 art. 25).
    :raises ValueError: unknown `purpose`."""
    from desktop.core.pv.check import missing_elements
    from desktop.core.seal.documents import render_document
    from desktop.core.vault.reads import record_read

    if purpose not in ("preview", "print"):
        raise ValueError(f"unknown purpose {purpose!r}")
    record = _record(session, record_id)
    record_read(session, f"document.{purpose}", record_id)
    if kind == RENSEIGNEMENT_KIND:
        from desktop.core.documents.renseignement import preview_renseignement

        return preview_renseignement(session, record_id)
    title = document_label(record)
    stored = _sealed_document(session, record)
    if stored is not None:
        from desktop.core.seal.report_text import report_lines
        from desktop.core.seal.verify import verify_pdf

        pdf = session.documents.content(stored.id)
        return Preview(
            record_id, stored.title or title, pdf, True, (), tuple(report_lines(verify_pdf(pdf)))
        )
    if record.form_id == UAPED_FORM:  # its author signs on the pad at the moment of sealing
        from desktop.core.documents.uaped import uaped_missing

        missing = tuple(uaped_missing(session, record_id))
    else:
        missing = tuple(missing_elements(built_document(session, record)))
    pdf = render_document(built_document(session, record, draft=True)).pdf
    return Preview(record_id, f"{title} (projet)", pdf, False, missing)


def seal_certificate(session: Session):
    """The acting account's active sealing certificate (CertRecord), or None."""
    from desktop.core.seal.store import CertificateStore

    return CertificateStore(session).active()


def create_seal_certificate(session: Session, name: str, organization: str = "", unit: str = ""):
    """Create the account's sealing certificate (RSA, self-signed; desktop.core.seal.store,
    as the « Certificats de sceau » screen does). InvalidInput when the name is empty."""
    from desktop.core.seal.store import CertificateStore

    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("Indiquez vos prénom et nom : ils figurent dans le sceau.")
    return CertificateStore(session).create(name, " ".join(organization.split()), unit.strip())


def _refuse_sealed(session: Session, record) -> None:
    stored = _sealed_document(session, record)
    if stored is not None:
        from desktop.core.pv import words as w

        when = w.to_local(stored.created_at).strftime("%d/%m/%Y à %H:%M")
        raise InvalidInput(f"Ce document est déjà scellé (le {when}) : il ne change plus.")


def seal_missing(session: Session, record_id: int, kind: str = "") -> tuple[str, ...]:
    """What prevents sealing a record's document now, in French, one item each; () when
    `seal()` can seal it. Asked BEFORE the « Sceller … ? » confirmation, so that nobody is
    asked to seal a PV or a fiche still missing a signature (issue 13).

    The same checks `seal()` runs, read without writing: desktop.core.pv.check
    (mentions of art. 706-52 CPP, signatures or the mention of a refusal: art. A.53-4 CPP)
    and signatures bound to the text they approve (desktop.core.seal.publish.require_bound).
    The PV de renseignement (`kind` "pv_renseignement") and the UAPED report are signed on
    the pad at the moment of sealing: () here, `seal()` still checks them.

    :raises InvalidInput: the document is already sealed, or the record is unknown."""
    from desktop.core.pv.check import IncompleteDocument, missing_elements
    from desktop.core.seal.publish import require_bound

    if kind == RENSEIGNEMENT_KIND:
        return ()
    record = _record(session, record_id)
    _refuse_sealed(session, record)
    if record.form_id == UAPED_FORM:
        return ()
    doc = built_document(session, record)
    missing = list(missing_elements(doc))
    try:
        require_bound(doc, "Le document")
    except IncompleteDocument as err:
        missing += [m for m in err.missing if m not in missing]
    return tuple(missing)


def seal(
    session: Session,
    record_id: int,
    kind: str = "",
    signature_png: bytes | None = None,
    quality: str = "",
):
    """Seal a record's document with the account's certificate; returns the vault Document.

    `kind` "pv_renseignement": the hearing's PV de renseignement, signed by the officer with
    `signature_png` (the pad's PNG), see desktop.core.documents.renseignement. The UAPED
    report: signed by the account's holder with `signature_png` and her `quality`, see
    desktop.core.documents.uaped.

    :raises IncompleteDocument: what is missing, before anything is written.
    :raises CertificateError: the account has no certificate.
    :raises InvalidInput: the document is already sealed, or the record is unknown."""
    from desktop.core.seal.publish import seal_hearing, seal_report

    if kind == RENSEIGNEMENT_KIND:
        from desktop.core.documents.renseignement import seal_renseignement_document

        return seal_renseignement_document(session, record_id, signature_png)
    record = _record(session, record_id)
    _refuse_sealed(session, record)
    if record.form_id == "audition_mineur":
        place = str(session.records.answers(record_id).get("officier_residence") or "")
        return seal_hearing(session, record_id, location=place)
    if record.form_id == UAPED_FORM:
        from desktop.core.documents.uaped import seal_uaped_report

        return seal_uaped_report(session, record_id, signature_png, quality)
    return seal_report(session, record_id)


def verify_file(path: Path | str) -> Verdict:
    """Verify a sealed PDF file with Trame's strict verifier (no vault needed).

    Raises nothing for a bad file: an unreadable or damaged one is a Verdict « ILLISIBLE »."""
    from desktop.core.seal.report_text import report_lines
    from desktop.core.seal.verify import Unreadable, verify_pdf

    path = Path(path)
    try:
        if path.stat().st_size > MAX_VERIFY_BYTES:
            return Verdict(str(path), False, ("ILLISIBLE — ce fichier est trop gros pour un PV.",))
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return Verdict(str(path), False, (f"ILLISIBLE — fichier « {path.name} » : {reason}.",))
    try:
        report = verify_pdf(data)
    except Unreadable as exc:
        return Verdict(str(path), False, (f"ILLISIBLE — {exc.message}",))
    return Verdict(str(path), report.valid, tuple(report_lines(report)))
