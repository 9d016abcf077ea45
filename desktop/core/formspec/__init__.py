"""Protocols as data: form definitions (desktop/forms/*.yaml) and the engine that runs them.

API (stable; other packages build on these names):

    from desktop.core.formspec import load_form, load_all, FormRegistry, WizardFlow
    spec = load_form("desktop/forms/audition_mineur.yaml")   # FormSpec or FormSpecError
    forms = load_all()                  # {form_id: FormSpec} from desktop/forms
    registry = FormRegistry(store=session.settings); registry.reload()
        # keeps the last valid version per file (across restarts with a store), and old
        # versions for old records: registry.get("audition_mineur", version=record.form_version)
    flow = WizardFlow(spec, answers, now=datetime.now())      # Qt-free wizard state machine

- `FormSpec(id, version, title, kind, steps, description, store, legal_basis, source, sha256,
  phases)` with `.phase_label(step.phase)`, `.field(id)`, `.step(id)`, `.step_of(field_id)`, `.field_at("suspects.nom")`,
  `.iter_fields()`. `store` says which vault database keeps the record ('cases' or
  'medical'). Records keep `spec.id` and `spec.version` (a str).
- `Step(id, title, fields, phase, help, prompts, visible_if, legal_basis)`.
- `Field(id, type, label, help, plain, prompts, required, required_if, visible_if,
  constraints, legal_basis, options, fields, confidentiality, compute, unit, person_role,
  item_label, placeholder)`. `plain` is the same text in words a 13-year-old understands;
  `prompts` are the officer's scripts; `legal_basis` are keys of the law table
  (desktop/templates/law.yaml, see desktop.core.law); `confidentiality` is 'shareable' (goes
  into the certificat médical initial) or 'confidential' (medical record only).
- Field types (`FIELD_TYPES`): text, long_text, verbatim, integer, date, time, datetime,
  choice, multi_choice, yes_no, yes_no_unknown, person_ref, repeat, body_markers,
  signature, computed, info. The JSON stored for each is described in `validate.py`.
- Answers are a flat dict {field_id: JSON value}; a repeat group's value is a list of
  {sub_field_id: value}. Top-level field ids are unique in a form; a sub-field id is unique
  in its group and never equals a top-level id.
- Conditions and computed values use the small language of `expr.py` (no eval):
  `victime_moins_15_faits and enregistrement == 'impossible'`, `'x' in multi`,
  `age_at(victime_date_naissance, faits_date_debut)`, `hours_between(faits_datetime, now())`.
- `WizardFlow`: visible steps, next / previous / goto, `is_first` / `is_last`,
  `step_state` ('complete' | 'incomplete' | 'not_applicable'), `states()`, `progress()`,
  `errors(step_id, include_required=)` (FieldError: field_id, path, French message, kind,
  step_id), `value`, `is_visible`, `row_visible_fields(group, i)`, `computed()`,
  `missing()`, `is_complete()`, `finish()` (IncompleteForm), `effective_answers()` (what a
  PV may print: hidden answers dropped), `refresh()`.
- `example_answers(spec, seed=, now=)` (in `sample.py`): a complete valid fictional answer
  set, for demos, benchmarks and tests.
- `normalize_input(field, text)` turns typed text into the stored value (French dates
  « 26/11/2026 », « 26 novembre 2026 », times « 14h30 »); `dates.parse_date_fr` and friends
  are the underlying helpers.
"""

from __future__ import annotations

from desktop.core.formspec.dates import (
    format_date_fr,
    parse_date_fr,
    parse_datetime_fr,
    parse_time_fr,
    try_parse_date_fr,
    try_parse_datetime_fr,
    try_parse_time_fr,
)
from desktop.core.formspec.expr import Expr, ExprSyntaxError, parse_expr
from desktop.core.formspec.flow import (
    STEP_STATES,
    VISITED_KEY,
    FieldError,
    IncompleteForm,
    WizardFlow,
)
from desktop.core.formspec.loader import FormSpecError, Problem, load_form, load_form_text
from desktop.core.formspec.model import (
    CONFIDENTIALITY,
    FIELD_TYPES,
    SIGNATURE_STATUSES,
    YES_NO_UNKNOWN,
    YES_NO_UNKNOWN_LABELS,
    Constraints,
    Field,
    FormSpec,
    Option,
    Step,
)
from desktop.core.formspec.registry import FORMS_DIR, FormRegistry, load_all
from desktop.core.formspec.types import TYPES, FieldType
from desktop.core.formspec.validate import check_value, is_empty, normalize_input

__all__ = [
    "CONFIDENTIALITY",
    "Constraints",
    "Expr",
    "ExprSyntaxError",
    "FIELD_TYPES",
    "FieldType",
    "FORMS_DIR",
    "Field",
    "FieldError",
    "FormRegistry",
    "FormSpec",
    "FormSpecError",
    "IncompleteForm",
    "Option",
    "Problem",
    "SIGNATURE_STATUSES",
    "TYPES",
    "STEP_STATES",
    "Step",
    "VISITED_KEY",
    "WizardFlow",
    "YES_NO_UNKNOWN",
    "YES_NO_UNKNOWN_LABELS",
    "check_value",
    "format_date_fr",
    "is_empty",
    "load_all",
    "load_form",
    "load_form_text",
    "normalize_input",
    "parse_date_fr",
    "parse_datetime_fr",
    "parse_expr",
    "parse_time_fr",
    "try_parse_date_fr",
    "try_parse_datetime_fr",
    "try_parse_time_fr",
]
