"""Time helpers for the medical checklists: an injectable clock and French formatting.

Every computation that depends on "now" takes it as an argument (or a `Clock`), so that
alerts can be tested at a fixed instant. Datetimes are timezone-aware; a naive datetime is
read as a wall time of the service's time zone (or of `tz` when given).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

NBSP = "\u00a0"

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real clock: aware, in the service's time zone (never the machine's own)."""
    from desktop.core.servicetime import service_now

    return service_now()


def fixed_clock(instant: datetime) -> Clock:
    """A clock frozen at `instant` (tests, screenshots)."""
    fixed = aware(instant)
    return lambda: fixed


def aware(value: datetime, tz: tzinfo | None = None) -> datetime:
    """Attach a timezone to a naive local datetime; aware values are returned unchanged."""
    if value.tzinfo is not None:
        return value
    if tz is not None:
        return value.replace(tzinfo=tz)
    from desktop.core.servicetime import service_zone

    return value.replace(tzinfo=service_zone())  # a typed wall time is the service's


def parse_datetime(text: str, tz: tzinfo | None = None) -> datetime:
    """ISO 'YYYY-MM-DDTHH:MM[:SS]' (or with a space) -> aware datetime."""
    return aware(datetime.fromisoformat(text.strip().replace(" ", "T", 1)), tz)


def format_duration(delta: timedelta) -> str:
    """'47 h 59 min', '3 j 2 h', '12 min' with no-break spaces; negative values as positive."""
    seconds = abs(delta).total_seconds()
    if 0 < seconds < 60:
        return f"moins d'1{NBSP}min"
    minutes = int(seconds // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days >= 3:
        parts = [f"{days}{NBSP}j"] + ([f"{hours}{NBSP}h"] if hours else [])
        return NBSP.join(parts)
    hours += days * 24
    if hours == 0:
        return f"{mins}{NBSP}min"
    if mins == 0:
        return f"{hours}{NBSP}h"
    return f"{hours}{NBSP}h{NBSP}{mins:02d}{NBSP}min"


def format_datetime(value: datetime) -> str:
    """'12/03/2026 à 14 h 05' in the value's own timezone."""
    return f"{value:%d/%m/%Y} à {format_time(value)}"


def format_printed(value: datetime) -> str:
    """format_datetime() followed by the service's zone when it is not Paris, for the times a
    document prints (« 11/03/2026 à 16 h 00 (heure de la Guyane, fuseau America/Cayenne) »)."""
    from desktop.core.servicetime import zone_suffix

    return format_datetime(value) + zone_suffix()


def format_time(value: datetime) -> str:
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def format_date(value: datetime) -> str:
    return f"{value:%d/%m/%Y}"


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


def between(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end`. Python subtracts two datetimes sharing a tzinfo as
    wall-clock times, ignoring a daylight-saving change between them: go through UTC."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def shift(value: datetime, delta: timedelta) -> datetime:
    """`value` + real time `delta`, shown in `value`'s timezone (DST-safe, see `between`)."""
    return (value.astimezone(UTC) + delta).astimezone(value.tzinfo)
