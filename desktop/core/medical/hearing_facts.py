"""The time of the facts already entered in the hearing, for the UMJ delay alerts.

    known = hearing_facts(session, umj_record_id)      # HearingFacts | None (one audit entry)
    facts, source = alert_facts(answers, known, tz)    # the checklist's own time first

Why and how far (officer/medical separation, DOMAIN §4.1 and §4.5): the médecin examines on
the officer's réquisition and the delays of prophylaxis and samples (catalog.yaml) run from
the facts. When the checklist has no time of the facts yet, the alerts use the one the
officer entered in the hearing of the same minor (« Date et heure des derniers faits (pour
les délais médicaux) », field `faits_datetime_derniers`, or the day of the last facts).
The médecin's key slot holds the case key (desktop.core.vault.keyslots.ROLE_KEYS: the
checklist screen already lists the case's minors from it); this module reads from the case
database that ONE field of the hearings, never the statement or the transcript, and records
the consultation in the audit log (event `hearing.facts.read`, directive (EU) 2016/680
art. 25). Nothing flows the other way: no medical data reaches the case database here.
The hearing's time is not copied into the checklist: the certificate keeps what the minor
declares to the doctor; the alert says where its time comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.core.medical import umj
from desktop.core.medical.clock import aware, format_date
from desktop.core.medical.facts import FactsTime

if TYPE_CHECKING:
    from desktop.core.vault import Session

HEARING_FACTS = "faits_datetime_derniers"  # audition_mineur.yaml: date and time, for the delays
HEARING_LAST_DAY = "faits_date_fin"  # the day of the last facts (hour unknown)
HEARING_START = "audition_debut"
READ_EVENT = "hearing.facts.read"
HEARING_KIND = "audition"  # desktop.core.records.kinds.RecordKind.AUDITION (a layer above)


@dataclass(frozen=True)
class HearingFacts:
    """`value`: ISO 'YYYY-MM-DDTHH:MM' (exact) or 'YYYY-MM-DD' (day, hour unknown), as the
    officer typed it, a wall time of the service; `hearing_day`: ISO date of the hearing."""

    record_id: int
    value: str
    hearing_day: str

    def facts_time(self, tz: tzinfo | None = None) -> FactsTime:
        """Exact when the hearing has the hour, the whole day otherwise."""
        if "T" in self.value:
            return FactsTime.exact(aware(datetime.fromisoformat(self.value), tz))
        return FactsTime.day(date.fromisoformat(self.value), tz)

    def source(self) -> str:
        """« d'après l'audition du 11/03/2026 (heure non saisie dans la checklist) »."""
        day = format_date(datetime.fromisoformat(self.hearing_day))
        return f"d'après l'audition du {day} (heure non saisie dans la checklist)"


def _valid(value, with_time: bool) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if with_time:
            return datetime.fromisoformat(text).replace(tzinfo=None).isoformat(timespec="minutes")
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None  # an approximate date (« juin 2026 ») gives no delay


def _hearing_day(record, answers: Mapping) -> str:
    start = _valid(answers.get(HEARING_START), True)
    if start:
        return start[:10]
    from desktop.core.servicetime import service_zone

    created = datetime.fromisoformat(record.created_at.replace("Z", "+00:00"))
    if created.tzinfo is not None:
        created = created.astimezone(service_zone())
    return created.date().isoformat()


def hearing_facts(session: Session, medical_record_id: int) -> HearingFacts | None:
    """The time of the last facts entered in the latest hearing of the same case and minor
    as UMJ record `medical_record_id`, or None (no hearing, no usable time).

    Hearings of another minor of the case are never used; a hearing with no minor set is.
    One audit entry (`hearing.facts.read`, the hearing's id) when a time is found.

    :raises PermissionDenied: without the medical key (the UMJ record is medical)."""
    from desktop.core.vault.reads import record_read

    record = session.medical_records.get(medical_record_id)
    if record is None:
        return None
    patient = session.medical_records.answers(medical_record_id).get(umj.PATIENT)
    person = patient if isinstance(patient, int) else record.person_id
    hearings = [
        r
        for r in session.records.for_case(record.case_id, HEARING_KIND)
        if person is None or r.person_id in (person, None)
    ]
    for hearing in reversed(hearings):  # the latest first
        answers = session.records.answers(hearing.id)
        value = _valid(answers.get(HEARING_FACTS), True) or _valid(
            answers.get(HEARING_LAST_DAY), False
        )
        if value:
            record_read(session, READ_EVENT, hearing.id)
            return HearingFacts(hearing.id, value, _hearing_day(hearing, answers))
    return None


def alert_facts(
    answers: Mapping, known: HearingFacts | None, tz: tzinfo | None = None
) -> tuple[FactsTime, str | None]:
    """(facts time, where it comes from) for the alerts: the checklist's own time when it
    has one (source None); otherwise the hearing's, with its source sentence."""
    own = umj.facts_time(answers, tz)
    if own.known or known is None:
        return own, None
    return known.facts_time(tz), known.source()
