"""The examination's date: after the facts, never in the future."""

from __future__ import annotations

from datetime import datetime

from desktop.core.medical.clock import format_datetime
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import FieldIssue


def check_exam_time(
    exam_at: datetime | None, facts: FactsTime, now: datetime, field: str = "examen_date"
) -> list[FieldIssue]:
    if exam_at is None:
        return [FieldIssue(field, "Indiquez la date et l'heure de l'examen.")]
    if exam_at > now:
        return [
            FieldIssue(
                field,
                f"L'examen ne peut pas être daté dans le futur ({format_datetime(exam_at)} ; "
                f"il est maintenant {format_datetime(now)}).",
            )
        ]
    if facts.known and exam_at < facts.earliest:
        return [
            FieldIssue(
                field,
                f"L'examen ({format_datetime(exam_at)}) ne peut pas avoir eu lieu avant les faits "
                f"({facts.describe()}) : vérifiez les deux dates.",
            )
        ]
    return []
