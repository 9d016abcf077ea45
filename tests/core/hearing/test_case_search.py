"""Case search with FTS5 inside the encrypted database, filters, persons' extras."""

from __future__ import annotations

import pytest

from desktop.core.errors import InvalidInput
from desktop.core.hearing.cases import (
    details_with,
    parse_phones,
    person_label,
    search_cases,
    services,
)


def _ids(rows):
    return [r.id for r in rows]


def test_search_numbers_names_pseudonyms_phones(officer_session):
    s = officer_session
    a = s.cases.create("2026/001234", "BPM Paris")
    b = s.cases.create("2026/009999", "BPM Paris")
    c = s.cases.create("2025/000042", "Brigade de Créteil")
    s.persons.add(
        a.id,
        "victime",
        "Martin",
        "Éloïse",
        "2011-04-02",
        details_with({}, pseudonym="Lou", phones=["06 12 34 56 78"]),
    )
    s.persons.add(b.id, "suspect", "Durand", "Kévin", None, {"pseudonyme": "Le Grand"})
    db = s.cases_db
    assert _ids(search_cases(db, "001234")) == [a.id]
    assert _ids(search_cases(db, "eloise")) == [a.id]  # accents and case ignored
    assert _ids(search_cases(db, "ÉLOÏ")) == [a.id]
    assert _ids(search_cases(db, "grand")) == [b.id]
    assert _ids(search_cases(db, "34 56")) == [a.id]
    assert _ids(search_cases(db, "2026 martin")) == [a.id]  # every piece must match
    assert set(_ids(search_cases(db, "2026"))) == {a.id, b.id}
    assert _ids(search_cases(db, "42")) == [c.id]  # short pieces: LIKE
    assert search_cases(db, "nobody") == []
    assert len(search_cases(db, "")) == 3
    # A person renamed: the index follows.
    p = s.persons.for_case(b.id)[0]
    s.persons.update(p.id, last_name="Bernard")
    assert search_cases(db, "durand") == []
    assert _ids(search_cases(db, "bernard")) == [b.id]
    # Odd input is not an FTS syntax error.
    assert search_cases(db, 'a"b OR (') == []
    assert search_cases(db, "%_") == []


def test_filters_and_hidden_names(officer_session):
    s = officer_session
    a = s.cases.create("2026/1", "BPM Paris")
    b = s.cases.create("2026/2", "Brigade de Créteil")
    s.cases.set_status(b.id, "clos")
    s.persons.add(a.id, "victime", "Martin", "Éloïse")
    s.persons.add(a.id, "victime", "Lefèvre", "Inès")
    s.persons.add(a.id, "client", "Lefèvre", "Marc")
    db = s.cases_db
    assert _ids(search_cases(db, status="clos")) == [b.id]
    assert _ids(search_cases(db, service="BPM Paris")) == [a.id]
    assert services(db) == ["BPM Paris", "Brigade de Créteil"]
    hidden = search_cases(db, "2026/1")
    assert hidden[0].victims is None
    shown = search_cases(db, "2026/1", with_names=True)
    assert shown[0].victims == "Éloïse MARTIN, Inès LEFÈVRE"
    assert shown[0].date.count("/") == 2


def test_phones_and_labels(officer_session):
    assert parse_phones("06 12 34 56 78 ; +33 7.00.00.00.00") == [
        "06 12 34 56 78",
        "+33 7.00.00.00.00",
    ]
    assert parse_phones("") == []
    with pytest.raises(InvalidInput, match="non reconnu"):
        parse_phones("appelle-moi")
    s = officer_session
    case = s.cases.create("2026/3")
    p = s.persons.add(case.id, "victime", "Martin", "Éloïse", None, {"pseudonyme": "Lou"})
    assert "Martin".upper() not in person_label(p, show_names=False)
    assert "Lou" in person_label(p, show_names=False)
    assert "Éloïse MARTIN" in person_label(p, show_names=True)
    assert details_with({"pseudonyme": "x", "autre": 1}, pseudonym="", phones=[]) == {"autre": 1}
