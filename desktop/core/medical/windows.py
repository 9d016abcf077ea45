"""Time windows counted from the facts, and the alerts they give at a given `now`.

Boundaries: the ideal window is strict ("idéalement < 4 h"); the maximum is inclusive
("au plus tard jusqu'à 48 h": at 48 h 00 it is still open, at 48 h 01 it is closed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desktop.core.medical.catalog import Catalog, Window, load_catalog
from desktop.core.medical.clock import NBSP, between, format_datetime, format_duration, shift
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.validation import raise_if


class Status(StrEnum):
    UNKNOWN = "inconnu"  # facts time unknown: no count possible
    IDEAL = "idéal"  # inside the ideal window
    OPEN = "ouvert"  # past the ideal, before the maximum
    CLOSING = "bientôt fermé"  # less than `closing_hours` left
    UNCERTAIN = "incertain"  # imprecise facts time: maybe past the maximum
    EXPIRED = "dépassé"


class Level(StrEnum):
    CRITICAL = "critique"  # act now
    WARNING = "attention"
    INFO = "info"  # nothing left to do in time


LEVELS = {
    Status.IDEAL: Level.CRITICAL,
    Status.CLOSING: Level.CRITICAL,
    Status.OPEN: Level.WARNING,
    Status.UNCERTAIN: Level.WARNING,
    Status.UNKNOWN: Level.WARNING,
    Status.EXPIRED: Level.INFO,
}


@dataclass(frozen=True)
class Alert:
    window: Window
    status: Status
    message: str
    deadline: datetime | None = None  # latest instant the window is surely open
    remaining: timedelta | None = None

    @property
    def level(self) -> Level:
        return LEVELS[self.status]

    @property
    def label(self) -> str:
        return self.window.label


def hours_label(value: float) -> str:
    if value >= 96 and value % 24 == 0:
        return f"{int(value // 24)}{NBSP}jours"
    return f"{value:g}{NBSP}h"


def window_alert(
    window: Window, facts: FactsTime, now: datetime, closing_hours: float = 6
) -> Alert:
    label = window.label
    maximum = timedelta(hours=window.max_hours)
    if not facts.known:
        return Alert(
            window,
            Status.UNKNOWN,
            f"{label} : heure des faits inconnue, le délai (au plus {hours_label(window.max_hours)})"
            " ne peut pas être calculé. Décider sans attendre.",
        )
    shortest, longest = facts.elapsed(now)
    sure_deadline = shift(facts.earliest, maximum)  # open for sure until then
    last_deadline = shift(facts.latest, maximum)  # surely closed after that
    if shortest > maximum:
        return Alert(
            window,
            Status.EXPIRED,
            f"{label} : délai de {hours_label(window.max_hours)} dépassé depuis "
            f"{format_duration(shortest - maximum)}.",
            deadline=last_deadline,
            remaining=timedelta(0),
        )
    if longest > maximum:
        return Alert(
            window,
            Status.UNCERTAIN,
            f"{label} : délai peut-être dépassé (heure des faits imprécise) ; au plus tard "
            f"le {format_datetime(last_deadline)}. Décider sans attendre.",
            deadline=sure_deadline,
            remaining=between(now, last_deadline),
        )
    remaining = between(now, sure_deadline)
    if window.ideal_hours is not None and longest < timedelta(hours=window.ideal_hours):
        ideal_left = between(now, shift(facts.earliest, timedelta(hours=window.ideal_hours)))
        return Alert(
            window,
            Status.IDEAL,
            f"{label} : délai idéal (< {hours_label(window.ideal_hours)}) encore "
            f"{format_duration(ideal_left)} ; au plus tard le {format_datetime(sure_deadline)}.",
            deadline=sure_deadline,
            remaining=remaining,
        )
    if remaining < timedelta(hours=closing_hours):
        return Alert(
            window,
            Status.CLOSING,
            f"{label} : le délai se ferme dans {format_duration(remaining)} "
            f"(le {format_datetime(sure_deadline)}).",
            deadline=sure_deadline,
            remaining=remaining,
        )
    return Alert(
        window,
        Status.OPEN,
        f"{label} : possible jusqu'au {format_datetime(sure_deadline)} "
        f"(encore {format_duration(remaining)}).",
        deadline=sure_deadline,
        remaining=remaining,
    )


_ORDER = {Level.CRITICAL: 0, Level.WARNING: 1, Level.INFO: 2}


def compute_alerts(
    facts: FactsTime,
    now: datetime,
    context: Mapping[str, bool | None] | None = None,
    catalog: Catalog | None = None,
) -> list[Alert]:
    """Alerts for every window that applies, most urgent first.

    `context` maps a window's `applies_if` key (exposition, grossesse_possible,
    contact_buccal…) to True, False or None (unknown). A window is left out only when its
    key is False: when in doubt, it is shown. Facts in the future raise a FieldError.
    """
    catalog = catalog or load_catalog()
    raise_if(facts.check(now))
    context = context or {}
    alerts = [
        window_alert(w, facts, now, catalog.closing_hours)
        for w in catalog.windows
        if not (w.applies_if and context.get(w.applies_if) is False)
    ]
    alerts.sort(key=lambda a: (_ORDER[a.level], a.remaining or timedelta.max))
    return alerts
