"""Whether a hearing's procès-verbal is sealed: the record then no longer changes.

Once sealed, the PV is the act of procedure (article 429 of the code de procédure pénale: a
PV is valid only if regular in form, signed and dated); what comes after goes into a sealed
addendum (desktop.core.pv.addendum, « Ajouter une mention »), never into the record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.vault import Session


def is_sealed(session: Session, record_id: int) -> bool:
    """True when a sealed vault Document exists for `record_id` (an int record id).

    Reads only. An unknown record is not sealed (False)."""
    record = session.records.get(record_id)
    if record is None:
        return False
    return any(
        doc.sealed and doc.record_id == record_id
        for doc in session.documents.for_case(record.case_id)
    )
