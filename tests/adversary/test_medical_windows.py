"""Adversary (issue 18): the windows' boundaries, exactly at the hour, across a DST change,
and the form's computed fields against the live alerts (one definition, one answer)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.formspec.expr import parse_expr
from desktop.core.medical.clock import shift
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldError
from desktop.core.medical.windows import Level, Status, compute_alerts

PARIS = ZoneInfo("Europe/Paris")
FACTS = datetime(2026, 3, 10, 22, 30, tzinfo=PARIS)


def alerts_at(facts: datetime, hours: float, minutes: int = 0):
    now = shift(facts, timedelta(hours=hours, minutes=minutes))
    return {a.window.id: a for a in compute_alerts(FactsTime.exact(facts), now)}


@pytest.mark.parametrize(
    ("window", "max_hours"),
    [
        ("tpe_vih", 48),
        ("contraception_levonorgestrel", 72),
        ("contraception_ulipristal_diu", 120),
        ("prelevement_buccal", 48),
        ("prelevement_anal", 72),
    ],
)
def test_open_at_the_maximum_closed_one_minute_after(window, max_hours):
    at = alerts_at(FACTS, max_hours)[window]
    assert at.status in (Status.CLOSING, Status.OPEN), at.message
    late = alerts_at(FACTS, max_hours, 1)[window]
    assert late.status is Status.EXPIRED
    assert late.level is Level.WARNING
    text = late.message.lower()
    assert "rien à faire" not in text and "aucune" not in text and "inutile" not in text


def test_levonorgestrel_past_72h_points_to_ulipristal_until_the_120th_hour():
    late = alerts_at(FACTS, 72, 1)["contraception_levonorgestrel"]
    assert "Encore possible jusqu'au 15/03/2026 à 22\u00a0h\u00a030" in late.message
    assert "ulipristal" in late.message.lower()


def test_hour_zero_is_ideal_and_facts_in_the_future_are_refused():
    assert alerts_at(FACTS, 0)["tpe_vih"].status is Status.IDEAL
    with pytest.raises(FieldError):
        compute_alerts(FactsTime.exact(FACTS), FACTS - timedelta(minutes=1))


def test_unknown_facts_time_never_says_nothing_to_do():
    for alert in compute_alerts(FactsTime.unknown(), FACTS):
        assert alert.level is Level.WARNING
        assert "Décider sans attendre" in alert.message


@pytest.mark.parametrize(
    ("facts_wall", "exam_wall"),
    [
        # spring forward (29/03/2026, 2 h -> 3 h): 72 h 30 on the wall clock, 71 h 30 real
        ("2026-03-28T22:00", "2026-03-31T22:30"),
        # fall back (25/10/2026, 3 h -> 2 h): 71 h 30 on the wall clock, 72 h 30 real
        ("2026-10-24T22:00", "2026-10-27T21:30"),
    ],
)
def test_form_and_alert_agree_across_a_dst_change(facts_wall, exam_wall):
    """The form's « contraception d'urgence dans le délai (72 h) » and the live alert at the
    exam must say the same thing: both count real hours, not wall-clock hours."""
    answers = {"faits_datetime": facts_wall, "examen_datetime": exam_wall}
    hours = parse_expr("hours_between(faits_datetime, examen_datetime)").evaluate(answers.get)
    within = parse_expr(
        "within_window('contraception_levonorgestrel', hours_between(faits_datetime,"
        " examen_datetime))"
    ).evaluate(answers.get)
    facts = datetime.fromisoformat(facts_wall).replace(tzinfo=PARIS)
    exam = datetime.fromisoformat(exam_wall).replace(tzinfo=PARIS)
    alert = {a.window.id: a for a in compute_alerts(FactsTime.exact(facts), exam)}[
        "contraception_levonorgestrel"
    ]
    real = (exam.astimezone(ZoneInfo("UTC")) - facts.astimezone(ZoneInfo("UTC"))).total_seconds()
    assert hours == pytest.approx(real / 3600)
    assert within is (alert.status is not Status.EXPIRED)
