"""The documents of a case, as the application's case screen uses them: one call each.

    rows = case_documents(session, case_id)          # [DocumentRow]: state and dates
    p = preview(session, record_id)                  # Preview: PDF bytes, missing items first
    doc = seal(session, record_id)                   # the sealed vault Document
    missing = seal_missing(session, record_id)       # what blocks it, asked before confirming
    cert = seal_certificate(session)                 # the account's active certificate or None
    cert = create_seal_certificate(session, name, organization, unit)
    v = verify_file(path)                            # Verdict: French lines of the verifier

Each function is a thin composition of what `trame demo`, `trame export` and `trame verify`
already call (desktop.core.pv.builder, desktop.core.seal.publish, desktop.core.seal.verify):
there is one pipeline. Call them from the UI's worker thread (pyHanko, SQLCipher, reportlab).
"""

from desktop.core.documents.actions import (
    Preview,
    Verdict,
    create_seal_certificate,
    preview,
    seal,
    seal_certificate,
    seal_missing,
    verify_file,
)
from desktop.core.documents.state import (
    DOCUMENT_KINDS,
    STATE_LABELS,
    DocumentRow,
    case_documents,
)

__all__ = [
    "DOCUMENT_KINDS",
    "STATE_LABELS",
    "DocumentRow",
    "Preview",
    "Verdict",
    "case_documents",
    "create_seal_certificate",
    "preview",
    "seal",
    "seal_missing",
    "seal_certificate",
    "verify_file",
]
