"""Fictional sample data for the demo, the screenshots and the tests (see `case`)."""

from desktop.core.sample.case import (
    DATA,
    PARIS,
    base_time,
    create_case,
    create_fiche,
    create_uaped,
    create_umj,
    demo_data,
    iso,
    local,
    new_record,
    record_transcript,
    sign,
    signature,
)

__all__ = [
    "DATA",
    "PARIS",
    "base_time",
    "create_case",
    "create_fiche",
    "create_uaped",
    "create_umj",
    "demo_data",
    "iso",
    "local",
    "sign",
    "signature",
    "new_record",
    "record_transcript",
]
