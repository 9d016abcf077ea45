from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop.core.pv import words as w

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2026, 11, 26), "le vingt-six novembre"),
        (date(2026, 12, 1), "le premier décembre"),
        (date(2030, 2, 21), "le vingt et un février"),
        (date(2026, 8, 31), "le trente et un août"),
    ],
)
def test_dates_in_words(value, expected):
    assert w.date_in_words(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(14, 30), "quatorze heures trente"),
        (time(0, 0), "minuit"),
        (time(0, 15), "zéro heure quinze"),
        (time(1, 0), "une heure"),
        (time(21, 1), "vingt et une heures une"),
        (time(12, 0), "douze heures"),
        (time(23, 59), "vingt-trois heures cinquante-neuf"),
        (time(9, 41), "neuf heures quarante et une"),
    ],
)
def test_times_in_words(value, expected):
    assert w.time_in_words(value) == expected


def test_short_time_uses_non_breaking_spaces():
    assert w.time_short(time(21, 1)) == f"21{NB}h{NB}01"
    assert w.time_short(time(9, 5)) == f"9{NB}h{NB}05"


def test_years():
    assert w.year_in_words(2026) == "deux mille vingt-six"
    assert w.year_in_words(2030) == "deux mille trente"
    assert w.year_in_words(2000) == "deux mille"


def test_incipit():
    assert (
        w.incipit(datetime(2026, 11, 26, 14, 30))
        == "L'an deux mille vingt-six, le vingt-six novembre, à quatorze heures trente"
    )
    assert (
        w.incipit(datetime(2030, 1, 1, 0, 0))
        == "L'an deux mille trente, le premier janvier, à minuit"
    )


def test_utc_timestamps_are_shown_in_french_local_time():
    # 26 November: Paris is UTC+1; 1 July: UTC+2
    assert w.to_local("2026-11-26T13:30:00.000000Z") == datetime(2026, 11, 26, 14, 30)
    assert w.to_local("2026-07-01T12:00:00Z") == datetime(2026, 7, 1, 14, 0)
    assert w.to_local("2026-07-01T12:00:00") == datetime(2026, 7, 1, 12, 0)


def test_durations():
    assert w.duration_in_words(43) == "quarante-trois minutes"
    assert w.duration_in_words(61) == "une heure une minute"
    assert w.duration_in_words(120) == "deux heures"
