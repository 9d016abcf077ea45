"""Use cases on records (hearings, checklists, fiches): the kinds, and starting one.

    from desktop.core.records import RecordKind, start_record
    record_id = start_record(session, RecordKind.UAPED, case_id, person_id)

The UI (one line in a worker job) and `trame demo` both call `start_record`, so a record
made by either is listed by the other.
"""

from desktop.core.formspec.expr import provide
from desktop.core.medical import delays
from desktop.core.records.kinds import KINDS, LEGACY_KINDS, KindSpec, RecordKind, records_of
from desktop.core.records.start import prefill, start_record

# the UMJ form's computed fields and the live alerts: one definition of the medical delays
for _name in ("within_window", "within_ideal", "sample_delays"):
    provide(_name, getattr(delays, _name))

__all__ = [
    "KINDS",
    "LEGACY_KINDS",
    "KindSpec",
    "RecordKind",
    "prefill",
    "records_of",
    "start_record",
]
