"""Consultations recorded in the audit log (directive (EU) 2016/680 art. 25: logs of
consultation and disclosure, not only of changes).

One entry per act of the user — opening a case, showing its names, opening a hearing (its
form and transcript), opening a medical record, previewing or printing a document — never per
refresh of a screen. The entry holds the event and the object's id only: no name, no text
(the audit log guards this too, desktop.core.vault.audit.AuditLog.append).
"""

from __future__ import annotations

# event -> French label shown by `trame audit show` and the audit page
READ_EVENTS = {
    "case.open": "Ouverture d'un dossier",
    "case.names": "Affichage des noms d'un dossier",
    "hearing.read": "Lecture d'une audition et de sa transcription",
    "medical.record.read": "Lecture d'un dossier médical",
    "hearing.facts.read": "Lecture de l'heure des faits d'une audition (délais médicaux)",
    "document.preview": "Aperçu d'un document",
    "document.print": "Impression d'un document",
}


def record_read(session, event: str, object_id: int | str) -> None:
    """Append one consultation entry `event` on `object_id` (a case, record or document id)
    for the session's account.

    :raises ValueError: `event` is not one of READ_EVENTS, or `object_id` is not a plain id.
    """
    if event not in READ_EVENTS:
        raise ValueError(f"unknown read event {event!r}")
    session.audit.append(session.user_id, event, object_id)
