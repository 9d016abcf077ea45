"""Starting a record: the one place where a hearing, a checklist or a fiche is created."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InvalidInput
from desktop.core.formspec import FormSpec
from desktop.core.records.kinds import KINDS, RecordKind

if TYPE_CHECKING:
    from desktop.core.vault import Session


def prefill(spec: FormSpec, sources: dict[str, str], case, person) -> dict[str, Any]:
    """{field id: value} for the fields of `spec` that the case or the person already know
    (see desktop.core.records.kinds for the `sources` notation); empty values left out."""
    out: dict[str, Any] = {}
    for field_id, source in sources.items():
        if not spec.has_field(field_id):
            continue
        root, *path = source.split(".")
        value: Any = {"case": case, "person": person}[root]
        for part in path:
            if value is None:
                break
            value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
        if value not in (None, "", [], {}):
            out[field_id] = value
    return out


def start_record(
    session: Session,
    kind: RecordKind | str,
    case_id: int,
    person_id: int | None = None,
    *,
    form: Callable[[str], FormSpec] | None = None,
    answers: dict[str, Any] | None = None,
) -> int:
    """Create a record of `kind` for a case (and the minor `person_id`), pre-filled from what
    the case knows, `answers` added over the pre-fill, positioned on its first step; all in
    one transaction. Returns the record id.

    `form(form_id)` gives the current definition (default: the process's form registry);
    the record keeps that definition's version for later renderings.

    :raises InvalidInput: unknown case or person.
    :raises PermissionDenied: a medical kind without the medical key.
    :raises ValueError: unknown kind."""
    spec_of_kind = KINDS[RecordKind(kind)]
    if form is None:
        from desktop.core.law import form_registry

        form = form_registry().get
    spec = form(spec_of_kind.form_id)
    case = session.cases.get(case_id)
    if case is None:
        raise InvalidInput("Dossier introuvable.")
    person = session.persons.get(person_id) if person_id is not None else None
    if person_id is not None and (person is None or person.case_id != case_id):
        raise InvalidInput("Cette personne n'appartient pas au dossier.")
    repo = session.medical_records if spec_of_kind.medical else session.records
    values = prefill(spec, spec_of_kind.prefill, case, person)
    values.update(answers or {})
    with repo.s.db.transaction():
        record = repo.create(
            case_id, spec_of_kind.kind.value, spec.id, str(spec.version), person_id
        )
        for field_id, value in values.items():
            repo.set_answer(record.id, field_id, value)
        repo.set_current_step(record.id, spec.steps[0].id)
    return record.id
