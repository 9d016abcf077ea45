"""Issue 14: one builder of fictional data (desktop.core.sample) for the demo, the screenshots,
the bench and the tests; a test needing other persons passes parameters, not a copy."""

from __future__ import annotations

from pathlib import Path

from desktop.core.sample import create_persons, demo_data, variant
from tests.conftest import OFFICER_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_a_variant_changes_only_what_it_names():
    before = demo_data()["victim"]["first_name"]
    data = variant(demo_data(), {"victim": {"first_name": "Zéphyrine"}, "case": {"x": [1]}})
    assert data["victim"]["first_name"] == "Zéphyrine"
    assert data["victim"]["last_name"] == demo_data()["victim"]["last_name"]
    assert data["victim"]["details"] == demo_data()["victim"]["details"]
    assert data["case"]["x"] == [1] and "x" not in demo_data()["case"]
    assert demo_data()["victim"]["first_name"] == before  # the shipped case is untouched


def test_persons_of_a_variant_are_stored_with_their_details(vault):
    data = variant(demo_data(), {"suspect": {"details": {"plaques": ["GH-482-KT"]}}})
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case, victim = create_persons(s, data, "2026/000777")
        persons = s.persons.for_case(case.id)
    assert case.procedure_number == "2026/000777"
    assert victim.last_name == data["victim"]["last_name"]
    suspect = next(p for p in persons if p.role == "suspect")
    assert suspect.details == {"plaques": ["GH-482-KT"]}


def test_no_fixture_helper_or_bench_makes_its_own_persons():
    places = [
        ROOT / "tests/core/export/export_fixtures.py",
        ROOT / "tests/ui/helpers.py",
        *sorted((ROOT / "bench").glob("*.py")),
    ]
    makers = [p.relative_to(ROOT) for p in places if "persons.add(" in p.read_text("utf-8")]
    assert makers == []
