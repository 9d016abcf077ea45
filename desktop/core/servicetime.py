"""The service's time zone: ONE place that decides how every printed date and time reads.

A PV, a CMI, a UAPED report, a fiche, a bordereau and the seal's stamp print the wall time of
the service (default Europe/Paris; an overseas service chooses its own, e.g.
Indian/Reunion), whatever the machine's own zone (a laptop left in UTC, a server in another
zone). The zone is a vault setting (`SETTING_KEY`), applied when a session opens
(desktop.core.vault.vault.Session); documents name it when it is not Paris.

    service_zone()          -> ZoneInfo of the service
    service_now()           -> aware "now" in the service zone
    service_time(value)     -> aware datetime in the service zone (naive = service wall time)
    wall(value)             -> naive wall time in the service zone (what documents print)
    to_local("…Z")          -> naive wall time of an ISO timestamp (the vault's UTC times)
    zone_mention()          -> "heure de Paris", "heure de La Réunion, fuseau Indian/Reunion"
    shown_time(value)       -> "14:05:09" in the service zone (« Enregistré à », tables)
    shown_datetime(value)   -> "30/11/2026 à 14:05" in the service zone (screens' date-times)
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from desktop.core.errors import InvalidInput

DEFAULT_ZONE = "Europe/Paris"
SETTING_KEY = "fuseau_horaire_service"
#: French names of the zones of French services (others are named by their IANA id)
ZONE_NAMES = {
    "Europe/Paris": "Paris",
    "Indian/Reunion": "La Réunion",
    "Indian/Mayotte": "Mayotte",
    "America/Guadeloupe": "la Guadeloupe",
    "America/Martinique": "la Martinique",
    "America/Cayenne": "la Guyane",
    "America/Miquelon": "Saint-Pierre-et-Miquelon",
    "Pacific/Noumea": "Nouméa",
    "Pacific/Tahiti": "Tahiti",
    "Pacific/Wallis": "Wallis-et-Futuna",
}

_current = {"name": DEFAULT_ZONE}  # process-wide, like a locale: set from the vault setting


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def check_zone(name: str) -> str:
    """The IANA name if this machine knows it; InvalidInput (French) otherwise."""
    text = (name or "").strip()
    try:
        _zone(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"Fuseau horaire inconnu : « {text} ». Indiquez un nom IANA comme « Europe/Paris » "
            "ou « Indian/Reunion »."
        ) from None
    return text


def set_service_zone(name: str | None) -> None:
    """Use `name` (IANA) for every printed time of this process; None or "" -> Paris."""
    _current["name"] = check_zone(name) if name else DEFAULT_ZONE


def apply_setting(session) -> None:
    """Apply the vault's setting (called when a session opens); a bad value keeps Paris."""
    try:
        set_service_zone(session.settings.get(SETTING_KEY))
    except InvalidInput:
        set_service_zone(None)


def save_setting(session, name: str) -> None:
    """Store the service zone in the vault (audited as a settings change) and apply it."""
    session.settings.set(SETTING_KEY, check_zone(name))
    set_service_zone(name)


def service_zone_name() -> str:
    """The IANA name of the service's zone ("Europe/Paris" unless set)."""
    return _current["name"]


def service_zone() -> ZoneInfo:
    """The service's zone as a tzinfo."""
    return _zone(_current["name"])


def service_now() -> datetime:
    """Now, aware, in the service's zone (the machine's own zone is never used)."""
    return datetime.now(UTC).astimezone(service_zone())


def service_time(value: datetime) -> datetime:
    """Aware `value` converted to the service zone; a naive `value` is a service wall time."""
    if value.tzinfo is None:
        return value.replace(tzinfo=service_zone())
    return value.astimezone(service_zone())


def wall(value: datetime | None = None) -> datetime:
    """The naive wall time printed on documents (now when `value` is None)."""
    return service_time(value or service_now()).replace(tzinfo=None)


def shown_time(value: datetime | None = None, seconds: bool = True) -> str:
    """« 14:05:09 » (or « 14:05 ») of `value` (now when None) in the service zone: every time
    a screen shows, so that « Enregistré à », the transcript and the administration tables
    read the same clock as the documents (a naive `value` is already a service wall time)."""
    return wall(value).strftime("%H:%M:%S" if seconds else "%H:%M")


def shown_datetime(value: datetime | None, seconds: bool = False, time: bool = True) -> str:
    """« 30/11/2026 à 14:05[:09] » (or « 30/11/2026 » when not `time`) in the service zone;
    « — » when `value` is None (unknown)."""
    if value is None:
        return "—"
    day = wall(value).strftime("%d/%m/%Y")
    return f"{day} à {shown_time(value, seconds)}" if time else day


def parse_iso(value: str) -> datetime:
    """An ISO 8601 text as a datetime ("Z" accepted for UTC); ValueError if malformed."""
    text = value.strip()
    return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)


def to_local(value: str | datetime, zone: str | None = None) -> datetime:
    """An ISO timestamp or datetime (UTC "Z" from the vault, or naive local) as a naive wall
    time of the service's zone; `zone` forces another IANA zone (ignored if unknown). A naive
    value is already a wall time and is returned as is. ValueError for a malformed text."""
    dt = value if isinstance(value, datetime) else parse_iso(value)
    if dt.tzinfo is None:
        return dt
    try:
        tz = _zone(zone) if zone else service_zone()
    except (ZoneInfoNotFoundError, ValueError):
        tz = service_zone()
    return dt.astimezone(tz).replace(tzinfo=None)


def is_paris() -> bool:
    """True when the service prints Paris time (nothing to name after each time)."""
    return _current["name"] == DEFAULT_ZONE


def zone_mention() -> str:
    """« heure de Paris » or « heure de La Réunion, fuseau Indian/Reunion »: seals name it."""
    name = _current["name"]
    if name in ZONE_NAMES:
        words = f"heure de {ZONE_NAMES[name]}"
        return words if name == DEFAULT_ZONE else f"{words}, fuseau {name}"
    return f"heure du fuseau {name}"


def zone_suffix() -> str:
    """« » for Paris, « (heure de La Réunion, fuseau Indian/Reunion) » otherwise."""
    return "" if is_paris() else f"\u00a0({zone_mention()})"


def known_zones() -> list[str]:
    """IANA zones this machine knows, French services first (the settings' choice list)."""
    rest = sorted(z for z in available_timezones() if z not in ZONE_NAMES)
    return [z for z in ZONE_NAMES if z in available_timezones() or z == DEFAULT_ZONE] + rest
