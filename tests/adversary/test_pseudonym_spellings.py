"""Adversary: identifying items written in spellings and shapes the corpus test does not try.

Each case is a fictional person registered in the persons table and a text that names or
locates her; the pseudonymised text must not keep the identifying part (found on the
skeleton, so that any accent, case or width variant of the leak also counts)."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.export.pseudonym import (
    IdentityTable,
    add_person,
    identity_table,
    pseudonymise,
    render_pseudonymised,
)
from desktop.core.pv.model import BodyEntry
from desktop.core.pv.sample import sample_pv
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.verify import verify_pdf
from desktop.core.text import skeleton
from tests.core.export.export_fixtures import pdftotext

# (given name, surname) of fictional persons of the case
PEOPLE = [
    ("Léa", "MARTIN"),
    ("ნინო", "ბერიძე"),  # Georgian (caseless)
    ("נועה", "כהן"),  # Hebrew (caseless)
    ("มะลิ", "ใจดี"),  # Thai (caseless, no spaces)
    ("美咲", "佐藤"),  # Japanese (caseless, no spaces)
    ("지민", "김"),  # Korean (caseless, particles attached)
]


def _table() -> IdentityTable:
    table = IdentityTable()
    for first, last in PEOPLE:
        add_person(table, last, first, {"telephone": "06 12 34 56 78"}, "2011-09-23", 15)
    return table


def _kept(out: str, leak: str) -> bool:
    """The leak's skeleton is still in the text (no word boundary: Thai and Japanese have none)."""
    return skeleton(leak) in skeleton(out)


NAME_CASES = [
    # (text, the part that must go)
    ("je l'ai dit à Léа", "Léа"),  # Cyrillic а (U+0430) in a Latin name
    ("c'est LÉA MARTΙN", "MARTΙN"),  # Greek capital iota (U+0399)
    ("Lеa est venue", "Lеa"),  # Cyrillic е (U+0435)
    ("Léa MAR-\nTIN", "TIN"),  # hyphenated across a line break
    ("ნინო იყო იქ", "ნინო"),  # Georgian given name alone
    ("נועה הייתה שם", "נועה"),  # Hebrew given name alone
    ("มะลิไปโรงแรม", "มะลิ"),  # Thai given name alone, no space after
    ("美咲ちゃんがいた", "美咲"),  # Japanese given name with a suffix
    ("지민이가 왔다", "지민"),  # Korean given name with a particle
]


@pytest.mark.parametrize(("text", "leak"), NAME_CASES)
def test_name_spellings_are_replaced(text, leak):
    out = _table().scrub(text)
    assert not _kept(out, leak), out


def test_thai_full_name_leaves_no_stray_vowel_sign():
    out = _table().scrub("มะลิใจดี มา")
    assert "\u0e35" not in out and "\u0e30" not in out, out


SHAPE_CASES = [
    ("appelle-moi au 0 6 1 2 3 4 5 6 7 8", "5 6 7 8"),
    ("son numéro : +33 6 12 345 678", "345 678"),
    ("son cousin à Londres : +44 7700 900123", "900123"),
    ("sa tante : +32 470 12 34 56", "470 12"),
    ("au pays : 00213 555 12 34 56", "555 12"),
    ("née le 23 sept. 2011", "23 sept"),
    ("née le 23/09/11", "le 23"),
    ("la voiture ab-123-cd", "ab-123-cd"),
    ("elle habite rue des Lilas", "Lilas"),
    ("son profil facebook.com/lili.du93", "lili.du93"),
    ("voir https://www.instagram.com/lili_valmont/", "lili_valmont"),
]


@pytest.mark.parametrize(("text", "leak"), SHAPE_CASES)
def test_identifying_shapes_are_removed(text, leak):
    out = _table().scrub(text)
    assert leak not in out, out


def test_sealed_copy_text_keeps_none_of_the_spellings(officer_session, signer):
    """End to end: the same texts in the answers of a sealed pseudonymised PV (pdftotext)."""
    s = officer_session
    case = s.cases.create("2026/ADV-0002", "Brigade de protection des mineurs (fictive)")
    persons = [
        s.persons.add(
            case.id, "victime", last, first, "2011-09-23", {"telephone": "06 12 34 56 78"}
        )
        for first, last in PEOPLE
    ]
    doc = sample_pv(pairs=1)
    body = list(doc.body)
    for text, _leak in NAME_CASES + SHAPE_CASES:
        body.append(BodyEntry("qr", question="Qui ?", answer=text))
    doc = dataclasses.replace(doc, body=tuple(body))
    copy = pseudonymise(doc, identity_table(persons, doc))
    rendered = render_pseudonymised(copy)
    pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    assert verify_pdf(pdf, require_complete=False).valid
    text = pdftotext(pdf)
    kept = [leak for _t, leak in NAME_CASES if _kept(text, leak)]
    kept += [leak for _t, leak in SHAPE_CASES if leak in " ".join(text.split())]
    assert kept == []


@pytest.mark.parametrize(
    ("text", "leak"),
    [
        ("son snap c'est lea_martin", "lea_martin"),
        ("le compte Léa_Martin", "Léa_Martin"),
        ("elle signe LILI93", "LILI"),
        ("puis lili_93 a répondu", "lili"),
    ],
)
def test_names_glued_to_digits_or_underscores(text, leak):
    table = _table()
    add_person(table, "MARTIN", "Léa", {"surnom": "Lili"}, "2011-09-23", 15)
    out = table.scrub(text)
    assert leak.lower() not in out.lower(), out
