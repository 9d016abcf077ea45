"""Adversary: « Relecture avant diffusion » must list every capitalised name that is not in
the persons table — also elided (« d'Inès »), in a script without capitals (Georgian,
Hebrew), or hyphenated across a line break — and confirming it must remove it everywhere."""

from __future__ import annotations

import pytest

from desktop.core.export.pseudonym import IdentityTable, add_person
from desktop.core.export.review import candidates
from desktop.core.text import skeleton

TEXTS = [
    "J'étais avec la sœur d'Inès et l'Amina.",
    "Le copain qu’Yasmine connaît est venu.",
    "Il y avait ნინო et נועה, puis Ka-\nrima est arrivée.",
]
UNLISTED = ["Inès", "Amina", "Yasmine", "ნინო", "נועה", "Karima"]


def _table() -> IdentityTable:
    table = IdentityTable()
    add_person(table, "MARTIN", "Léa", {}, "2011-09-23", 15)
    return table


@pytest.mark.parametrize("name", UNLISTED)
def test_review_lists_the_name(name):
    found = {skeleton(c.text) for c in candidates(TEXTS, _table(), None)}
    assert skeleton(name) in found, sorted(found)


def test_confirming_the_review_list_removes_every_name():
    table = _table()
    table.add_confirmed([c.text for c in candidates(TEXTS, table, None) if c.suggested])
    out = skeleton(" ".join(table.scrub(t) for t in TEXTS))
    assert [n for n in UNLISTED if skeleton(n) in out] == [], out
