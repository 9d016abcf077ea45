"""When the facts happened, as precisely as it is known.

Three cases, each explicit: a known date and time; a known date with the hour unknown
(the whole day is possible); nothing known. Windows are computed from the earliest and
latest possible instants, so an imprecise time never hides an expired window nor closes
one that may still be open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from desktop.core.medical.clock import aware, between, format_date, format_datetime
from desktop.core.medical.validation import FieldIssue


@dataclass(frozen=True)
class FactsTime:
    earliest: datetime | None
    latest: datetime | None

    @classmethod
    def exact(cls, when: datetime, tz: tzinfo | None = None) -> FactsTime:
        when = aware(when, tz)
        return cls(when, when)

    @classmethod
    def day(cls, day: date, tz: tzinfo | None = None) -> FactsTime:
        start = aware(datetime.combine(day, time(0, 0)), tz)
        end = aware(datetime.combine(day, time(23, 59)), tz)
        return cls(start, end)

    @classmethod
    def between(cls, earliest: datetime, latest: datetime, tz: tzinfo | None = None) -> FactsTime:
        a, b = aware(earliest, tz), aware(latest, tz)
        return cls(min(a, b), max(a, b))

    @classmethod
    def unknown(cls) -> FactsTime:
        return cls(None, None)

    @classmethod
    def from_parts(cls, day: str | None, hour: str | None, tz: tzinfo | None = None) -> FactsTime:
        """From ISO strings: date 'YYYY-MM-DD' (or None) and time 'HH:MM' (or None)."""
        if not day:
            return cls.unknown()
        d = date.fromisoformat(day.strip())
        if not hour:
            return cls.day(d, tz)
        t = time.fromisoformat(hour.strip())
        return cls.exact(datetime.combine(d, t), tz)

    @property
    def known(self) -> bool:
        return self.earliest is not None

    @property
    def precise(self) -> bool:
        return self.known and self.earliest == self.latest

    def elapsed(self, now: datetime) -> tuple[timedelta, timedelta] | None:
        """(shortest, longest) possible time since the facts, or None when unknown."""
        if not self.known:
            return None
        return between(self.latest, now), between(self.earliest, now)

    def describe(self) -> str:
        if not self.known:
            return "date et heure des faits inconnues"
        if self.precise:
            return f"faits le {format_datetime(self.earliest)}"
        if self.earliest.date() == self.latest.date():
            return f"faits le {format_date(self.earliest)}, heure inconnue"
        return (
            f"faits entre le {format_datetime(self.earliest)} et le {format_datetime(self.latest)}"
        )

    def check(self, now: datetime, field: str = "faits") -> list[FieldIssue]:
        """Facts cannot be in the future."""
        if self.known and self.earliest > now:
            return [
                FieldIssue(
                    field,
                    f"La date des faits ({format_datetime(self.earliest)}) est dans le futur : "
                    "vérifiez la date et l'heure saisies.",
                )
            ]
        return []
