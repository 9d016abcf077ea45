"""The audit log as an administrator reads it: who, when, what, which object (ids only),
filtered by account, date and kind; the chain verification with its French verdict.

    rows = audit_rows(session, AuditFilter(user_id=…, since=date(…), kind="case"))
    report = verify_chain(session)          # ChainReport, audited « audit.verify »
    verdict_text(report)                    # the same sentence as `trame audit verify`

Directive (UE) 2016/680 art. 25 asks for logs of collection, alteration, consultation,
disclosure and erasure (DOMAIN.md §8): this view is how they are read without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from desktop.core.servicetime import service_time
from desktop.core.vault.reads import READ_EVENTS

if TYPE_CHECKING:
    from desktop.core.vault import Session

MAX_ROWS = 5000  # the most recent entries shown; the export takes the same rows

# Families of events (the first part of the dotted name), for the « Nature » filter.
KINDS: dict[str, str] = {
    "vault": "Coffre (ouverture, sauvegarde…)",
    "user": "Comptes",
    "case": "Dossiers et auditions",
    "person": "Personnes",
    "transcript": "Transcription",
    "medical": "Données médicales",
    "cmi": "Certificats médicaux transmis",
    "document": "Documents scellés",
    "cert": "Certificats de sceau",
    "export": "Exports",
    "settings": "Réglages",
    "audit": "Journal d'audit",
}

ACTIONS: dict[str, str] = {
    "vault.init": "Création du coffre",
    "vault.unlock": "Ouverture de session",
    "vault.backup": "Sauvegarde du coffre",
    "vault.restore": "Restauration d'une sauvegarde",
    "vault.rollback": "Retour en arrière accepté",
    "vault.rollback.seen": "Coffre revenu en arrière (détecté)",
    "vault.rotate": "Changement des clés du coffre",
    "audit.signing": "Début des signatures du journal",
    "key.register": "Clé de signature d'un compte",
    "key.root": "Clé de signature d'administration",
    "key.medical": "Clé de signature du côté médical (inscription du médecin)",
    "account.legacy": "Compte antérieur aux signatures",
    "user.add": "Création d'un compte",
    "user.disable": "Désactivation d'un compte",
    "user.passwd": "Changement de mot de passe",
    "case.create": "Création d'un dossier",
    "case.status": "Changement d'état d'un dossier",
    "case.transmitted": "Dossier déclaré transmis",
    "case.purge": "Purge d'un dossier",
    "purge.copy": "Copie du coffre supprimée avec une purge",
    "case.record.create": "Création d'un formulaire",
    "case.answer": "Saisie dans un formulaire",
    "person.add": "Ajout d'une personne",
    "person.update": "Modification d'une personne",
    "transcript.add": "Entrée de transcription",
    "transcript.edit": "Correction de transcription",
    "medical.open": "Ouverture de la base médicale",
    "medical.purge": "Purge des données médicales",
    "cmi.transmit": "Transmission d'un CMI",
    "document.seal": "Document scellé",
    "cert.add": "Installation d'un certificat",
    "cert.disable": "Désactivation d'un certificat",
    "cert.use": "Utilisation d'un certificat",
    "cert.export": "Export d'un certificat public",
    "trust.add": "Ajout à la liste de confiance",
    "trust.remove": "Retrait de la liste de confiance",
    "trust.export": "Export de la liste de confiance",
    "trust.import": "Import d'une liste de confiance",
    "trust.pin": "Clé de liste de confiance épinglée",
    "export.case": "Export vers la procédure",
    "export.pseudonymised": "Copie pseudonymisée",
    "export.verify": "Vérification d'un export",
    "settings.change": "Modification d'un réglage",
    "audit.verify": "Vérification du journal",
    "audit.export": "Export du journal",
    **READ_EVENTS,
}


# Object of the « session.* » entries: the kind of key slot that opened the vault
# (desktop.core.vault.keyslots KIND_*), named in French for the reader of the log.
UNLOCK_METHODS = {
    "password": "mot de passe",
    "recovery": "clé de secours",
    "medical-recovery": "clé de secours médicale",
}


def action_label(action: str) -> str:
    """French label of an event name; an unknown event keeps its name."""
    if action in ACTIONS:
        return ACTIONS[action]
    family = action.split(".", 1)[0]
    return f"{KINDS.get(family, family).split(' (')[0]} : {action}"


@dataclass(frozen=True)
class AuditFilter:
    user_id: str | None = None
    since: date | None = None  # local dates, inclusive
    until: date | None = None
    kind: str | None = None  # a key of KINDS

    def describe(self, logins: dict[str, str]) -> str:
        parts = []
        if self.user_id:
            parts.append(f"compte « {logins.get(self.user_id, self.user_id)} »")
        if self.since:
            parts.append(f"depuis le {self.since:%d/%m/%Y}")
        if self.until:
            parts.append(f"jusqu'au {self.until:%d/%m/%Y}")
        if self.kind:
            parts.append(f"nature « {KINDS.get(self.kind, self.kind)} »")
        return ", ".join(parts) if parts else "toutes les entrées"


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime  # UTC
    user_id: str
    who: str  # the account's login (an account name, never a person of a case)
    action: str
    label: str
    object_id: str

    @property
    def object_text(self) -> str:
        """The object as the administrator reads it: a key slot's kind in French (a session
        opened with a password, a recovery key…), any other object as stored, « — » if none."""
        return UNLOCK_METHODS.get(self.object_id, self.object_id) or "—"


def logins(session: Session) -> dict[str, str]:
    """user id -> login (recovery keys named as such)."""
    from desktop.core.vault.keyslots import KIND_MEDICAL_RECOVERY, KIND_RECOVERY
    from desktop.core.vault.vault import SYSTEM_USER

    names = {u.id: u.login for u in session.users.list()}
    for slot in session.slots.slots:
        if slot.kind == KIND_RECOVERY:
            names.setdefault(slot.user_id, "clé de secours")
        elif slot.kind == KIND_MEDICAL_RECOVERY:
            names.setdefault(slot.user_id, "clé de secours médicale")
    names.setdefault(SYSTEM_USER, "système")
    return names


def _at(ts: str) -> datetime:
    """The entry's time; an unreadable one (written outside Trame) as 1 January 1970."""
    try:
        at = datetime.fromisoformat(ts.replace("Z", "+00:00"))
        at.astimezone()
        return at if at.tzinfo else at.replace(tzinfo=UTC)
    except (ValueError, OverflowError, OSError):
        return datetime(1970, 1, 1, tzinfo=UTC)


def _shown(value) -> str:
    """A column as text: a value written outside Trame (NULL, bytes not UTF-8) never crashes."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


def audit_rows(
    session: Session, flt: AuditFilter | None = None, limit: int = MAX_ROWS
) -> list[AuditRow]:
    """Entries matching the filter, most recent first (at most `limit`)."""
    flt = flt or AuditFilter()
    sql = (
        "SELECT seq, CAST(ts AS BLOB), CAST(user_id AS BLOB), CAST(action AS BLOB),"
        " CAST(object_id AS BLOB) FROM audit WHERE 1 = 1"
    )
    args: list = []
    if flt.user_id:
        sql += " AND user_id = ?"
        args.append(flt.user_id)
    if flt.kind:
        sql += " AND (action = ? OR action LIKE ?)"
        args += [flt.kind, flt.kind + ".%"]
    sql += " ORDER BY seq DESC"
    names = logins(session)
    out: list[AuditRow] = []
    for seq, *texts in session.cases_db.execute(sql, tuple(args)):
        ts, user_id, action, obj = (_shown(t) for t in texts)
        at = _at(ts)
        day = service_time(at).date()  # the day the screens show (service zone)
        if (flt.since and day < flt.since) or (flt.until and day > flt.until):
            continue
        if action.startswith("medical.") and "/" in obj:
            obj = obj.split("/", 1)[0]  # entries written before medical field ids were left out
        out.append(
            AuditRow(
                seq, at, user_id, names.get(user_id, user_id[:8]), action, action_label(action), obj
            )
        )
        if len(out) >= limit:
            break
    return out


def verify_chain(session: Session):
    """Recompute the chain (desktop.core.vault.audit.AuditLog.verify), then record that it
    was checked. Returns the ChainReport of the chain as it was before that entry."""
    report = session.audit.verify()
    session.audit.append(session.user_id, "audit.verify", "ok" if report.ok else "rompu")
    return report


def verdict_text(report) -> str:
    """The French verdict, as `trame audit verify` prints it."""
    if report.ok:
        return f"Journal d'audit intact : {report.count} entrées, tête {report.head[:16]}."
    return f"Journal d'audit ROMPU au maillon n° {report.broken_seq} : {report.reason}."


def now_utc() -> datetime:
    return datetime.now(UTC)
