from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.medical.clock import fixed_clock, format_duration
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldError
from desktop.core.medical.windows import Level, Status, compute_alerts

PARIS = ZoneInfo("Europe/Paris")
FACTS = datetime(2026, 3, 10, 14, 0, tzinfo=PARIS)


def alert(alerts, window_id):
    return next(a for a in alerts if a.window.id == window_id)


def at(delta: timedelta):
    return fixed_clock(FACTS + delta)()


@pytest.mark.parametrize(
    ("elapsed", "status"),
    [
        (timedelta(hours=3, minutes=59), Status.IDEAL),
        (timedelta(hours=4), Status.OPEN),  # "idéalement < 4 h": strict
        (timedelta(hours=41, minutes=59), Status.OPEN),
        (timedelta(hours=42, minutes=1), Status.CLOSING),
        (timedelta(hours=47, minutes=59), Status.CLOSING),
        (timedelta(hours=48), Status.CLOSING),  # "au plus tard jusqu'à 48 h": inclusive
        (timedelta(hours=48, minutes=1), Status.EXPIRED),
    ],
)
def test_tpe_boundaries(elapsed, status):
    alerts = compute_alerts(FactsTime.exact(FACTS), at(elapsed))
    assert alert(alerts, "tpe_vih").status is status


def test_tpe_47h59_vs_48h01_messages():
    before = alert(
        compute_alerts(FactsTime.exact(FACTS), at(timedelta(hours=47, minutes=59))), "tpe_vih"
    )
    after = alert(
        compute_alerts(FactsTime.exact(FACTS), at(timedelta(hours=48, minutes=1))), "tpe_vih"
    )
    assert before.level is Level.CRITICAL
    assert before.remaining == timedelta(minutes=1)
    assert "se ferme dans 1\u00a0min" in before.message
    assert "12/03/2026 à 14\u00a0h\u00a000" in before.message
    assert after.level is Level.WARNING  # past a window: still a decision, never « rien à faire »
    assert "dépassé depuis 1\u00a0min" in after.message


def test_contraception_72h_boundary():
    facts = FactsTime.exact(FACTS)
    assert (
        alert(
            compute_alerts(facts, at(timedelta(hours=71, minutes=59))),
            "contraception_levonorgestrel",
        ).status
        is Status.CLOSING
    )
    assert (
        alert(
            compute_alerts(facts, at(timedelta(hours=72, minutes=1))),
            "contraception_levonorgestrel",
        ).status
        is Status.EXPIRED
    )


def test_unknown_time_of_facts_is_explicit_for_every_window():
    alerts = compute_alerts(FactsTime.unknown(), datetime(2026, 3, 12, 10, 0, tzinfo=PARIS))
    assert alerts and all(a.status is Status.UNKNOWN for a in alerts)
    tpe = alert(alerts, "tpe_vih")
    assert "heure des faits inconnue" in tpe.message
    assert tpe.deadline is None and tpe.remaining is None
    assert tpe.level is Level.WARNING


def test_date_known_hour_unknown_is_uncertain_not_expired():
    facts = FactsTime.day(date(2026, 3, 10), PARIS)
    now = datetime(2026, 3, 12, 10, 0, tzinfo=PARIS)  # 34 h to 58 h after the facts
    tpe = alert(compute_alerts(facts, now), "tpe_vih")
    assert tpe.status is Status.UNCERTAIN
    assert "peut-être dépassé" in tpe.message
    # surely closed once 48 h after the end of the day have passed
    later = datetime(2026, 3, 13, 0, 0, tzinfo=PARIS)
    assert alert(compute_alerts(facts, later), "tpe_vih").status is Status.EXPIRED
    # surely open while 48 h after the start of the day have not passed
    early = datetime(2026, 3, 11, 23, 0, tzinfo=PARIS)
    assert alert(compute_alerts(facts, early), "tpe_vih").status is Status.CLOSING


def test_elapsed_time_is_real_time_across_daylight_saving_change():
    # Night of 28-29 March 2026: clocks go from 2:00 to 3:00 in Paris.
    facts = FactsTime.exact(datetime(2026, 3, 28, 12, 0), PARIS)
    now = datetime(2026, 3, 30, 12, 30, tzinfo=PARIS)  # 47 h 30 of real time
    tpe = alert(compute_alerts(facts, now), "tpe_vih")
    assert tpe.status is Status.CLOSING
    assert tpe.remaining == timedelta(minutes=30)


def test_windows_left_out_only_when_context_says_no():
    facts = FactsTime.exact(FACTS)
    now = at(timedelta(hours=2))
    every = {a.window.id for a in compute_alerts(facts, now)}
    assert "contraception_levonorgestrel" in every
    some = {
        a.window.id
        for a in compute_alerts(facts, now, {"grossesse_possible": False, "contact_buccal": None})
    }
    assert "contraception_levonorgestrel" not in some and "prelevement_buccal" in some


def test_most_urgent_first():
    alerts = compute_alerts(FactsTime.exact(FACTS), at(timedelta(hours=30)))
    levels = [a.level for a in alerts]
    order = {Level.CRITICAL: 0, Level.WARNING: 1, Level.INFO: 2}
    assert levels == sorted(levels, key=order.get)
    assert alerts[-1].status is Status.EXPIRED  # GHB in the urine (12 h)


def test_facts_in_the_future_refused():
    with pytest.raises(FieldError) as err:
        compute_alerts(FactsTime.exact(FACTS), at(-timedelta(minutes=5)))
    assert err.value.fields == ("faits",)
    assert "dans le futur" in err.value.message


def test_format_duration():
    assert format_duration(timedelta(hours=47, minutes=59)) == "47\u00a0h\u00a059\u00a0min"
    assert format_duration(timedelta(seconds=20)) == "moins d'1\u00a0min"
    assert format_duration(timedelta(days=12, hours=3)) == "12\u00a0j\u00a03\u00a0h"
    assert format_duration(timedelta(hours=5)) == "5\u00a0h"
