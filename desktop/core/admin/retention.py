"""Retention as an administrator manages it: which cases are transmitted and since when,
from when each may be purged, the delay setting and its legal basis.

    rows = retention_overview(session)          # every case, transmitted ones first
    set_purge_delay(session, 30)                # administrator only; audited
    mark_transmitted / purge_case               # desktop.core.export.retention (CLI too)

Legal basis of the delay (DOMAIN.md §8): personal data processed for the prevention,
investigation and prosecution of offences are kept no longer than necessary — directive
(UE) 2016/680 art. 4 § 1 e) and art. 5, loi n° 78-17 « Informatique et Libertés » art. 4 5°
and art. 87 s. Once the case has been transmitted, the procedure file is the reference;
the report recommends deleting the local copy after a configurable delay, with an audited
deletion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput, PermissionDenied
from desktop.core.export.retention import (
    DELAY_KEY,
    TRANSMITTED,
    pending_medical_purges,
    purge_delay,
    transmitted_at,
)
from desktop.core.vault.leftovers import kept_copies

if TYPE_CHECKING:
    from desktop.core.vault import Session

MAX_DELAY_DAYS = 3650
LEGAL_BASIS = (
    "Les données à caractère personnel traitées pour la prévention et la poursuite des "
    "infractions ne sont conservées que le temps nécessaire aux finalités du traitement "
    "(directive (UE) 2016/680, art. 4 § 1 e) et art. 5 ; loi « Informatique et Libertés », "
    "art. 4 5° et art. 87 et suivants). Une fois le dossier transmis, la procédure fait foi : "
    "la copie locale est purgée après ce délai, et chaque purge est inscrite au journal "
    "d'audit."
)


@dataclass(frozen=True)
class RetentionRow:
    case_id: int
    procedure_number: str
    status: str
    created: datetime | None
    transmitted: datetime | None  # None: not transmitted
    purge_from: datetime | None  # transmitted + delay
    due: bool  # may be purged now


def _parse(ts: str | None) -> datetime | None:
    if not ts:
        return None
    try:
        return datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return None


def retention_overview(session: Session, now: datetime | None = None) -> list[RetentionRow]:
    """Every case with its retention dates: due ones first, then transmitted, then others."""
    now = now or datetime.now(UTC)
    delay = purge_delay(session)
    rows = []
    for case in session.cases.list():
        since = transmitted_at(session, case.id) if case.status == TRANSMITTED else None
        purge_from = since + delay if since is not None else None
        rows.append(
            RetentionRow(
                case.id,
                case.procedure_number,
                case.status,
                _parse(case.created_at),
                since,
                purge_from,
                purge_from is not None and purge_from <= now,
            )
        )
    rows.sort(key=lambda r: (not r.due, r.transmitted is None, -(r.case_id)))
    return rows


def delay_days(session: Session) -> int:
    return purge_delay(session).days


def set_purge_delay(session: Session, days: int) -> None:
    """The delay between transmission and purge, in days (0–3650). Administrator only;
    audited as a settings change."""
    if session.role != "administrateur":
        raise PermissionDenied("Seul l'administrateur règle le délai de conservation.")
    if not isinstance(days, int) or not 0 <= days <= MAX_DELAY_DAYS:
        raise InvalidInput(f"Le délai de conservation va de 0 à {MAX_DELAY_DAYS} jours.")
    session.settings.set(DELAY_KEY, days)


def medical_pending(session: Session) -> int:
    """How many purged cases still have medical rows waiting for a medical account."""
    return len(pending_medical_purges(session))


def vault_copies(session: Session) -> list:
    """The copies of the vault Trame keeps in its folder (`avant-restauration-*`,
    `sauvegardes/avant-mise-a-jour-*.trame`), [Path] oldest first: the next purge deletes
    them with the case (desktop.core.vault.leftovers; directive (UE) 2016/680 art. 4 § 1 e))."""
    return kept_copies(session.vault.home)
