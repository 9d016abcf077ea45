"""The review list of a pseudonymised copy: capitalised heuristics alone (no spaCy) and
with spaCy's French pipeline when it is installed."""

from __future__ import annotations

import pytest

from desktop.core.export.pseudonym import IdentityTable, add_person
from desktop.core.export.review import candidates, load_nlp
from desktop.core.text import skeleton

TEXTS = (
    "Qui était là ?",
    "Il y avait Inès, la sœur de Marius Okonkwo, et le cousin « Tito ».",
    "Neuf jours. Pendant ces neuf jours, Léa dormait à l'hôtel Belvédère avec Svetlana.",
    "Est-ce que Doc était là ? Dis-lui que non. أمينة était là aussi.",
)
EXPECTED = {"Inès", "Marius", "Okonkwo", "Tito", "Belvédère", "Svetlana", "Doc", "أمينة"}


def _table() -> IdentityTable:
    table = IdentityTable()
    add_person(table, "MARTIN", "Léa")
    return table


def _shown(found) -> set[str]:
    words = set()
    for c in found:
        words |= {skeleton(w) for w in c.text.split()} | {skeleton(c.text)}
    return words


def test_heuristics_list_every_capitalised_word_not_in_the_table():
    found = candidates(TEXTS, _table(), nlp=None)
    shown = _shown(found)
    for name in EXPECTED:
        assert skeleton(name) in shown, name
    # persons of the table, sentence starters and common words are not listed
    for word in ("Léa", "Neuf", "Qui", "Il", "Est-ce", "Dis-lui", "Pendant"):
        assert skeleton(word) not in shown, word


def test_spacy_pipeline_adds_kinds_when_installed():
    nlp = load_nlp()
    if nlp is None:
        pytest.skip("spaCy ou fr_core_news_sm absent : heuristiques seules")
    found = candidates(TEXTS, _table(), nlp=nlp)
    assert _shown(found) >= {skeleton(x) for x in EXPECTED}
    assert any(c.source == "spaCy" and c.kind == "personne" for c in found)
