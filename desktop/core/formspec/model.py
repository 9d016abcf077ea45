"""Frozen dataclasses for a loaded form definition (built only by `loader.load_form`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from desktop.core.formspec.expr import Expr

__all__ = [
    "BODY_VIEWS",
    "CONFIDENTIALITY",
    "Constraints",
    "FIELD_TYPES",
    "FORM_KINDS",
    "Field",
    "FormSpec",
    "Option",
    "SIGNATURE_STATUSES",
    "Step",
    "VALUELESS_TYPES",
    "YES_NO_UNKNOWN",
    "YES_NO_UNKNOWN_LABELS",
]

#: type id -> what it is (French, for `trame forms show` and error hints)
FIELD_TYPES: dict[str, str] = {
    "text": "texte court",
    "long_text": "texte long",
    "verbatim": "paroles du mineur, mot pour mot (entre guillemets)",
    "integer": "nombre entier",
    "date": "date (AAAA-MM-JJ)",
    "time": "heure (HH:MM)",
    "datetime": "date et heure (AAAA-MM-JJTHH:MM)",
    "choice": "choix unique",
    "multi_choice": "choix multiple",
    "yes_no": "case à cocher oui / non",
    "yes_no_unknown": "oui / non / ne sait pas",
    "person_ref": "personne de la procédure",
    "repeat": "groupe répétable",
    "body_markers": "repères sur schéma corporel",
    "signature": "signature et son statut",
    "computed": "valeur calculée (lecture seule)",
    "info": "texte à lire (aucune saisie)",
}

#: types that never hold an answer
VALUELESS_TYPES = frozenset({"computed", "info"})

FORM_KINDS = ("audition", "checklist", "signalement", "evaluation")
CONFIDENTIALITY = ("shareable", "confidential")
YES_NO_UNKNOWN = ("oui", "non", "inconnu")
YES_NO_UNKNOWN_LABELS = {"oui": "Oui", "non": "Non", "inconnu": "Ne sait pas"}
BODY_VIEWS = ("face", "dos", "genital", "anal", "tete")

#: status of a signer under a PV (value["status"] of a `signature` field)
SIGNATURE_STATUSES: dict[str, str] = {
    "signe": "a signé",
    "refuse": "refuse de signer",
    "ne_sait_pas_signer": "déclare ne pas savoir signer",
    "ne_peut_pas_signer": "ne peut pas signer",
    "absent": "absent au moment de la signature",
}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Constraints:
    min: int | float | None = None
    max: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    not_future: bool = False
    after: str | None = None  # id of a field this value must not precede
    format: str | None = None  # 'phone' | 'email' | 'sha256'
    approximate: bool = False  # date: « juin 2026 » (2026-06) or « 2012 » (2012) accepted


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: str
    help: str = ""
    plain: str = ""  # the same thing in words a 13-year-old understands
    prompts: tuple[str, ...] = ()  # what the officer may say (scripts)
    required: bool = False
    required_if: Expr | None = None
    visible_if: Expr | None = None
    constraints: Constraints = Constraints()
    legal_basis: tuple[str, ...] = ()  # keys into the law table
    options: tuple[Option, ...] = ()
    fields: tuple[Field, ...] = ()  # sub-fields of a repeat group
    confidentiality: str | None = None  # 'shareable' | 'confidential' (medical forms)
    compute: Expr | None = None
    unit: str = ""
    person_role: str | None = None  # person_ref: the role of the persons offered
    item_label: str = ""  # repeat: the name of one row (« mis en cause »)
    placeholder: str = ""
    line: int = 0

    @property
    def has_value(self) -> bool:
        return self.type not in VALUELESS_TYPES

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def subfield(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    fields: tuple[Field, ...]
    phase: str = ""
    help: str = ""
    prompts: tuple[str, ...] = ()
    visible_if: Expr | None = None
    legal_basis: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class FormSpec:
    id: str
    version: str
    title: str
    kind: str
    steps: tuple[Step, ...]
    description: str = ""
    store: str = "cases"  # 'cases' | 'medical' (which vault database keeps the record)
    legal_basis: tuple[str, ...] = ()
    source: str = ""  # file it was loaded from
    sha256: str = ""  # of the file's bytes, for audit
    phases: tuple[tuple[str, str], ...] = ()  # (phase id, French label), in order
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for step in self.steps:
            for f in step.fields:
                self._index[f.id] = (f, step)

    def field(self, field_id: str) -> Field:
        """The top-level field `field_id` (KeyError if absent)."""
        return self._index[field_id][0]

    def step_of(self, field_id: str) -> Step:
        return self._index[field_id][1]

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def phase_label(self, phase: str) -> str:
        """The French label of a step phase (the id itself when none is declared)."""
        return dict(self.phases).get(phase, phase)

    def has_field(self, field_id: str) -> bool:
        return field_id in self._index

    @property
    def field_ids(self) -> tuple[str, ...]:
        return tuple(self._index)

    def iter_fields(self) -> Iterator[tuple[str, Field]]:
        """Every field with its path: 'suspects' then 'suspects.nom', depth first."""

        def walk(prefix: str, fields: tuple[Field, ...]):
            for f in fields:
                path = f"{prefix}{f.id}"
                yield path, f
                if f.fields:
                    yield from walk(path + ".", f.fields)

        for step in self.steps:
            yield from walk("", step.fields)

    def field_at(self, path: str) -> Field:
        """A field by dotted path ('suspects.connaissance_age'); KeyError if absent."""
        parts = path.split(".")
        current = self.field(parts[0])
        for part in parts[1:]:
            sub = current.subfield(part)
            if sub is None:
                raise KeyError(path)
            current = sub
        return current
