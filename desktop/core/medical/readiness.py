"""What still blocks « Transmettre le CMI », told to the doctor BEFORE any confirmation.

    ready = cmi_readiness(session, medical_record_id, clock=clock)
    ready.lines     # French lines, one per missing or invalid item ([] when it can go)
    ready.issues    # the same, each tied to its form field (the screen shows them there)

The same checks as desktop.core.documents.medical.transmit.transmit_cmi runs before sealing (the
medico-legal checks of desktop.core.medical.umj and the required shareable fields of the
CMI, signature of the doctor included: art. R. 4127-76 CSP), read without writing anything,
so that the doctor is never asked « Transmettre ? » for a certificate that cannot go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.medical import umj
from desktop.core.medical.clock import system_clock
from desktop.core.medical.validation import FieldIssue

if TYPE_CHECKING:
    from desktop.core.vault import Session


@dataclass(frozen=True)
class CmiReadiness:
    """`issues`: each blocking item with its field id; `lines`: the French text of each."""

    issues: list[FieldIssue] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        return [i.message for i in self.issues]

    @property
    def ready(self) -> bool:
        return not self.issues

    def summary(self) -> str:
        """« 12 éléments manquent ou sont à corriger » (French, singular or plural)."""
        n = len(self.issues)
        if n == 1:
            return "1 élément manque ou est à corriger"
        return f"{n} éléments manquent ou sont à corriger"


def readiness_of(spec, answers: dict, now: datetime, tz: tzinfo | None = None) -> CmiReadiness:
    """The blocking items of one UMJ record's answers at `now` (pure: no database)."""
    from desktop.core.formspec.flow import WizardFlow

    issues = list(umj.check_umj(answers, now, tz))
    naive = now.replace(tzinfo=None) if now.tzinfo else now
    flow = WizardFlow(spec, dict(answers), now=naive)
    from desktop.core.medical.findings import shareable_ids

    allowed = set(shareable_ids(spec))
    issues += [FieldIssue(e.field_id, e.message) for e in flow.missing() if e.field_id in allowed]
    return CmiReadiness(issues)


def cmi_readiness(
    session: Session,
    medical_record_id: int,
    *,
    clock: Callable[[], datetime] = system_clock,
    spec=None,
) -> CmiReadiness:
    """Read one UMJ record (medical database, doctors only) and list what blocks its CMI.

    :raises InvalidInput: unknown record. :raises PermissionDenied: without the medical key."""
    record = session.medical_records.get(medical_record_id)
    if record is None:
        raise InvalidInput("Dossier médical introuvable.")
    if spec is None:
        from desktop.core.law import form_registry

        spec = form_registry().for_record(record.form_id, record.form_version)
    now = clock()
    answers = session.medical_records.answers(medical_record_id)
    return readiness_of(spec, answers, now, now.tzinfo)
