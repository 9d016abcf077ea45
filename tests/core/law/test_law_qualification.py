"""The qualification aid lists elements to document; its data is checked against the form."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.formspec import FORMS_DIR, load_form
from desktop.core.law import LawTableError, default_law_table
from desktop.core.law.qualification import (
    QUALIFICATIONS_FILE,
    load_qualifications,
    qualification_aid,
)

NOW = datetime(2026, 11, 26, 15, 0)


@pytest.fixture(scope="module")
def spec():
    return load_form(FORMS_DIR / "audition_mineur.yaml")


def test_the_qualifications_are_defined(spec):
    quals = load_qualifications(spec, default_law_table())
    assert {q.key for q in quals} == {
        "traite_mineur",
        "traite_mineur_aggravee",
        "propositions_sexuelles_mineur_15",
        "images_pornographiques_mineur",
        "proxenetisme_aggrave_mineur",
        "proxenetisme_mineur_15",
        "recours_prostitution_mineur",
        "viol_mineur_15",
    }
    assert all(q.elements for q in quals)


def test_documented_elements_follow_the_answers(spec):
    base = {
        "victime_date_naissance": "2011-09-01",
        "faits_date_debut": "2026-03-01",
        "victime_age_etabli_par": ["piece_identite"],
    }
    aid = {a.key: a for a in qualification_aid(base, spec=spec, now=NOW)}
    traite = {e.id: e.documented for e in aid["traite_mineur"].elements}
    assert traite == {
        "minorite": True,
        "action": False,
        "finalite": False,
        "connaissance_but": False,
        "lieux_deplacements": False,
    }
    answers = dict(
        base,
        suspects=[
            {
                "designation": "A",
                "actes_traite": ["heberger"],
                "roles": ["proxenete"],
                "actes_proxenetisme": ["tirer_profit"],
                "connaissait_age": "oui",
                "connaissance_age_elements": ["messages"],
            },
            {"designation": "B", "roles": ["chauffeur"], "connaissait_age": "non"},
        ],
        lieux=[{"type_lieu": "hotel", "designation": "Hôtel fictif"}],
    )
    aid = {a.key: a for a in qualification_aid(answers, spec=spec, now=NOW)}
    assert aid["traite_mineur"].missing == []
    p15 = {e.id: e.documented for e in aid["proxenetisme_mineur_15"].elements}
    assert p15["connaissance_age"] is True
    assert p15["prostitution"] is False  # no client described yet
    assert {e.id for e in aid["proxenetisme_aggrave_mineur"].documented} >= {
        "acte_proxenetisme",
        "pluralite_auteurs",
    }


def test_age_established_only_by_the_minor_is_not_enough_for_traite(spec):
    answers = {
        "victime_date_naissance": "2010-01-01",
        "faits_date_debut": "2026-01-01",
        "victime_age_etabli_par": ["declaration_mineur"],
    }
    traite = next(
        a for a in qualification_aid(answers, spec=spec, now=NOW) if a.key == "traite_mineur"
    )
    assert not {e.id: e.documented for e in traite.elements}["minorite"]


def test_hidden_answers_do_not_count(spec):
    # an answer left in a field that its condition hides must not document anything
    answers = {"sexe_tour": "non", "sexe_tour_villes": "Lyon, Marseille", "lieux": []}
    traite = next(
        a for a in qualification_aid(answers, spec=spec, now=NOW) if a.key == "traite_mineur"
    )
    assert not {e.id: e.documented for e in traite.elements}["lieux_deplacements"]


def test_bad_qualification_data_is_refused(spec, tmp_path):
    text = QUALIFICATIONS_FILE.read_text(encoding="utf-8")
    broken = text.replace('documented_if: "count(lieux) > 0', 'documented_if: "count(lieu) > 0')
    broken = broken.replace("articles: [cp.225-7-1]", "articles: [cp.225-7-2]")
    path = tmp_path / "law_qualifications.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(LawTableError) as info:
        load_qualifications(spec, default_law_table(), path)
    messages = " ".join(p.message for p in info.value.problems)
    assert "« lieu », absent du formulaire" in messages
    assert "« cp.225-7-2 » absent de la table" in messages
