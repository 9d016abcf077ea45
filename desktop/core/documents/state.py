"""The state of each document of a case: brouillon, signé, scellé, exporté, with dates.

    rows = case_documents(session, case_id)
    rows[0].state        -> "scelle"
    rows[0].detail       -> "scellé le 30/11/2026 à 23:50"

A document is the PV (or report) of one record. Its state is read, never stored twice:
- « scellé »: a sealed vault Document exists for the record (date: when it was sealed);
- « exporté »: the case was exported (audit action `export.case`) after that seal;
- « signé »: not sealed yet, and every signer of the built document has signed, refused or
  could not sign (article A.53-4 of the code de procédure pénale: the identity and the
  outcome of each signature are printed);
- « brouillon »: anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.core.pv import words as w
from desktop.core.pv.renseignement import KIND as RENSEIGNEMENT_KIND

if TYPE_CHECKING:
    from desktop.core.vault import Session

# form id of a record -> what the case screen calls its document
DOCUMENT_KINDS = {
    "audition_mineur": "PV d'audition",
    "fiche_signalement": "Fiche de signalement",
    "checklist_uaped": "Rapport UAPED",  # signed by its author on the pad when sealing
}
SIGNED_AT_SEAL = {  # form id -> who signs on the pad at the moment of sealing
    "checklist_uaped": "signature de l'auteur (coordination UAPED) au scellement",
}
CMI_KIND = "cmi"  # the case database's copy of a transmitted CMI (documents.medical.transmit)
CMI_LABEL = "Certificat médical initial"
STATE_LABELS = {
    "brouillon": "brouillon",
    "signe": "signé",
    "scelle": "scellé",
    "exporte": "exporté",
}


@dataclass(frozen=True)
class DocumentRow:
    record_id: int
    form_id: str
    title: str  # "PV d'audition du 30/11/2026"
    state: str  # a key of STATE_LABELS
    signed: int  # signers whose outcome is recorded
    signers: int  # signers planned
    created_at: str  # ISO UTC (record)
    sealed_at: str = ""  # ISO UTC of the latest seal, or ""
    exported_at: str = ""  # ISO UTC of the latest export after that seal, or ""
    document_id: int | None = None  # the latest sealed vault Document
    kind: str = ""  # "" the record's own document; "pv_renseignement" the hearing's renseignement

    @property
    def key(self) -> tuple[int, str]:
        """What identifies the row: (record id, kind)."""
        return self.record_id, self.kind

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def detail(self) -> str:
        """The state with its dates, in French (local time)."""
        parts = []
        if self.sealed_at:
            parts.append(f"scellé le {_when(self.sealed_at)}")
        if self.exported_at:
            parts.append(f"exporté le {_when(self.exported_at)}")
        if not parts and not self.kind and self.form_id in SIGNED_AT_SEAL:
            parts.append(f"commencé le {_when(self.created_at)}, {SIGNED_AT_SEAL[self.form_id]}")
        elif not parts and self.kind:  # the renseignement: signed on the pad when sealing
            parts.append(
                f"commencé le {_when(self.created_at)}, signature de l'officier au scellement"
            )
        elif not parts and not self.signers:
            parts.append(f"commencé le {_when(self.created_at)}, aucun signataire encore")
        elif not parts:
            plural = "s" if self.signers > 1 else ""
            parts.append(
                f"commencé le {_when(self.created_at)}, {self.signed}/{self.signers} "
                f"signature{plural}"
            )
        return ", ".join(parts)


def document_label(record) -> str | None:
    """What the case screen calls a record's document; None when Trame makes none of it."""
    if record.kind == CMI_KIND:
        return CMI_LABEL
    return DOCUMENT_KINDS.get(record.form_id)


def _when(iso: str) -> str:
    return w.to_local(iso).strftime("%d/%m/%Y à %H:%M")


def _day(iso: str) -> str:
    return w.to_local(iso).strftime("%d/%m/%Y")


def built_document(session: Session, record, draft: bool = False):
    """The document model of a record (PvDocument or ReportDocument)."""
    from desktop.core.pv.builder import build_pv, build_report

    if record.form_id == "audition_mineur":
        return build_pv(session, record.id, draft=draft)
    return build_report(session, record.id, draft=draft)


def _signatures(session: Session, record) -> tuple[int, int]:
    from desktop.core.errors import TrameError
    from desktop.core.pv.binding import stale_signers
    from desktop.core.pv.model import SignStatus

    try:
        doc = built_document(session, record, draft=True)
    except (TrameError, ValueError, KeyError):
        return 0, 0
    # issue 16: a signature given on another text (stale) is not counted: it must be given again
    stale = {id(s) for s in stale_signers(doc)}
    done = sum(1 for s in doc.signers if s.status is not SignStatus.PENDING and id(s) not in stale)
    return done, len(doc.signers)


def case_documents(session: Session, case_id: int) -> list[DocumentRow]:
    """Every document of the case that Trame can produce, oldest first.

    Reads records, sealed documents and the audit log; writes nothing."""
    sealed: dict[int, object] = {}
    annexes: dict[int, object] = {}  # hearing record id -> its sealed PV de renseignement
    for doc in session.documents.for_case(case_id):
        if doc.sealed and doc.record_id is not None and doc.kind == RENSEIGNEMENT_KIND:
            annexes[doc.record_id] = doc  # ordered by id: the latest wins
        elif doc.sealed and doc.record_id is not None:
            sealed[doc.record_id] = doc  # ordered by id: the latest wins
    exports = [e.ts for e in session.audit.entries("export.case") if e.object_id == str(case_id)]
    rows = []
    for record in session.records.for_case(case_id):
        label = document_label(record)
        if label is None:
            continue
        title = f"{label} du {_day(record.created_at)}"
        doc = sealed.get(record.id)
        if doc is not None:
            later = [ts for ts in exports if ts >= doc.created_at]
            rows.append(
                DocumentRow(
                    record.id,
                    record.form_id,
                    title,
                    "exporte" if later else "scelle",
                    0,
                    0,
                    record.created_at,
                    sealed_at=doc.created_at,
                    exported_at=later[-1] if later else "",
                    document_id=doc.id,
                )
            )
            continue
        done, total = _signatures(session, record)
        state = "signe" if total and done == total else "brouillon"
        rows.append(
            DocumentRow(record.id, record.form_id, title, state, done, total, record.created_at)
        )
    for record in session.records.for_case(case_id):  # after the others: row indexes stay
        if record.form_id == "audition_mineur":
            rows.append(_renseignement_row(record, annexes.get(record.id), exports))
    return rows


def _renseignement_row(record, doc, exports: list[str]) -> DocumentRow:
    """The hearing's « PV de renseignement — minorité et qualification »: brouillon until
    sealed (the officer signs on the pad when sealing: 0/1 signature), then scellé, exporté."""
    from desktop.core.documents.renseignement import LABEL

    title = f"{LABEL} du {_day(record.created_at)}"
    if doc is None:
        return DocumentRow(
            record.id,
            record.form_id,
            title,
            "brouillon",
            0,
            1,
            record.created_at,
            kind=RENSEIGNEMENT_KIND,
        )
    later = [ts for ts in exports if ts >= doc.created_at]
    return DocumentRow(
        record.id,
        record.form_id,
        title,
        "exporte" if later else "scelle",
        0,
        0,
        record.created_at,
        sealed_at=doc.created_at,
        exported_at=later[-1] if later else "",
        document_id=doc.id,
        kind=RENSEIGNEMENT_KIND,
    )
