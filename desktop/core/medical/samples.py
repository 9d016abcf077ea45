"""Medico-legal samples: numbered in order of collection, labelled for the scellés.

DOMAIN §4.4: taken with gloves, identified (site), numbered in order, labelled (victim,
site, date, time), listed in the CMI and the medical file, then sealed by the investigators.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from desktop.core.medical.catalog import Catalog, load_catalog
from desktop.core.medical.clock import aware, format_date, format_datetime, format_time
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldIssue, raise_if

NBSP = "\u00a0"


@dataclass(frozen=True)
class Sample:
    number: int | None
    site: str  # catalog sample site id
    taken_at: datetime | None
    detail: str = ""  # « 2 écouvillons secs », the skin area, the garment…

    def to_dict(self) -> dict:
        return {
            "numero": self.number,
            "site": self.site,
            "preleve_le": self.taken_at.isoformat(timespec="minutes") if self.taken_at else None,
            "precision": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict, tz: tzinfo | None = None) -> Sample:
        taken = data.get("preleve_le")
        number = data.get("numero")
        return cls(
            number=int(number) if number not in (None, "") else None,
            site=str(data.get("site") or ""),
            taken_at=aware(datetime.fromisoformat(taken), tz) if taken else None,
            detail=str(data.get("precision") or ""),
        )


def check_sample(
    sample: Sample,
    others: Sequence[Sample] = (),
    *,
    now: datetime,
    facts: FactsTime | None = None,
    catalog: Catalog | None = None,
) -> list[FieldIssue]:
    catalog = catalog or load_catalog()
    issues: list[FieldIssue] = []
    if sample.number is None or sample.number < 1:
        issues.append(FieldIssue("numero", "Le numéro du prélèvement doit être un entier positif."))
    elif any(o.number == sample.number for o in others):
        issues.append(
            FieldIssue(
                "numero",
                f"Le numéro {sample.number} est déjà utilisé par un autre prélèvement : "
                "chaque scellé doit porter un numéro unique.",
            )
        )
    if not sample.site:
        issues.append(FieldIssue("site", "Indiquez le site du prélèvement."))
    elif catalog.site(sample.site) is None:
        issues.append(FieldIssue("site", f"Site de prélèvement inconnu : « {sample.site} »."))
    if sample.site == "autre" and not sample.detail.strip():
        issues.append(FieldIssue("precision", "Précisez la nature du prélèvement « autre »."))
    if sample.taken_at is None:
        issues.append(FieldIssue("preleve_le", "Indiquez la date et l'heure du prélèvement."))
    elif sample.taken_at > now:
        issues.append(
            FieldIssue(
                "preleve_le",
                f"Le prélèvement ne peut pas être daté dans le futur ({format_datetime(sample.taken_at)}).",
            )
        )
    elif facts is not None and facts.known and sample.taken_at < facts.earliest:
        issues.append(
            FieldIssue(
                "preleve_le",
                f"Le prélèvement ({format_datetime(sample.taken_at)}) ne peut pas précéder les faits "
                f"({facts.describe()}).",
            )
        )
    return issues


def next_number(samples: Iterable[Sample]) -> int:
    return max((s.number or 0 for s in samples), default=0) + 1


def add_sample(
    samples: Sequence[Sample], draft: Sample, *, now: datetime, facts: FactsTime | None = None
) -> list[Sample]:
    sample = draft if draft.number is not None else replace(draft, number=next_number(samples))
    raise_if(check_sample(sample, samples, now=now, facts=facts))
    return [*samples, sample]


def replace_sample(
    samples: Sequence[Sample],
    number: int,
    edited: Sample,
    *,
    now: datetime,
    facts: FactsTime | None = None,
) -> list[Sample]:
    others = [s for s in samples if s.number != number]
    raise_if(check_sample(edited, others, now=now, facts=facts))
    return [edited if s.number == number else s for s in samples]


def remove_sample(samples: Sequence[Sample], number: int) -> list[Sample]:
    return [s for s in samples if s.number != number]


def check_all(
    samples: Sequence[Sample], *, now: datetime, facts: FactsTime | None = None
) -> list[FieldIssue]:
    issues = []
    for i, s in enumerate(samples):
        others = [o for j, o in enumerate(samples) if j != i]
        for issue in check_sample(s, others, now=now, facts=facts):
            issues.append(FieldIssue(f"prelevements.{i}.{issue.field}", issue.message))
    return issues


@dataclass(frozen=True)
class SampleLabel:
    """What is printed on the label stuck on a sample before it is sealed."""

    victim_ref: str
    number: int
    site: str
    date: str
    time: str
    detail: str = ""
    procedure: str = ""

    @property
    def lines(self) -> list[str]:
        lines = [f"Prélèvement n°{NBSP}{self.number}", self.site]
        if self.detail:
            lines.append(self.detail)
        lines += [f"Victime : {self.victim_ref}", f"Le {self.date} à {self.time}"]
        if self.procedure:
            lines.append(f"Procédure : {self.procedure}")
        lines.append("Scellé n° : ____________")
        return lines


def label_for(
    sample: Sample, victim_ref: str, procedure: str = "", catalog: Catalog | None = None
) -> SampleLabel:
    catalog = catalog or load_catalog()
    raise_if(
        []
        if sample.number and sample.taken_at
        else [
            FieldIssue("numero", "Un prélèvement sans numéro ni heure ne peut pas être étiqueté.")
        ]
    )
    return SampleLabel(
        victim_ref=victim_ref,
        number=sample.number,
        site=catalog.site_label(sample.site),
        date=format_date(sample.taken_at),
        time=format_time(sample.taken_at),
        detail=sample.detail,
        procedure=procedure,
    )


def describe_sample(sample: Sample, catalog: Catalog | None = None) -> str:
    """« n° 2 : écouvillon anal (2 écouvillons secs), le 12/03/2026 à 15 h 10 »"""
    catalog = catalog or load_catalog()
    site = catalog.site_label(sample.site)
    text = f"n°{NBSP}{sample.number} : {site[0].lower()}{site[1:]}"
    if sample.detail:
        text += f" ({sample.detail})"
    if sample.taken_at:
        text += f", le {format_datetime(sample.taken_at)}"
    return text


def samples_from_answer(value, tz: tzinfo | None = None) -> list[Sample]:
    return [Sample.from_dict(d, tz) for d in (value or []) if isinstance(d, dict)]


def samples_to_answer(samples: Iterable[Sample]) -> list[dict]:
    return [s.to_dict() for s in samples]
