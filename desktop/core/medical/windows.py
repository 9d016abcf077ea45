"""Time windows counted from the facts, and the alerts they give at a given `now`.

Boundaries: the ideal window is strict ("idéalement < 4 h"); the maximum is inclusive
("au plus tard jusqu'à 48 h": at 48 h 00 it is still open, at 48 h 01 it is closed). Both
come from `Window.ideal_at` / `Window.open_at` (catalog.py), which the UMJ form's computed
fields use too.

Past a window the alert is a warning that says what is still possible: for a sample
« au-delà des délais usuels : prélever si doute » (DOMAIN §4.4), for a treatment its `after`
text and the next window that takes over (levonorgestrel 72 h -> ulipristal acetate or
copper IUD 120 h, HAS fiche mémo contraception d'urgence). Never « nothing to do ».
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
    INFO = "info"  # kept for callers; no window uses it (past a window: WARNING)


LEVELS = {
    Status.IDEAL: Level.CRITICAL,
    Status.CLOSING: Level.CRITICAL,
    Status.OPEN: Level.WARNING,
    Status.UNCERTAIN: Level.WARNING,
    Status.UNKNOWN: Level.WARNING,
    Status.EXPIRED: Level.WARNING,
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


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def _expired_message(
    window: Window, facts: FactsTime, now: datetime, late: timedelta, catalog: Catalog | None
) -> str:
    text = (
        f"{window.label} : délai {'usuel ' if window.is_sample else ''}de "
        f"{hours_label(window.max_hours)} dépassé depuis {format_duration(late)}"
    )
    if window.is_sample:
        return f"{text} ; {window.after_text}"
    text += "."
    if window.after_text:
        text += f" {window.after_text}"
    nxt = (catalog or load_catalog()).window(window.then) if window.then else None
    if nxt is not None:
        _, longest = facts.elapsed(now)
        if nxt.open_at(_hours(longest)):
            until = shift(facts.earliest, timedelta(hours=nxt.max_hours))
            label = nxt.label[0].lower() + nxt.label[1:]
            text += (
                f" Encore possible jusqu'au {format_datetime(until)} "
                f"({nxt.max_hours:g}e{NBSP}heure) : {label}."
            )
    return text


def window_alert(
    window: Window,
    facts: FactsTime,
    now: datetime,
    closing_hours: float = 6,
    catalog: Catalog | None = None,
) -> Alert:
    """The alert of one window at `now` (facts exact, imprecise or unknown)."""
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
    if not window.open_at(_hours(shortest)):
        return Alert(
            window,
            Status.EXPIRED,
            _expired_message(window, facts, now, shortest - maximum, catalog),
            deadline=last_deadline,
            remaining=timedelta(0),
        )
    if not window.open_at(_hours(longest)):
        return Alert(
            window,
            Status.UNCERTAIN,
            f"{label} : délai peut-être dépassé (heure des faits imprécise) ; au plus tard "
            f"le {format_datetime(last_deadline)}. Décider sans attendre.",
            deadline=sure_deadline,
            remaining=between(now, last_deadline),
        )
    remaining = between(now, sure_deadline)
    if window.ideal_at(_hours(longest)):
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
        window_alert(w, facts, now, catalog.closing_hours, catalog)
        for w in catalog.windows
        if not (w.applies_if and context.get(w.applies_if) is False)
    ]
    alerts.sort(
        key=lambda a: (
            _ORDER[a.level],
            a.status is Status.EXPIRED,
            a.remaining if a.remaining is not None else timedelta.max,
        )
    )
    return alerts
