"""Use cases on records (hearings, checklists, fiches): the kinds, and starting one.

    from desktop.core.records import RecordKind, start_record
    record_id = start_record(session, RecordKind.UAPED, case_id, person_id)

The UI (one line in a worker job) and `trame demo` both call `start_record`, so a record
made by either is listed by the other.
"""

from desktop.core.records.kinds import KINDS, LEGACY_KINDS, KindSpec, RecordKind, records_of
from desktop.core.records.start import prefill, start_record

__all__ = [
    "KINDS",
    "LEGACY_KINDS",
    "KindSpec",
    "RecordKind",
    "prefill",
    "records_of",
    "start_record",
]
