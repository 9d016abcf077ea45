"""Qualification aid: which elements of each qualification the answers document, and which
are still to document. Never a verdict: the output says « renseigné » / « à documenter ».

    aids = qualification_aid(answers, now=datetime.now())
    for aid in aids:               # only the qualifications whose `shown_if` holds
        aid.label, aid.citations, aid.penalties, aid.age_unknown
        [e.label for e in aid.missing]      # « éléments à documenter »

The elements and their conditions are data (desktop/templates/law_qualifications.yaml),
evaluated with the form engine's expression language over the effective answers of the
hearing form (hidden fields read as null, computed values such as victime_moins_15_faits
included).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop.core.formspec.expr import Expr, ExprSyntaxError, parse_expr
from desktop.core.formspec.flow import WizardFlow
from desktop.core.formspec.loader import LDict, Problem, load_form, parse_yaml
from desktop.core.formspec.model import FormSpec
from desktop.core.formspec.registry import FORMS_DIR
from desktop.core.law.table import TEMPLATES, LawTable, LawTableError, default_law_table

__all__ = [
    "ElementSpec",
    "ElementStatus",
    "QualificationAid",
    "QualificationSpec",
    "default_qualifications",
    "load_qualifications",
    "qualification_aid",
]

QUALIFICATIONS_FILE = TEMPLATES / "law_qualifications.yaml"


@dataclass(frozen=True)
class ElementSpec:
    id: str
    label: str
    documented_if: Expr
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class QualificationSpec:
    key: str
    label: str
    articles: tuple[str, ...]
    elements: tuple[ElementSpec, ...]
    note: str = ""
    shown_if: Expr | None = None
    unknown_if: Expr | None = None


@dataclass(frozen=True)
class ElementStatus:
    id: str
    label: str
    documented: bool
    fields: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return "renseigné" if self.documented else "à documenter"


@dataclass(frozen=True)
class QualificationAid:
    key: str
    label: str
    citations: tuple[str, ...]  # « article 225-7-1 du code pénal »
    penalties: tuple[str, ...]  # « 20 ans de réclusion criminelle et 3 000 000 € d'amende »
    note: str
    elements: tuple[ElementStatus, ...]
    age_unknown: bool  # shown because the age at the facts is not established yet

    @property
    def documented(self) -> list[ElementStatus]:
        return [e for e in self.elements if e.documented]

    @property
    def missing(self) -> list[ElementStatus]:
        return [e for e in self.elements if not e.documented]

    heading = "Éléments à documenter"


def _expr(checker: list[Problem], file: str, m: LDict, key: str, fields: set[str]) -> Expr | None:
    src = m.get(key)
    if src is None:
        return None
    if not isinstance(src, str):
        checker.append(Problem(file, m.value_line(key), f"« {key} » doit être une condition"))
        return None
    try:
        expr = parse_expr(src)
    except ExprSyntaxError as exc:
        checker.append(
            Problem(
                file,
                m.value_line(key),
                f"condition illisible : {exc.message} (colonne {exc.column})",
            )
        )
        return None
    for name in sorted(expr.refs - fields):
        checker.append(
            Problem(file, m.value_line(key), f"la condition lit « {name} », absent du formulaire")
        )
    return expr


def load_qualifications(
    spec: FormSpec, law: LawTable, path: Path = QUALIFICATIONS_FILE
) -> tuple[QualificationSpec, ...]:
    """Load and check the qualification data against the form and the law table."""
    file = str(path)
    data = parse_yaml(Path(path).read_text(encoding="utf-8"), file)
    problems: list[Problem] = []
    fields = set(spec.field_ids)
    out = []
    if not isinstance(data, LDict) or not isinstance(data.get("qualifications"), list):
        raise LawTableError([Problem(file, 1, "liste « qualifications » attendue")])
    if data.get("form") != spec.id:
        problems.append(
            Problem(file, data.value_line("form"), f"« form » doit valoir « {spec.id} »")
        )
    allowed = {"key", "label", "articles", "note", "shown_if", "unknown_if", "elements"}
    for q in data["qualifications"]:
        if not isinstance(q, LDict):
            problems.append(
                Problem(file, data.value_line("qualifications"), "qualification invalide")
            )
            continue
        for k in q:
            if k not in allowed:
                problems.append(Problem(file, q.key_line(k), f"clé inconnue « {k} »"))
        articles = tuple(q.get("articles") or ())
        for a in articles:
            if a not in law.entries:
                problems.append(
                    Problem(file, q.value_line("articles"), f"article « {a} » absent de la table")
                )
        elements = []
        for e in q.get("elements") or ():
            if not isinstance(e, LDict):
                continue
            for k in e:
                if k not in {"id", "label", "documented_if", "fields"}:
                    problems.append(Problem(file, e.key_line(k), f"clé inconnue « {k} »"))
            cond = _expr(problems, file, e, "documented_if", fields)
            efields = tuple(e.get("fields") or ())
            for f in efields:
                if f not in fields:
                    problems.append(
                        Problem(file, e.value_line("fields"), f"champ « {f} » absent du formulaire")
                    )
            if cond is None:
                if "documented_if" not in e:
                    problems.append(Problem(file, e.line, "« documented_if » manquant"))
                continue
            elements.append(
                ElementSpec(str(e.get("id", "")), str(e.get("label", "")), cond, efields)
            )
        out.append(
            QualificationSpec(
                key=str(q.get("key", "")),
                label=str(q.get("label", "")),
                articles=articles,
                elements=tuple(elements),
                note=str(q.get("note", "") or ""),
                shown_if=_expr(problems, file, q, "shown_if", fields),
                unknown_if=_expr(problems, file, q, "unknown_if", fields),
            )
        )
    if problems:
        raise LawTableError(problems)
    return tuple(out)


@lru_cache(maxsize=1)
def _default() -> tuple[FormSpec, tuple[QualificationSpec, ...]]:
    law = default_law_table()
    spec = load_form(FORMS_DIR / "audition_mineur.yaml", legal_keys=law.keys())
    return spec, load_qualifications(spec, law)


def default_qualifications() -> tuple[QualificationSpec, ...]:
    return _default()[1]


def qualification_aid(
    answers: dict[str, Any],
    *,
    spec: FormSpec | None = None,
    qualifications: tuple[QualificationSpec, ...] | None = None,
    law: LawTable | None = None,
    now: datetime | None = None,
    on: date | None = None,
) -> list[QualificationAid]:
    """The qualifications to look at for these hearing answers, element by element."""
    if spec is None or qualifications is None:
        default_spec, default_quals = _default()
        spec = spec or default_spec
        qualifications = qualifications if qualifications is not None else default_quals
    law = law or default_law_table()
    flow = WizardFlow(spec, answers, now=now)
    when = now or datetime.now()

    def resolve(name: str) -> Any:
        return flow.value(name) if spec.has_field(name) else None

    out = []
    for q in qualifications:
        if q.shown_if is not None and not q.shown_if.test(resolve, when):
            continue
        elements = tuple(
            ElementStatus(e.id, e.label, e.documented_if.test(resolve, when), e.fields)
            for e in q.elements
        )
        citations, penalties = [], []
        for key in q.articles:
            art = law.article(key, on or when.date())
            citations.append(art.citation())
            penalties.extend(p.describe() for p in art.penalties)
        out.append(
            QualificationAid(
                key=q.key,
                label=q.label,
                citations=tuple(citations),
                penalties=tuple(penalties),
                note=q.note,
                elements=elements,
                age_unknown=bool(q.unknown_if is not None and q.unknown_if.test(resolve, when)),
            )
        )
    return out
