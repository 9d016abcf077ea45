"""The UMJ checklist's answers read as medical facts (field ids of checklist_umj.yaml).

The form engine (desktop.core.formspec) checks types, required fields and bounds; this
module adds the medico-legal checks that need several fields or the clock: the exam after
the facts, lesions placed on the diagram, unique sample numbers, the minor's opposition.
Every issue names the form field it belongs to, so the screen shows it next to that field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any

from desktop.core.medical.clock import aware
from desktop.core.medical.consent import ConsentFacts, check_consent
from desktop.core.medical.exam import check_exam_time
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.lesions import check_lesion, lesions_from_answer
from desktop.core.medical.saisine import saisine_issues
from desktop.core.medical.samples import check_all, samples_from_answer
from desktop.core.medical.validation import FieldIssue

FORM_ID = "checklist_umj"
FACTS = "faits_datetime"
FACTS_PRECISION = "faits_datetime_precision"
EXAM = "examen_datetime"
LESIONS = "lesions"
SAMPLES = "prelevements"
CONTACTS = "contacts_declares"
SUBSTANCES = "substances_amnesie"
OPPOSITION = "opposition_information_parents"
ADULT = "personne_majeure_accompagnante"
WRITTEN = "mention_ecrite_r1111_6"
SAISINE = "saisine"
HANDED_TO = "certificat_remis_a"
ITT = "itt_jours"
PATIENT = "patient_personne"
PLACE = "examen_lieu"
DOCTOR = "medecin_nom"

#: « approximative »: the facts are taken to lie within ± this many hours
APPROX_HOURS = 3


def _dt(value: Any, tz: tzinfo | None) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return aware(datetime.fromisoformat(value.strip()), tz)
    except ValueError:
        return None


def facts_time(answers: Mapping, tz: tzinfo | None = None) -> FactsTime:
    """Exact, approximate (± 3 h), date only (hour « inconnue ») or unknown."""
    when = _dt(answers.get(FACTS), tz)
    if when is None:
        return FactsTime.unknown()
    precision = answers.get(FACTS_PRECISION)
    if precision == "inconnue":
        return FactsTime.day(when.date(), when.tzinfo)
    if precision == "approximative":
        delta = timedelta(hours=APPROX_HOURS)
        return FactsTime.between(when - delta, when + delta)
    return FactsTime.exact(when)


def exam_time(answers: Mapping, tz: tzinfo | None = None) -> datetime | None:
    return _dt(answers.get(EXAM), tz)


def _yes(value: Any) -> bool | None:
    if value in (True, "oui"):
        return True
    if value in (False, "non"):
        return False
    return None


def window_context(answers: Mapping) -> dict[str, bool | None]:
    """Which windows apply (None: not known, the window is shown)."""
    contacts = answers.get(CONTACTS)
    context: dict[str, bool | None] = {}
    if isinstance(contacts, list) and contacts:
        kinds = set(contacts)
        unsure = "autre" in kinds
        for window_key, contact in (
            ("contact_vaginal", "vaginal"),
            ("contact_anal", "anal"),
            ("contact_buccal", "oral"),
        ):
            context[window_key] = True if contact in kinds else (None if unsure else False)
        exposed = bool(kinds & {"vaginal", "anal", "oral"})
        context["exposition"] = True if exposed else (None if unsure else False)
        # any declared contact may leave saliva, semen or touch DNA on the skin
        context["contact_cutane"] = True
    context["soumission_chimique"] = _yes(answers.get(SUBSTANCES))
    return context


def consent_facts(answers: Mapping) -> ConsentFacts:
    handed = answers.get(HANDED_TO)
    return ConsentFacts(
        opposition=_yes(answers.get(OPPOSITION)),
        adult_name=str(answers.get(ADULT) or ""),
        written=bool(_yes(answers.get(WRITTEN))),
        parents_implicated=None,
        on_requisition=answers.get(SAISINE) == "requisition" or handed == "autorite_requerante",
    )


def check_umj(answers: Mapping, now: datetime, tz: tzinfo | None = None) -> list[FieldIssue]:
    """Medico-legal checks, each tied to a form field id (samples: 'prelevements.N.field')."""
    issues: list[FieldIssue] = []
    facts = facts_time(answers, tz)
    issues += facts.check(now, FACTS)
    if answers.get(EXAM):
        issues += check_exam_time(exam_time(answers, tz), facts, now, EXAM)
    issues += saisine_issues(answers, exam_time(answers, tz), tz)
    lesions = lesions_from_answer(answers.get(LESIONS))
    for i, lesion in enumerate(lesions):
        others = lesions[:i]
        for issue in check_lesion(lesion, others):
            where = f"Lésion n°\u00a0{lesion.number or i + 1} : "
            issues.append(FieldIssue(LESIONS, where + issue.message))
    samples = samples_from_answer(answers.get(SAMPLES), tz)
    issues += check_all(samples, now=now, facts=facts)
    if answers.get(OPPOSITION) is not None:
        issues += check_consent(consent_facts(answers))
        if _yes(answers.get(OPPOSITION)) and answers.get(HANDED_TO) == "representant_legal":
            issues.append(
                FieldIssue(
                    HANDED_TO,
                    "Le mineur s'oppose à l'information de ses parents (art. L.1111-5 CSP) : "
                    "le certificat ne peut pas être remis au représentant légal.",
                )
            )
    return issues
