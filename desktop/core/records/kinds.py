"""The kinds of record, each declared once: its form, its database and its pre-fill.

A pre-fill maps a form field to what the case already knows, as `"case.<attribute>"`,
`"person.<attribute>"` or `"person.details.<key>"` (the person being the minor the record is
about). Fields the form does not have, and empty values, are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.core.vault import Session


class RecordKind(StrEnum):
    """The `records.kind` column. Values are stored: never rename one."""

    AUDITION = "audition"  # hearing of the minor (case database)
    UAPED = "uaped"  # UAPED coordination checklist (case database, no medical data)
    UMJ = "umj"  # forensic exam checklist (medical database, doctors only)
    SIGNALEMENT = "signalement"  # fiche de signalement (case database)


# kinds written by earlier versions (`trame demo` wrote the form id): listed with their kind
LEGACY_KINDS: dict[str, RecordKind] = {"checklist_uaped": RecordKind.UAPED}


@dataclass(frozen=True)
class KindSpec:
    kind: RecordKind
    form_id: str  # desktop/forms/<form_id>.yaml
    medical: bool  # True: medical database (s.medical_records), else s.records
    prefill: dict[str, str] = field(default_factory=dict)  # field id -> source


KINDS: dict[RecordKind, KindSpec] = {
    k.kind: k
    for k in (
        KindSpec(
            RecordKind.AUDITION,
            "audition_mineur",
            False,
            {
                "service": "case.service",
                "procedure_numero": "case.procedure_number",
                "victime_personne": "person.id",
                "victime_date_naissance": "person.birth_date",
                "victime_pseudos": "person.details.pseudonyme",
            },
        ),
        KindSpec(
            RecordKind.UAPED,
            "checklist_uaped",
            False,
            {
                "audition_procedure_numero": "case.procedure_number",
                "mineur_personne": "person.id",
                "mineur_date_naissance": "person.birth_date",
            },
        ),
        KindSpec(
            RecordKind.UMJ,
            "checklist_umj",
            True,
            {"patient_personne": "person.id", "patient_date_naissance": "person.birth_date"},
        ),
        KindSpec(
            RecordKind.SIGNALEMENT, "fiche_signalement", False, {"mineur_personne": "person.id"}
        ),
    )
}


def records_of(session: Session, case_id: int, kind: RecordKind | str) -> list:
    """The records of one kind in a case, those written under a legacy name included, in id
    order. :raises PermissionDenied: for a medical kind without the medical key."""
    spec = KINDS[RecordKind(kind)]
    repo = session.medical_records if spec.medical else session.records
    names = [spec.kind.value, *(old for old, new in LEGACY_KINDS.items() if new == spec.kind)]
    found = [r for name in names for r in repo.for_case(case_id, name)]
    return sorted(found, key=lambda r: r.id)
