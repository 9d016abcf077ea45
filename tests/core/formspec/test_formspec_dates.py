"""French date and time input."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.formspec import (
    format_date_fr,
    parse_date_fr,
    parse_datetime_fr,
    parse_time_fr,
    try_parse_date_fr,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    "text",
    [
        "26/11/2026",
        "26-11-2026",
        "26.11.2026",
        "26.11.26",
        "26/11/26",
        "2026-11-26",
        "26 novembre 2026",
        "26 Novembre 2026",
        "jeudi 26 novembre 2026",
        "26 nov. 2026",
        " 26 / 11 / 2026 ",
        "26\u00a0novembre\u00a02026",
    ],
)
def test_french_formats(text):
    assert parse_date_fr(text, today=TODAY) == date(2026, 11, 26)


def test_first_of_month_and_accents():
    assert parse_date_fr("1er août 2026", today=TODAY) == date(2026, 8, 1)
    assert parse_date_fr("1 aout 2026", today=TODAY) == date(2026, 8, 1)
    assert parse_date_fr("3 février 2012", today=TODAY) == date(2012, 2, 3)
    assert parse_date_fr("25 décembre 2025", today=TODAY) == date(2025, 12, 25)


def test_two_digit_years_pivot():
    assert parse_date_fr("01/03/12", today=TODAY) == date(2012, 3, 1)
    assert parse_date_fr("01/03/58", today=TODAY) == date(1958, 3, 1)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/2026", "n'existe pas"),
        ("12/13/2026", "mois 13"),
        ("26 brumaire 2026", "mois « brumaire » inconnu"),
        ("demain", "non reconnue"),
        ("", "vide"),
    ],
)
def test_errors_are_french(text, fragment):
    with pytest.raises(InvalidInput) as info:
        parse_date_fr(text, today=TODAY)
    assert fragment in info.value.message
    value, message = try_parse_date_fr(text, today=TODAY)
    assert value is None and fragment in message


def test_times_and_datetimes():
    assert parse_time_fr("14h30") == time(14, 30)
    assert parse_time_fr("14 h 05") == time(14, 5)
    assert parse_time_fr("9h") == time(9, 0)
    assert parse_time_fr("09:45") == time(9, 45)
    with pytest.raises(InvalidInput, match="impossible"):
        parse_time_fr("25h00")
    assert parse_datetime_fr("26/11/2026 14h30", today=TODAY) == datetime(2026, 11, 26, 14, 30)
    assert parse_datetime_fr("26 novembre 2026 à 9h05", today=TODAY) == datetime(2026, 11, 26, 9, 5)
    assert parse_datetime_fr("2026-11-26T14:30") == datetime(2026, 11, 26, 14, 30)
    with pytest.raises(InvalidInput):
        parse_datetime_fr("26/11/2026")


def test_format_date_fr():
    assert format_date_fr(date(2026, 11, 1)) == "1er novembre 2026"
    assert format_date_fr(date(2026, 8, 15)) == "15 août 2026"
