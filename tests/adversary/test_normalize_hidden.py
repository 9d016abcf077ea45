"""Adversary: invisible characters that survive the boundary make the stored text differ
from what the PDF shows (text hidden in Unicode tag characters — « ASCII smuggling » —,
interlinear annotations, deprecated format characters, Arabic letter mark, Mongolian vowel
separator). The stored text must be what is printed: none of them may reach the vault."""

from __future__ import annotations

import pytest

from desktop.core.text import clean_text

HIDDEN = {
    "tags": "oui\U000e006e\U000e006f\U000e006e",  # « non » written in tag letters
    "tag_begin": "A\U000e0001B",
    "interlinear": "A\ufff9caché\ufffaB\ufffbC",
    "deprecated_format": "A\u206aB\u206bC\u206fD",
    "arabic_letter_mark": "A\u061cB",
    "mongolian_vowel_separator": "Lé\u180ea",
}


@pytest.mark.parametrize("key", sorted(HIDDEN))
def test_boundary_removes_hidden_characters(key):
    out = clean_text(HIDDEN[key])
    hidden = [
        f"U+{ord(c):04X}"
        for c in out
        if 0xE0000 <= ord(c) <= 0xE007F
        or c in "\ufff9\ufffa\ufffb\u061c\u180e"
        or 0x206A <= ord(c) <= 0x206F
    ]
    assert hidden == []


def test_line_and_paragraph_separators_become_newlines():
    assert clean_text("ligne\u2028deux\u2029trois") == "ligne\ndeux\ntrois"


def test_person_stored_without_hidden_letters(officer_session):
    s = officer_session
    case = s.cases.create("2026/ADV-0003", "Brigade de protection des mineurs (fictive)")
    p = s.persons.add(case.id, "victime", "MARTIN\U000e0078", "Léa\u180e", "2011-09-23", {})
    stored = s.persons.get(p.id)
    assert (stored.last_name, stored.first_name) == ("MARTIN", "Léa")
