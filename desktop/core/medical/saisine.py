"""Who asked for the examination decides who receives the certificate (medical secrecy).

- On **réquisition** (art. 60, 77-1 CPP, commission rogatoire) the CMI goes to the requesting
  authority; the réquisition is identified by its authority, number AND date, and precedes
  the examination (HAS, certificat médical initial, octobre 2011: « obtenir la réquisition
  écrite » first).
- On the victim's **own request** the certificate is handed to the minor or to the
  non-implicated legal representative only (art. 226-13 CP, secret professionnel). To alert
  the justice the doctor makes a **signalement to the procureur** (art. 226-14 CP): a separate,
  sealed act addressed to the parquet, never a copy into the investigators' database.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, tzinfo

from desktop.core.errors import InvalidInput
from desktop.core.medical.validation import FieldIssue

SAISINE = "saisine"
REQUISITION = "requisition"
SPONTANEOUS = "demande_spontanee"
REQ_DATE = "requisition_date"
HANDED_TO = "certificat_remis_a"

NO_REQUISITION = (
    "Le CMI d'un examen fait à la demande de la victime ou de son représentant ne peut pas être "
    "transmis au dossier d'enquête (secret médical, art. 226-13 du code pénal). Remettez-le en "
    "main propre au mineur ou à son représentant légal non mis en cause, ou faites un "
    "signalement au procureur de la République (art. 226-14 du code pénal)."
)


def on_requisition(answers: Mapping) -> bool:
    """True when the UMJ record's « saisine » is a réquisition (art. 60, 77-1 CPP, CR)."""
    return answers.get(SAISINE) == REQUISITION


def require_requisition(answers: Mapping) -> None:
    """Raises InvalidInput (French) unless the examination was made on réquisition."""
    if not on_requisition(answers):
        raise InvalidInput(NO_REQUISITION)


def requisition_date(answers: Mapping) -> date | None:
    """The réquisition's date (« requisition_date », ISO), or None when absent or invalid."""
    value = answers.get(REQ_DATE)
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def saisine_issues(
    answers: Mapping, exam_at: datetime | None, tz: tzinfo | None = None
) -> list[FieldIssue]:
    """A réquisition dated after the examination; a certificate addressed to an authority
    without réquisition. Each issue names its field."""
    issues: list[FieldIssue] = []
    if on_requisition(answers):
        dated = requisition_date(answers)
        if dated is not None and exam_at is not None and dated > exam_at.date():
            issues.append(
                FieldIssue(
                    REQ_DATE,
                    f"La réquisition est datée du {dated:%d/%m/%Y}, après l'examen du "
                    f"{exam_at.date():%d/%m/%Y} : la réquisition écrite précède l'examen "
                    "(une réquisition orale est confirmée par écrit). Vérifiez la date.",
                )
            )
    elif answers.get(SAISINE) == SPONTANEOUS and answers.get(HANDED_TO) == "autorite_requerante":
        issues.append(
            FieldIssue(
                HANDED_TO,
                "Sans réquisition, le certificat est remis au mineur ou à son représentant légal "
                "non mis en cause ; pour alerter la justice, faites un signalement au procureur "
                "(art. 226-14 du code pénal).",
            )
        )
    return issues
