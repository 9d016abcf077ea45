"""Issue 14: an answer's French text in documents comes from its field type's object in the
registry (desktop.core.formspec.types), not from comparisons of type names in the PV."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.formspec import load_form_text
from desktop.core.formspec.model import FIELD_TYPES
from desktop.core.formspec.types import TYPES, format_value
from desktop.core.pv.answers import form_sections

NBSP = "\u00a0"

FORM = """
id: essai_francais
version: "1"
title: Essai
kind: checklist
steps:
  - id: une
    title: Première étape
    fields:
      - {id: jour, type: date, label: Jour}
      - {id: heure, type: time, label: Heure}
      - {id: dit, type: verbatim, label: Propos}
      - {id: lieux, type: multi_choice, label: Lieux, options: [{value: a, label: UAPED}, {value: b, label: Hôpital}]}
      - {id: note, type: info, label: Information}
      - id: gens
        type: repeat
        label: Présents
        fields:
          - {id: nom, type: text, label: Nom}
          - {id: sig, type: signature, label: Signature}
"""


def test_every_type_of_the_schema_prints_through_its_registry_object():
    assert set(TYPES) == set(FIELD_TYPES)
    assert all(callable(t.french) for t in TYPES.values())
    assert {n for n, t in TYPES.items() if not t.in_documents} == {
        "info",
        "body_markers",
        "signature",
    }


def test_a_type_changed_in_the_registry_changes_the_document():
    spec = load_form_text(FORM)
    answers = {
        "jour": "2026-11-26",
        "heure": "14:30",
        "dit": " il m'a dit « viens » ",
        "lieux": ["a", "b"],
        "gens": [{"nom": "Mme Fictive", "sig": {"status": "signe"}}],
    }
    rows = dict(form_sections(spec, answers)[0].rows)
    assert rows == {
        "Jour": "26/11/2026",
        "Heure": f"14{NBSP}h{NBSP}30",
        "Propos": f"«{NBSP}il m'a dit « viens »{NBSP}»",
        "Lieux": "UAPED, hôpital",
        "Présents": f"–{NBSP}Nom : Mme Fictive",  # the signature is not a written row
    }
    date_type = TYPES["date"]
    try:
        TYPES["date"] = dataclasses.replace(date_type, french=lambda f, v, p, d: "le jour J")
        assert dict(form_sections(spec, answers)[0].rows)["Jour"] == "le jour J"
    finally:
        TYPES["date"] = date_type


@pytest.mark.parametrize(
    ("ftype", "value", "text"),
    [
        ("yes_no", True, "oui"),
        ("yes_no_unknown", "inconnu", "inconnu"),
        ("datetime", "2026-11-26T14:05", f"26/11/2026 à 14{NBSP}h{NBSP}05"),
        ("date", "2026-11", "novembre 2026"),
        ("integer", 3, "3"),
        ("text", "", ""),
    ],
)
def test_format_value_per_type(ftype, value, text):
    spec = load_form_text(
        f"id: t\nversion: '1'\ntitle: T\nkind: checklist\nsteps:\n  - id: s\n    title: S\n    fields:\n"
        f"      - {{id: x, type: {ftype}, label: X}}\n"
    )
    assert format_value(spec.field("x"), value) == text
