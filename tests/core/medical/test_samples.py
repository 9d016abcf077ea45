from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.medical.exam import check_exam_time
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.labels import labels_pdf
from desktop.core.medical.samples import (
    Sample,
    add_sample,
    check_all,
    describe_sample,
    label_for,
    samples_from_answer,
    samples_to_answer,
)
from desktop.core.medical.validation import FieldError

PARIS = ZoneInfo("Europe/Paris")
FACTS = FactsTime.exact(datetime(2026, 3, 10, 22, 30), PARIS)
NOW = datetime(2026, 3, 11, 16, 0, tzinfo=PARIS)
TAKEN = datetime(2026, 3, 11, 15, 10, tzinfo=PARIS)


def three():
    samples = []
    for site, nature in (
        ("vaginal", "ecouvillon_sec"),
        ("anal", "ecouvillon_sec"),
        ("sang", "tube"),
    ):
        samples = add_sample(samples, Sample(None, site, TAKEN, nature), now=NOW, facts=FACTS)
    return samples


def test_numbered_in_order():
    assert [s.number for s in three()] == [1, 2, 3]


def test_number_used_twice_refused_and_nothing_lost():
    samples = three()
    with pytest.raises(FieldError) as err:
        add_sample(samples, Sample(2, "buccal", TAKEN), now=NOW, facts=FACTS)
    assert err.value.fields == ("numero",)
    assert "déjà utilisé" in err.value.message
    assert len(samples) == 3


def test_sample_dates():
    with pytest.raises(FieldError) as err:
        add_sample([], Sample(None, "anal", NOW + timedelta(hours=1)), now=NOW, facts=FACTS)
    assert "futur" in err.value.for_field("recueilli_le")
    with pytest.raises(FieldError) as err:
        add_sample(
            [],
            Sample(None, "anal", datetime(2026, 3, 10, 20, 0, tzinfo=PARIS)),
            now=NOW,
            facts=FACTS,
        )
    assert "précéder les faits" in err.value.for_field("recueilli_le")


def test_check_all_points_to_the_row():
    samples = three()
    bad = [*samples, Sample(1, "buccal", TAKEN)]
    fields = [i.field for i in check_all(bad, now=NOW, facts=FACTS)]
    assert "prelevements.1.numero" in fields and "prelevements.4.numero" in fields


def test_round_trip_and_description():
    samples = three()
    rows = samples_to_answer(samples)
    assert rows[1] == {
        "numero": 2,
        "site": "anal",
        "nature": "ecouvillon_sec",
        "recueilli_le": "2026-03-11T15:10",
    }
    assert samples_from_answer(rows, PARIS) == samples
    labels = {"nature": {"ecouvillon_sec": "Écouvillon sec (doublé)"}}
    assert describe_sample(samples[1], labels) == (
        "n°\u00a02 : site anal, écouvillon sec (doublé), recueilli le 11/03/2026 à 15\u00a0h\u00a010"
    )


def test_labels_pdf_text():
    names = {"nature": {"tube": "Tube", "ecouvillon_sec": "Écouvillon sec (doublé)"}}
    labels = [label_for(s, "V1 — Léa MARTIN", "2026/00123", names) for s in three()]
    assert labels[0].lines[:3] == [
        "Prélèvement n°\u00a01",
        "Site : Vaginal",
        "Écouvillon sec (doublé)",
    ]
    pdf = labels_pdf(labels)
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for expected in (
        "Prélèvement n° 3",
        "Site : Sang",
        "Tube",
        "Victime : V1 — Léa MARTIN",
        "Le 11/03/2026 à 15 h 10",
        "Procédure : 2026/00123",
        "Scellé n°",
    ):
        assert expected in text.replace("\u00a0", " ")


def test_exam_date_validation():
    assert check_exam_time(NOW - timedelta(minutes=30), FACTS, NOW) == []
    future = check_exam_time(NOW + timedelta(days=1), FACTS, NOW)
    assert future and "dans le futur" in future[0].message
    before = check_exam_time(datetime(2026, 3, 10, 21, 0, tzinfo=PARIS), FACTS, NOW)
    assert before and "avant les faits" in before[0].message
    assert check_exam_time(None, FACTS, NOW)[0].field == "examen_date"
    # unknown facts: only the future is checked
    assert check_exam_time(datetime(2020, 1, 1, tzinfo=PARIS), FactsTime.unknown(), NOW) == []
