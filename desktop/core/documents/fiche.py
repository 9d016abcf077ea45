"""« Nouvelle fiche de signalement » (préconisation 5): a record pre-filled from the case.

    record_id = new_fiche(session, case_id, person_id)

What the case already knows is copied once, at creation (the officer can change it): the
service, the minor's identity, and — from the latest hearing of this minor — the officer's
name and grade, the dates of the facts and the procedure number. Nothing is guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput

if TYPE_CHECKING:
    from desktop.core.vault import Session

FICHE_FORM = "fiche_signalement"
FICHE_KIND = "signalement"
FROM_HEARING = {  # fiche field <- hearing field
    "signalant_nom": "officier_nom",
    "signalant_qualite": "officier_grade",
    "faits_debut": "faits_date_debut",
    "faits_fin": "faits_date_fin",
}


def fiche_prefill(session: Session, case_id: int, person_id: int | None) -> dict:
    """The answers a new fiche starts with: {field id: value}, only known values."""
    case = session.cases.get(case_id)
    if case is None:
        raise InvalidInput("Dossier introuvable.")
    out: dict = {"signalant_service": case.service}
    if person_id is not None:
        person = session.persons.get(person_id)
        if person is None or person.case_id != case_id:
            raise InvalidInput("Cette personne n'appartient pas au dossier.")
        out.update(
            {
                "mineur_personne": person.id,
                "mineur_nom": person.last_name,
                "mineur_prenoms": person.first_name,
                "mineur_date_naissance": person.birth_date,
                "mineur_pseudos": person.details.get("pseudonyme", ""),
            }
        )
    hearings = [
        r
        for r in session.records.for_case(case_id, "audition")
        if person_id is None or r.person_id == person_id
    ]
    if hearings:
        answers = session.records.answers(hearings[-1].id)
        for field, source in FROM_HEARING.items():
            out[field] = answers.get(source)
    return {k: v for k, v in out.items() if v not in (None, "", [])}


def new_fiche(session: Session, case_id: int, person_id: int | None = None) -> int:
    """Create the fiche de signalement record of a case; returns its record id (through the
    one « start a record » use case, desktop.core.records)."""
    from desktop.core.law import form_registry
    from desktop.core.records import RecordKind, start_record

    spec = form_registry().get(FICHE_FORM)
    prefill = {
        k: v for k, v in fiche_prefill(session, case_id, person_id).items() if spec.has_field(k)
    }
    return start_record(
        session, RecordKind.SIGNALEMENT, case_id, person_id, form=lambda _id: spec, answers=prefill
    )
