"""Issue 13's findings on form fields (content): approximate dates, durations in words,
the interpreter among the persons present, the legal representative and ad hoc
administrator as person roles."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.formspec import WizardFlow, normalize_input
from desktop.core.formspec.dates import date_fr, format_quantity_fr, parse_partial_date_fr
from desktop.core.hearing.cases import PERSON_ROLE_LABELS
from desktop.core.hearing.interpreter import interpreter_presence
from desktop.core.law import form_registry
from desktop.core.pv.answers import format_value
from desktop.core.vault.repos import PERSON_ROLES

NOW = datetime(2026, 11, 30, 15, 0)


@pytest.fixture(scope="module")
def hearing():
    return form_registry().get("audition_mineur")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("juin 2026", "2026-06"),
        ("Juin 2026", "2026-06"),
        ("06/2026", "2026-06"),
        ("en mai 2025", "2025-05"),
        ("2012", "2012"),
        ("14/06/2026", "2026-06-14"),
    ],
)
def test_a_date_even_approximate_takes_a_month_or_a_year(hearing, typed, stored):
    value, error = normalize_input(hearing.field("faits_date_debut"), typed)
    assert (value, error) == (stored, None)
    assert normalize_input(hearing.field("victime_date_naissance"), "2012") == ("2012", None)


def test_an_exact_date_field_still_refuses_a_month(hearing):
    value, error = normalize_input(hearing.field("audition_debut"), "juin 2026")
    assert value is None and error
    with pytest.raises(InvalidInput, match="mois « juinn » inconnu"):
        parse_partial_date_fr("juinn 2026")


def test_approximate_dates_are_checked_and_printed_as_typed(hearing):
    flow = WizardFlow(hearing, {"faits_date_debut": "2027-01"}, now=NOW)
    assert [e.kind for e in flow.errors("victime") if e.field_id == "faits_date_debut"] == [
        "future"
    ]
    flow.set_answer("faits_date_debut", "2026-06")
    flow.set_answer("victime_date_naissance", "2012")
    assert not [e for e in flow.errors("victime") if e.kind != "required"]
    assert flow.value("victime_age_faits") is None  # no age made up from a year alone
    assert date_fr("2026-06") == "juin 2026" and date_fr("2012") == "2012"


def test_a_two_minute_hearing_does_not_last_zero_hours(hearing):
    flow = WizardFlow(
        hearing, {"audition_debut": "2026-11-30T14:00", "audition_fin": "2026-11-30T14:02"}
    )
    hours = flow.value("audition_duree_heures")
    field = hearing.field("audition_duree_heures")
    assert format_value(field, hours) == "2\u00a0minutes"
    assert format_quantity_fr(1.5, "heures") == "1\u00a0heure 30"
    assert format_quantity_fr(49.0, "heures") == "49\u00a0heures"
    assert "0,0" not in format_value(field, 0.0)


def test_the_interpreter_is_among_the_persons_present_and_his_language_required(hearing):
    answers = {"interprete": True, "interprete_nom": "Ana POPESCU"}
    rows = interpreter_presence(answers)
    assert rows == [
        {
            "qualite": "interprete",
            "nom": "Ana POPESCU",
            "base_legale": "cpp.10-2.7",
            "_source": "interprete",
        }
    ]
    answers["personnes_presentes"] = rows
    assert interpreter_presence(answers) is None  # stable
    answers["interprete_nom"] = "Ana POPESCU-IONESCU"
    assert interpreter_presence(answers)[0]["nom"] == "Ana POPESCU-IONESCU"
    assert interpreter_presence({**answers, "interprete": False}) == []
    # an interpreter typed among the persons present makes his language required too
    typed = {"personnes_presentes": [{"qualite": "interprete", "nom": "Ana POPESCU"}]}
    flow = WizardFlow(hearing, typed, now=NOW)
    required = {e.field_id for e in flow.errors() if e.kind == "required"}
    assert "interprete_langue" in required
    flow.set_answer("interprete_langue", "roumain")
    assert "interprete_langue" not in {e.field_id for e in flow.errors()}


def test_legal_representative_and_ad_hoc_administrator_are_person_roles(officer_session):
    assert {"representant_legal", "administrateur_ad_hoc"} <= set(PERSON_ROLES)
    assert set(PERSON_ROLE_LABELS) == set(PERSON_ROLES)
    case = officer_session.cases.create("2026/000888", "BPM")
    for role in ("representant_legal", "administrateur_ad_hoc"):
        person = officer_session.persons.add(case.id, role, "Leroy", "Sam")
        assert officer_session.persons.get(person.id).role == role
    from desktop.core.formspec.schema import _PERSON_ROLES

    assert tuple(_PERSON_ROLES) == tuple(PERSON_ROLES)
