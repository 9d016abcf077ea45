"""Adversary: a hyphenated given name said by one of its parts (« Marie-Léa » called
« Léa »), and the postcode of a registered address written on its own."""

from __future__ import annotations

import pytest

from desktop.core.export.pseudonym import identity_table
from desktop.core.text import skeleton


@pytest.fixture
def table(officer_session):
    s = officer_session
    case = s.cases.create("2026/ADV-0005", "Brigade de protection des mineurs (fictive)")
    victim = s.persons.add(
        case.id,
        "victime",
        "MARTIN",
        "Marie-Léa",
        "2011-09-23",
        {"adresse": "12 rue des Lilas, 99100 Valmont"},
    )
    return identity_table([victim])


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("Léa m'a dit de venir", "Léa"),
        ("c'est Marie qui a payé", "Marie"),
        ("#LéaMartin sur les réseaux", "LéaMartin"),
        ("elle vit dans le 99100", "99100"),
        ("elle vit à Valmont", "Valmont"),
    ],
)
def test_part_of_a_name_or_address_is_replaced(table, text, leak):
    out = table.scrub(text)
    assert skeleton(leak) not in skeleton(out), out
