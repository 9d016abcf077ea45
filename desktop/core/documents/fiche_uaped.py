"""« Nouvelle fiche de signalement » from the UAPED side: its coordinator is the signalant.

    record_id = new_uaped_fiche(session, case_id, person_id)
    rows = uaped_fiches(session, case_id)      # [DocumentRow] of the case's fiches only

The same form and the same record kind as the officer's fiche (desktop.core.documents.fiche),
pre-filled from what the case already knows — the minor's identity and the dates of the
facts from the hearing — but the officer is not the author here: his name and grade are not
copied (the coordinator signs; DOMAIN §5, the signalement names who reports). From the
latest UAPED checklist of this minor come what the coordination recorded itself: the juge
des enfants already seized and the FPR registration, and the measure taken (the minor is
in the UAPED). Nothing medical: the coordination holds no medical key.

The coordination sees only the fiches of the case among its documents (need to know:
the hearing's PV is the investigators').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.documents.fiche import FICHE_FORM, fiche_prefill

if TYPE_CHECKING:
    from desktop.core.vault import Session

UAPED_KIND = "uaped"  # desktop.core.records.RecordKind.UAPED
OFFICER_FIELDS = ("signalant_service", "signalant_nom", "signalant_qualite")
SIGNALANT_QUALITY = "Coordination UAPED"
FROM_UAPED = {  # fiche field <- UAPED checklist field (same meaning, same options)
    "juge_enfants_saisi": "juge_enfants_saisi",
    "juge_enfants_details": "juge_enfants_details",
    "fugue_fpr": "fugue_inscription_fpr",
}


def uaped_fiche_prefill(session: Session, case_id: int, person_id: int | None) -> dict:
    """The answers a fiche started by the UAPED coordination begins with ({field: value},
    known values only). :raises InvalidInput: unknown case, or a person of another case."""
    from desktop.core.records import RecordKind, records_of

    out = fiche_prefill(session, case_id, person_id)
    for field in OFFICER_FIELDS:
        out.pop(field, None)
    out["signalant_qualite"] = SIGNALANT_QUALITY
    out["mesures"] = ["uaped"]
    checklists = [
        r
        for r in records_of(session, case_id, RecordKind.UAPED)
        if person_id is None or r.person_id in (person_id, None)
    ]
    if checklists:
        answers = session.records.answers(checklists[-1].id)
        for field, source in FROM_UAPED.items():
            value = answers.get(source)
            if value not in (None, "", []):
                out[field] = value
    return out


def new_uaped_fiche(session: Session, case_id: int, person_id: int | None = None) -> int:
    """Create a fiche de signalement whose author is the UAPED coordination; returns its
    record id (the one « start a record » use case, desktop.core.records.start_record)."""
    from desktop.core.law import form_registry
    from desktop.core.records import RecordKind, start_record

    spec = form_registry().get(FICHE_FORM)
    answers = {
        k: v
        for k, v in uaped_fiche_prefill(session, case_id, person_id).items()
        if spec.has_field(k)
    }
    return start_record(
        session, RecordKind.SIGNALEMENT, case_id, person_id, form=lambda _id: spec, answers=answers
    )


def uaped_fiches(session: Session, case_id: int) -> list:
    """The case's fiches de signalement, with their state (brouillon, signé, scellé)."""
    from desktop.core.documents.state import case_documents

    return [r for r in case_documents(session, case_id) if r.form_id == FICHE_FORM and not r.kind]
