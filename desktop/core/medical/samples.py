"""Medico-legal samples: numbered in order of collection, labelled for the scellés.

DOMAIN §4.4: taken with gloves, identified (site), numbered in order, labelled (victim,
site, date, time), listed in the CMI and the medical file, then sealed by the investigators.
A sample is one row of the UMJ form's « prelevements » repeat group (see `to_dict`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo

from desktop.core.medical.catalog import load_catalog
from desktop.core.medical.clock import (
    aware,
    format_date,
    format_datetime,
    format_printed,
    format_time,
)
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldIssue, raise_if

NBSP = "\u00a0"
Labels = Mapping[str, Mapping[str, str]]  # sub-field id -> option value -> label


@dataclass(frozen=True)
class Sample:
    number: int | None
    site: str  # option value of « prelevements.site »
    taken_at: datetime | None
    nature: str = ""  # ecouvillon_sec, tube, flacon, enveloppe_kraft, autre
    purpose: str = ""  # adn, toxicologie, autre
    seal_number: str = ""  # scellé n°, written by the investigators
    handed_to: str = ""  # name of the receiving officer
    collected_by: str = ""  # who took it (name, quality)
    kept: str = ""  # option of « conservation »: refrigere, tube_fluore_froid…
    handed_quality: str = ""  # grade, OPJ / APJ
    handed_service: str = ""
    handed_at: datetime | None = None

    def to_dict(self) -> dict:
        """One row of the form's repeat group; datetimes as local 'YYYY-MM-DDTHH:MM'."""
        row: dict = {"numero": self.number, "site": self.site or None}
        for key, when in (("recueilli_le", self.taken_at), ("remis_le", self.handed_at)):
            if when is not None:
                row[key] = when.replace(tzinfo=None).isoformat(timespec="minutes")  # wall time
        for key, value in (
            ("nature", self.nature),
            ("finalite", self.purpose),
            ("scelle_numero", self.seal_number),
            ("remis_a", self.handed_to),
            ("recueilli_par", self.collected_by),
            ("conservation", self.kept),
            ("remis_a_qualite", self.handed_quality),
            ("remis_a_service", self.handed_service),
        ):
            if value:
                row[key] = value
        return {k: v for k, v in row.items() if v is not None}

    @classmethod
    def from_dict(cls, data: Mapping, tz: tzinfo | None = None) -> Sample:
        taken = data.get("recueilli_le")
        handed = data.get("remis_le")
        number = data.get("numero")
        return cls(
            number=int(number) if number not in (None, "") else None,
            site=str(data.get("site") or ""),
            taken_at=aware(datetime.fromisoformat(taken), tz) if taken else None,
            nature=str(data.get("nature") or ""),
            purpose=str(data.get("finalite") or ""),
            seal_number=str(data.get("scelle_numero") or ""),
            handed_to=str(data.get("remis_a") or ""),
            collected_by=str(data.get("recueilli_par") or ""),
            kept=str(data.get("conservation") or ""),
            handed_quality=str(data.get("remis_a_qualite") or ""),
            handed_service=str(data.get("remis_a_service") or ""),
            handed_at=aware(datetime.fromisoformat(handed), tz) if handed else None,
        )

    @property
    def handed_over(self) -> bool:
        """Handed to a named officer at a known time (the bordereau can list it)."""
        return bool(self.handed_to and self.handed_at)


def site_label(site: str, labels: Labels | None = None) -> str:
    if labels and site in labels.get("site", {}):
        return labels["site"][site]
    return load_catalog().site_label(site)


def _label(labels: Labels | None, field: str, value: str) -> str:
    if labels and value in labels.get(field, {}):
        return labels[field][value]
    return value


def check_sample(
    sample: Sample,
    others: Sequence[Sample] = (),
    *,
    now: datetime,
    facts: FactsTime | None = None,
    sites: Iterable[str] | None = None,
) -> list[FieldIssue]:
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
    known = set(sites) if sites is not None else {s.id for s in load_catalog().sample_sites}
    if not sample.site:
        issues.append(FieldIssue("site", "Indiquez le site du prélèvement."))
    elif sample.site not in known:
        issues.append(FieldIssue("site", f"Site de prélèvement inconnu : « {sample.site} »."))
    if sample.taken_at is None:
        issues.append(FieldIssue("recueilli_le", "Indiquez la date et l'heure du prélèvement."))
    elif sample.taken_at > now:
        issues.append(
            FieldIssue(
                "recueilli_le",
                "Le prélèvement ne peut pas être daté dans le futur "
                f"({format_datetime(sample.taken_at)}).",
            )
        )
    elif sample.handed_at is not None and sample.handed_at < sample.taken_at:
        issues.append(
            FieldIssue(
                "remis_le",
                f"La remise ({format_datetime(sample.handed_at)}) ne peut pas précéder le recueil "
                f"({format_datetime(sample.taken_at)}).",
            )
        )
    elif facts is not None and facts.known and sample.taken_at < facts.earliest:
        issues.append(
            FieldIssue(
                "recueilli_le",
                f"Le prélèvement ({format_datetime(sample.taken_at)}) ne peut pas précéder les faits "
                f"({facts.describe()}).",
            )
        )
    return issues


def next_number(samples: Iterable[Sample]) -> int:
    return max((s.number or 0 for s in samples), default=0) + 1


def add_sample(
    samples: Sequence[Sample],
    draft: Sample,
    *,
    now: datetime,
    facts: FactsTime | None = None,
    sites: Iterable[str] | None = None,
) -> list[Sample]:
    sample = draft if draft.number is not None else replace(draft, number=next_number(samples))
    raise_if(check_sample(sample, samples, now=now, facts=facts, sites=sites))
    return [*samples, sample]


def remove_sample(samples: Sequence[Sample], number: int) -> list[Sample]:
    return [s for s in samples if s.number != number]


def check_all(
    samples: Sequence[Sample],
    *,
    now: datetime,
    facts: FactsTime | None = None,
    sites: Iterable[str] | None = None,
) -> list[FieldIssue]:
    """Issues of every row, as 'prelevements.<row>.<field>' (row numbers from 1)."""
    issues = []
    for i, s in enumerate(samples):
        others = [o for j, o in enumerate(samples) if j != i]
        for issue in check_sample(s, others, now=now, facts=facts, sites=sites):
            issues.append(FieldIssue(f"prelevements.{i + 1}.{issue.field}", issue.message))
    return issues


@dataclass(frozen=True)
class SampleLabel:
    """What is printed on the label stuck on a sample before it is sealed."""

    victim_ref: str
    number: int
    site: str
    date: str
    time: str
    nature: str = ""
    procedure: str = ""

    @property
    def lines(self) -> list[str]:
        lines = [f"Prélèvement n°{NBSP}{self.number}", f"Site : {self.site}"]
        if self.nature:
            lines.append(self.nature)
        lines += [f"Victime : {self.victim_ref}", f"Le {self.date} à {self.time}"]
        if self.procedure:
            lines.append(f"Procédure : {self.procedure}")
        lines.append("Scellé n° : ____________")
        return lines


def label_for(
    sample: Sample, victim_ref: str, procedure: str = "", labels: Labels | None = None
) -> SampleLabel:
    if not (sample.number and sample.taken_at):
        raise_if(
            [FieldIssue("numero", "Un prélèvement sans numéro ni heure ne peut pas être étiqueté.")]
        )
    return SampleLabel(
        victim_ref=victim_ref,
        number=sample.number,
        site=site_label(sample.site, labels),
        date=format_date(sample.taken_at),
        time=format_time(sample.taken_at),
        nature=_label(labels, "nature", sample.nature) if sample.nature else "",
        procedure=procedure,
    )


def describe_sample(sample: Sample, labels: Labels | None = None) -> str:
    """« n° 2 : site anal, écouvillon sec (doublé), recueilli le 12/03/2026 à 15 h 10 »"""
    text = f"n°{NBSP}{sample.number} : site {site_label(sample.site, labels).lower()}"
    if sample.nature:
        nature = _label(labels, "nature", sample.nature)
        text += f", {nature[0].lower()}{nature[1:]}"
    if sample.taken_at:
        text += f", recueilli le {format_printed(sample.taken_at)}"
    if sample.collected_by:
        text += f" par {sample.collected_by}"
    if sample.purpose:
        purpose = _label(labels, "finalite", sample.purpose)
        text += f" ({purpose[0].lower()}{purpose[1:]})"
    if sample.kept:
        kept = _label(labels, "conservation", sample.kept)
        text += f", conservation : {kept[0].lower()}{kept[1:]}"
    if sample.handed_over:
        text += f" ; remis le {format_printed(sample.handed_at)} à {handed_words(sample)}"
    if sample.seal_number:
        text += f", scellé n°{NBSP}{sample.seal_number}"
    return text


def handed_words(sample: Sample) -> str:
    """« Camille DURAND, capitaine de police OPJ, BPM de Valmont »"""
    return ", ".join(
        x for x in (sample.handed_to, sample.handed_quality, sample.handed_service) if x
    )


def samples_from_answer(value, tz: tzinfo | None = None) -> list[Sample]:
    return [Sample.from_dict(d, tz) for d in (value or []) if isinstance(d, dict)]


def samples_to_answer(samples: Iterable[Sample]) -> list[dict]:
    return [s.to_dict() for s in samples]
