"""Law table additions read by a magistrate (issue 17, point 14): each new entry is sourced,
tagged with its confidence, dated where the creating law is known; no overstated wording."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.core.law import default_law_table
from desktop.core.law.qualification import default_qualifications
from desktop.core.law.table import TEMPLATES

NEW = [
    "cp.225-4-2",
    "cp.225-4-3",
    "cp.225-8",
    "cp.227-22",
    "cp.227-22-1",
    "cp.227-23",
    "cpp.706-48",
    "cpp.706-49",
    "cpp.706-73",
    "cpp.10-2.9",
    "cpp.20",
    "cpp.41",
]


@pytest.mark.parametrize("key", NEW)
def test_new_entries_are_sourced_and_tagged(key):
    art = default_law_table().article(key)
    assert art.title and art.text and art.source
    assert art.confidence in ("V", "P", "M")


def test_penalties_and_dates_of_the_new_entries():
    law = default_law_table()
    assert (
        law.article("cp.225-4-3")
        .penalties[0]
        .describe()
        .startswith("20 ans de réclusion criminelle")
    )
    assert law.article("cp.225-8").penalties[0].reclusion_years == 20
    assert law.article("cp.227-22-1").effective_from == date(2007, 3, 7)
    assert law.article("cp.225-4-2").effective_from == date(2013, 8, 7)


def test_the_10_2_list_includes_the_ninth_item():
    law = default_law_table()
    assert "cpp.10-2.9" in law.mention("mention.droits-notifies").articles
    assert law.cite("cpp.10-2.9") == "article 10-2, 9° du code de procédure pénale"


def test_no_unsourced_erreur_invincible_and_no_a53_6_for_fingerprints():
    quals = (TEMPLATES / "law_qualifications.yaml").read_text("utf-8")
    assert "erreur invincible" not in quals
    bordereau = (TEMPLATES / "bordereau_transmission.yaml").read_text("utf-8")
    assert "A.53-6 du code de procédure pénale)" not in bordereau
    assert "(article A.53-6" not in bordereau


def test_the_viol_aid_covers_suspects():
    viol = next(q for q in default_qualifications() if q.key == "viol_mineur_15")
    for element in ("acte", "auteur_majeur", "connaissance_age"):
        e = next(x for x in viol.elements if x.id == element)
        assert "suspects" in e.fields, element
