"""The law table: penalties as stated by the 2026 report, dated renumbering, strict loading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.core.formspec import load_all
from desktop.core.law import LawTableError, default_law_table, load_law_table
from desktop.core.law.table import TEMPLATES

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def law():
    return default_law_table()


@pytest.mark.parametrize(
    ("key", "when", "expected"),
    [
        (
            "cp.225-4-1",
            "victime mineure",
            f"10 ans d'emprisonnement et 1{NBSP}500{NBSP}000{NBSP}€ d'amende",
        ),
        (
            "cp.225-7",
            "victime mineure",
            f"10 ans d'emprisonnement et 1{NBSP}500{NBSP}000{NBSP}€ d'amende",
        ),
        (
            "cp.225-7-1",
            "victime mineure de 15 ans",
            f"20 ans de réclusion criminelle et 3{NBSP}000{NBSP}000{NBSP}€ d'amende",
        ),
        (
            "cp.225-12-1",
            "victime mineure",
            f"5 ans d'emprisonnement et 75{NBSP}000{NBSP}€ d'amende",
        ),
        (
            "cp.225-12-2",
            "victime mineure de 15 ans",
            f"10 ans d'emprisonnement et 150{NBSP}000{NBSP}€ d'amende",
        ),
    ],
)
def test_penalties_follow_the_report(law, key, when, expected):
    penalty = next(p for p in law.article(key).penalties if p.when == when)
    assert penalty.describe() == expected
    assert penalty.source == "rapport-2026"
    assert "mai 2026" in law.source_text(penalty.source)


def test_renumbering_is_dated_data(law):
    assert (
        law.cite("cpp.706-50", on=date(2028, 12, 31))
        == "article 706-50 du code de procédure pénale"
    )
    assert (
        law.cite("cpp.706-50", on=date(2029, 1, 1))
        == "article L. 1451-1 du code de procédure pénale"
    )
    assert law.cite("cpp.706-51-1", on=date(2030, 6, 1)).startswith("article L. 1451-2 ")
    # an article without a known new number keeps its current one
    assert (
        law.cite("cpp.706-52", on=date(2029, 1, 1)) == "article 706-52 du code de procédure pénale"
    )
    assert law.cite("cpp.10-2.7") == "article 10-2, 7° du code de procédure pénale"
    assert law.cite("loi.2002-305.13") == "article 13 de la loi n° 2002-305 du 4 mars 2002"


def test_postponing_the_reform_is_a_data_change(tmp_path):
    text = (TEMPLATES / "law.yaml").read_text(encoding="utf-8")
    postponed = text.replace(
        '- from: 2029-01-01\n        article: "L. 1451-1"',
        '- from: 2030-01-01\n        article: "L. 1451-1"',
    )
    assert postponed != text
    path = tmp_path / "law.yaml"
    path.write_text(postponed, encoding="utf-8")
    law = load_law_table([path])
    assert law.cite("cpp.706-50", on=date(2029, 6, 1)).startswith("article 706-50 ")
    assert law.cite("cpp.706-50", on=date(2030, 1, 1)).startswith("article L. 1451-1 ")


def test_every_entry_is_sourced(law):
    for key, art in law.entries.items():
        assert art.title, key
        assert art.source, key
        assert art.confidence in ("V", "P", "M"), key
        for p in art.penalties:
            assert p.source and p.describe(), key


def test_every_reference_used_by_forms_exists(law):
    for spec in load_all().values():
        refs = set(spec.legal_basis)
        for step in spec.steps:
            refs |= set(step.legal_basis)
        for _, f in spec.iter_fields():
            refs |= set(f.legal_basis)
            if f.id == "base_legale":
                refs |= {o.value for o in f.options}
        assert refs <= law.keys(), refs - law.keys()


def test_mentions_cite_articles_from_the_table(law):
    assert "impossibilité technique" in law.mention("mention.enregistrement-impossible").text
    for m in law.mentions.values():
        assert m.text and all(a in law.entries for a in m.articles)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "law.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_malformed_law_table_names_the_line(tmp_path):
    path = _write(
        tmp_path,
        """id: law
version: 1
entries:
  cp.225-5:
    code: cp
    article: "225-5"
    title: "Proxénétisme"
    penalites: []
  cpp.706-50:
    code: cpp
    article: "706-50"
    title: "AAH"
    versions:
      - article: "L. 1451-1"
""",
    )
    with pytest.raises(LawTableError) as info:
        load_law_table([path])
    problems = {(p.line, p.message) for p in info.value.problems}
    assert (8, "clé inconnue « penalites » dans l'entrée « cp.225-5 »") in problems
    assert any(line == 14 and "from:" in msg for line, msg in problems)


def test_unknown_code_and_bad_penalty(tmp_path):
    path = _write(
        tmp_path,
        """entries:
  x.1:
    code: code_route
    article: "1"
    title: "X"
    penalties:
      - when: "toujours"
        nature: amende
        prison_years: -2
""",
    )
    with pytest.raises(LawTableError) as info:
        load_law_table([path])
    lines = sorted(p.line for p in info.value.problems)
    assert lines == [3, 8, 9]


def test_law_keys_cited_by_pv_templates_exist(law):
    import re

    cited = set()
    for path in TEMPLATES.glob("*.yaml"):
        if path.name.startswith("law"):
            continue
        cited |= set(
            re.findall(
                r"\b((?:cpp|cp|csp|casf|cc)\.[0-9a-z][0-9a-z.\-]*[0-9a-z])",
                path.read_text(encoding="utf-8"),
            )
        )
    assert cited <= law.keys(), sorted(cited - law.keys())
