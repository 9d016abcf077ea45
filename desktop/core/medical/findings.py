"""The shareable findings of a UMJ record: what may leave medical secrecy (the CMI), pure.

A field goes into the CMI only if the form marks it `confidentiality: shareable`; a field
with no mark is treated as confidential. Hidden fields (their condition is false) are left
out, computed values are computed. The CMI itself is built and sealed by the doctors' use
case, desktop.core.documents.medical.cmi.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from desktop.core.formspec.flow import WizardFlow
from desktop.core.formspec.model import FormSpec
from desktop.core.medical import umj

SHAREABLE = "shareable"


def shareable_ids(spec: FormSpec) -> tuple[str, ...]:
    """Top-level fields marked shareable (a repeat group marked shareable: all its rows)."""
    return tuple(f.id for step in spec.steps for f in step.fields if f.confidentiality == SHAREABLE)


def _naive_local(now: datetime) -> datetime:
    return now.replace(tzinfo=None) if now.tzinfo else now


def shareable_findings(spec: FormSpec, answers: Mapping, now: datetime) -> dict[str, Any]:
    """{field id: effective value} for the shareable, visible, non-empty fields."""
    flow = WizardFlow(spec, dict(answers), now=_naive_local(now))
    effective = flow.effective_answers()
    allowed = set(shareable_ids(spec))
    return {k: v for k, v in effective.items() if k in allowed and v not in (None, "", [])}


def missing_shareable(spec: FormSpec, answers: Mapping, now: datetime) -> list[str]:
    """French messages for the required shareable fields still empty or invalid."""
    flow = WizardFlow(spec, dict(answers), now=_naive_local(now))
    allowed = set(shareable_ids(spec))
    return [e.message for e in flow.missing() if e.field_id in allowed]


def option_labels(spec: FormSpec, path: str) -> dict[str, str]:
    try:
        return {o.value: o.label for o in spec.field_at(path).options}
    except KeyError:
        return {}


def sample_labels(spec: FormSpec) -> dict[str, dict[str, str]]:
    return {
        sub: option_labels(spec, f"{umj.SAMPLES}.{sub}")
        for sub in ("site", "nature", "finalite", "conservation")
    }


def development_words(spec: FormSpec, f: Mapping[str, Any]) -> str:
    """« Développement pubertaire : stade 3 de Tanner. Âge apparent : 13 à 14 ans. »"""
    parts = []
    stage = f.get("stade_pubertaire")
    if stage and stage != "non_evalue":
        label = option_labels(spec, "stade_pubertaire").get(stage, stage)
        parts.append(f"Développement pubertaire (Tanner) : {label[0].lower()}{label[1:]}.")
    if f.get("age_apparent"):
        parts.append(f"Âge apparent : {str(f['age_apparent']).strip().rstrip('.')}.")
    return " ".join(parts)


def photographs_words(f: Mapping[str, Any]) -> str:
    """« 6 photographies ont été prises avec l'accord du mineur (support : …, conservées : …). »"""
    if f.get("photographies") is not True:
        return ""
    n = f.get("photographies_nombre")
    if isinstance(n, int) and n > 0:
        text = f"{n} photographie{'s' if n > 1 else ''} {'ont' if n > 1 else 'a'} été prise"
        text += f"{'s' if n > 1 else ''} avec l'accord du mineur"
    else:
        text = "Des photographies ont été prises avec l'accord du mineur"
    details = [
        f"{label} : {str(f[key]).strip().rstrip('.')}"
        for key, label in (
            ("photographies_support", "support"),
            ("photographies_conservation", "conservation"),
        )
        if f.get(key)
    ]
    if details:
        text += f" ({' ; '.join(details)})"
    return text + "."
