"""Property-based tests: random answers never crash the flow, random edits never crash the
loader, and a complete valid answer set always validates.

Example counts stay CI-sized (150 per form, 300 otherwise: about 1,800 examples in all);
TRAME_TORTURE=1 multiplies them by 15 (tens of thousands) and lets hypothesis explore
beyond its derandomized CI sequence."""

from __future__ import annotations

import os
import string
from datetime import datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.errors import InvalidInput
from desktop.core.formspec import (
    FORMS_DIR,
    ExprSyntaxError,
    FormSpecError,
    IncompleteForm,
    WizardFlow,
    load_form,
    load_form_text,
    parse_date_fr,
    parse_expr,
)
from desktop.core.formspec.sample import example_answers
from desktop.core.law import default_law_keys
from desktop.core.law.qualification import qualification_aid

TORTURE = os.environ.get("TRAME_TORTURE") == "1"


def n(examples: int) -> int:
    return examples * 15 if TORTURE else examples


COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=not TORTURE)
SPECS = {p.stem: load_form(p) for p in sorted(FORMS_DIR.glob("*.yaml"))}
LAW_KEYS = default_law_keys()
BASE_NOW = datetime(2026, 11, 26, 15, 0)

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
)
json_values = (
    json_scalars
    | st.lists(json_scalars, max_size=4)
    | st.dictionaries(st.text(max_size=8), json_scalars, max_size=4)
)
plausible = st.sampled_from(
    [
        "oui",
        "non",
        "inconnu",
        "impossible",
        "2026-11-26",
        "2012-02-29",
        "2026-13-01",
        "2026-11-26T10:00",
        "10:00",
        "25:99",
        "06 12 34 56 78",
        True,
        False,
        0,
        -1,
        [],
        {},
        {"status": "signe"},
        [{"view": "face", "x": 0.5, "y": 2}],
    ]
)


def answers_for(spec):
    ids = list(spec.field_ids)
    sub_ids = [p.split(".")[-1] for p, _ in spec.iter_fields() if "." in p]
    row = st.dictionaries(st.sampled_from(sub_ids or ["x"]), plausible | json_values, max_size=6)
    value = plausible | json_values | st.lists(row, max_size=4)
    return st.dictionaries(st.sampled_from(ids), value, max_size=12)


def exercise(spec, answers, now):
    flow = WizardFlow(spec, answers, now=now)
    for step in spec.steps:
        state = flow.step_state(step.id)
        assert state in ("complete", "incomplete", "not_applicable")
        flow.visible_fields(step.id)
    missing = flow.missing()
    for e in missing:
        assert isinstance(e.message, str) and e.message
        assert spec.has_field(e.field_id)
    assert flow.is_complete() == (not missing)
    flow.computed()
    flow.effective_answers()
    for _ in range(len(spec.steps) + 1):
        if flow.next() is None:
            break
    while flow.previous() is not None:
        pass
    try:
        flow.finish()
    except IncompleteForm as exc:
        assert exc.missing
    return flow


@pytest.mark.parametrize("form_id", sorted(SPECS))
@settings(max_examples=n(150), **COMMON)
@given(data=st.data())
def test_random_answers_never_crash_the_flow(form_id, data):
    spec = SPECS[form_id]
    answers = data.draw(answers_for(spec))
    now = BASE_NOW + timedelta(minutes=data.draw(st.integers(-(10**6), 10**6)))
    exercise(spec, answers, now)
    if form_id == "audition_mineur":
        for aid in qualification_aid(answers, spec=spec, now=now):
            assert aid.elements


@pytest.mark.parametrize("form_id", sorted(SPECS))
@settings(max_examples=n(150), **COMMON)
@given(seed=st.integers(0, 2**32), minutes=st.integers(0, 10**7))
def test_complete_valid_answers_always_validate(form_id, seed, minutes):
    spec = SPECS[form_id]
    now = datetime(2010, 1, 1) + timedelta(minutes=minutes)
    answers = example_answers(spec, seed=seed, now=now)
    flow = exercise(spec, answers, now)
    assert flow.missing() == [], [e.message for e in flow.missing()]
    # and it stays valid once stored and read back as JSON
    import json

    assert WizardFlow(spec, json.loads(json.dumps(answers)), now=now).is_complete()


@settings(max_examples=n(300), **COMMON)
@given(data=st.data())
def test_one_broken_answer_is_reported_on_its_own_field(data):
    spec = SPECS["audition_mineur"]
    answers = example_answers(spec, seed=data.draw(st.integers(0, 10**6)), now=BASE_NOW)
    flow = WizardFlow(spec, answers, now=BASE_NOW)
    visible = [
        f.id
        for s in flow.visible_steps()
        for f in flow.visible_fields(s.id)
        if f.has_value and f.type not in ("text", "long_text", "verbatim")
    ]
    target = data.draw(st.sampled_from(visible))
    broken = dict(answers, **{target: {"pas": "valide"}})
    errors = WizardFlow(spec, broken, now=BASE_NOW).missing()
    assert errors and {e.field_id for e in errors} >= {target}


SMALL = (FORMS_DIR / "checklist_uaped.yaml").read_text(encoding="utf-8")
LINES = SMALL.splitlines()


@st.composite
def mutated_definition(draw):
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(["delete", "duplicate", "indent", "dedent", "char", "swap", "key"])
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i][2:]
        elif op == "char" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            ch = draw(st.sampled_from(list(string.printable) + ["«", "é", "\t"]))
            lines[i] = lines[i][:j] + ch + lines[i][j + 1 :]
        elif op == "swap":
            k = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[k] = lines[k], lines[i]
        elif op == "key":
            lines[i] = lines[i].replace("visible_if", "visible_iff").replace("label", "lable")
        if not lines:
            lines = ["id: x"]
    return "\n".join(lines)


@settings(max_examples=n(300), **COMMON)
@given(text=mutated_definition())
def test_edited_definitions_load_or_fail_cleanly(text):
    try:
        spec = load_form_text(text, "essai.yaml", legal_keys=LAW_KEYS)
    except FormSpecError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == "essai.yaml"
            assert 0 <= p.line <= len(text.splitlines()) + 1, str(p)
            assert p.message
    else:
        exercise(spec, example_answers(spec, seed=1, now=BASE_NOW), BASE_NOW)


yaml_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "version",
                    "title",
                    "kind",
                    "steps",
                    "fields",
                    "type",
                    "label",
                    "options",
                    "visible_if",
                    "required",
                    "constraints",
                    "compute",
                    "x",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=n(300), **COMMON)
@given(tree=yaml_like)
def test_random_structures_load_or_fail_cleanly(tree):
    import yaml

    text = yaml.safe_dump(tree, allow_unicode=True)
    try:
        load_form_text(text, "aleatoire.yaml", legal_keys=LAW_KEYS)
    except FormSpecError as exc:
        assert exc.problems


@settings(max_examples=n(500), **COMMON)
@given(
    src=st.text(alphabet=string.ascii_letters + string.digits + " _'\"()[],.<>=!+-", max_size=40)
)
def test_expressions_parse_or_fail_cleanly(src):
    try:
        expr = parse_expr(src)
    except ExprSyntaxError as exc:
        assert 1 <= exc.column <= len(src) + 1
    else:
        expr.evaluate(lambda name: None, BASE_NOW)
        expr.evaluate(lambda name: [1, "a", None], BASE_NOW)
        expr.evaluate(lambda name: {"x": 1}, BASE_NOW)


@settings(max_examples=n(500), **COMMON)
@given(
    text=st.text(max_size=30)
    | st.from_regex(r"\d{1,2}[/.\- ]\d{1,2}[/.\- ]\d{2,4}", fullmatch=True)
)
def test_date_parser_never_raises_anything_else(text):
    try:
        parse_date_fr(text)
    except InvalidInput as exc:
        assert exc.message
