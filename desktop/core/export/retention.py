"""Retention: mark a case "transmis", then purge it for real from both databases.

    mark_transmitted(session, case_id)                # only once exported (export.case)
    purge_case(session, case_id, confirmed=True)      # admin or the case's owner
    apply_pending_medical_purges(session)             # when a medical account opens medical.db

Purging deletes every row of the case from the case database (persons, records, answers,
transcript, documents, CMI transmissions, search index…), merges the full-text index so no
deleted term survives in it, then VACUUMs and truncates the WAL: with `secure_delete` on,
nothing of the case is left in the encrypted file. The audit log keeps one entry with ids.

The medical database can only be opened with a medical key, which officers and the
administrator do not hold. So the purge is queued in the case database (ids and time only)
and the medical rows of the purged cases are deleted, then VACUUMed, the next time a medical
account opens the medical database. Only medical rows created before the purge are deleted,
so a new case that reuses the number keeps its own rows.

The delay between transmission and purge is the setting "retention.purge_delay_days"
(default 0: a transmitted case may be purged at once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from desktop.core.errors import InvalidInput, PermissionDenied, TrameError
from desktop.core.logging import log_event
from desktop.core.vault.audit import utc_now
from desktop.core.vault.leftovers import delete_copies, kept_copies

TRANSMITTED = "transmis"
DELAY_KEY = "retention.purge_delay_days"
QUEUE_KEY = "retention.medical_purge_queue"  # [{"case_id": 3, "queued_at": "…Z"}, …]
MARK_ROLES = ("administrateur", "enqueteur")


@dataclass(frozen=True)
class PurgeResult:
    case_id: int
    rows: int  # rows deleted from the case database
    medical_pending: bool  # medical rows wait for a medical account
    medical_rows: int = 0
    copies_removed: tuple[str, ...] = ()  # vault copies deleted with the case (leftovers)
    copies_left: tuple[str, ...] = ()  # copies the system would not let go


# -- helpers ------------------------------------------------------------------------------


def _tables(db) -> dict[str, set[str]]:
    """Ordinary tables and their columns (virtual tables and their shadows excluded)."""
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    out = {}
    for name, _sql in rows:
        if name in virtual or any(name.startswith(v + "_") for v in virtual):
            continue
        cols = {r[1] for r in db.execute(f'PRAGMA table_info("{name}")').fetchall()}
        out[name] = cols
    return out


def _optimize_fts(db) -> None:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%fts5%'"
    ).fetchall()
    for (name,) in rows:
        db.execute(f'INSERT INTO "{name}" ("{name}") VALUES (\'optimize\')')


def _compact(db) -> None:
    """VACUUM, then fold the WAL into the file and truncate it."""
    db.execute("VACUUM")
    db.checkpoint()


def _parse(ts: str) -> datetime:
    return datetime.fromisoformat(ts.replace("Z", "+00:00"))


# -- transmitted --------------------------------------------------------------------------


def exported_at(session, case_id: int) -> datetime | None:
    """When the case was last exported to the procedure (its last `export.case` audit entry
    written after the case was created: a purged case's id may be reused), or None."""
    case = session.cases.get(case_id)
    if case is None:
        return None
    ts = [
        e.ts
        for e in session.audit.entries("export.case")
        if e.object_id == str(case_id) and e.ts >= case.created_at
    ]
    return _parse(ts[-1]) if ts else None


def mark_transmitted(session, case_id: int) -> None:
    """Declare a case « transmis » (the procedure file is now the reference; audited).

    The case must have been exported to the procedure first (`export_case`, an `export.case`
    audit entry): a purge after a delay of 0 days would otherwise destroy the only copy of
    the hearing (directive (UE) 2016/680 art. 4 § 1 e) sets how long data may be kept, not
    leave to delete what the procedure never received).

    :raises InvalidInput: unknown case, or a case never exported to the procedure.
    :raises PermissionDenied: the account is neither an officer nor the administrator."""
    case = session.cases.get(case_id)
    if case is None:
        raise InvalidInput(f"Dossier n° {case_id} introuvable.")
    if session.role not in MARK_ROLES:
        raise PermissionDenied(
            "Seuls un enquêteur ou l'administrateur peuvent déclarer un dossier transmis."
        )
    if exported_at(session, case_id) is None:
        raise InvalidInput(
            f"Le dossier de procédure n° {case.procedure_number} n'a jamais été exporté vers "
            "la procédure : exportez-le d'abord (« Exporter vers la procédure » dans le "
            "dossier, ou trame export en ligne de commande), remettez l'export à la procédure, "
            "puis déclarez-le transmis. "
            "Rien n'a été modifié."
        )
    with session.cases_db.transaction():
        session.cases.set_status(case_id, TRANSMITTED)
        session.audit.append(session.user_id, "case.transmitted", case_id)
    log_event("case.transmitted", case=case_id)


def transmitted_at(session, case_id: int) -> datetime | None:
    entries = [e for e in session.audit.entries("case.transmitted") if e.object_id == str(case_id)]
    if entries:
        return _parse(entries[-1].ts)
    case = session.cases.get(case_id)
    if case is None or case.status != TRANSMITTED:
        return None
    return _parse(case.updated_at)


def purge_delay(session) -> timedelta:
    days = session.settings.get(DELAY_KEY, 0)
    try:
        return timedelta(days=max(0, int(days)))
    except (TypeError, ValueError):
        return timedelta(0)


def due_for_purge(session, now: datetime | None = None) -> list:
    """Transmitted cases whose delay has passed (what an administrator may purge)."""
    now = now or datetime.now(UTC)
    delay = purge_delay(session)
    out = []
    for case in session.cases.list(status=TRANSMITTED):
        since = transmitted_at(session, case.id)
        if since is not None and since + delay <= now:
            out.append(case)
    return out


# -- purge --------------------------------------------------------------------------------


def check_can_purge(session, case, now: datetime | None = None) -> None:
    if case is None:
        raise InvalidInput("Dossier introuvable.")
    if not (session.role == "administrateur" or case.owner_id == session.user_id):
        raise PermissionDenied(
            "Seuls l'administrateur et l'enquêteur qui a créé le dossier peuvent le purger."
        )
    if case.status != TRANSMITTED:
        raise InvalidInput(
            f"Le dossier n° {case.id} n'est pas marqué « transmis » : exportez-le vers la "
            "procédure puis déclarez-le transmis avant de le purger. Rien n'a été supprimé."
        )
    since = transmitted_at(session, case.id)
    delay = purge_delay(session)
    now = now or datetime.now(UTC)
    if since is not None and since + delay > now:
        when = (since + delay).astimezone()
        raise InvalidInput(
            f"Le délai de conservation après transmission court jusqu'au {when:%d/%m/%Y à %H:%M} "
            f"(réglage {DELAY_KEY}) : rien n'a été supprimé."
        )


def _delete_case_rows(db, case_id: int) -> int:
    tables = _tables(db)
    record_ids = [r[0] for r in db.execute("SELECT id FROM records WHERE case_id = ?", (case_id,))]
    count = 0
    marks = ",".join("?" * len(record_ids))
    for name, cols in tables.items():
        if "record_id" in cols and "case_id" not in cols and record_ids:
            cur = db.execute(
                f'DELETE FROM "{name}" WHERE record_id IN ({marks})', tuple(record_ids)
            )
            count += max(cur.rowcount, 0)
    for name, cols in tables.items():
        if "case_id" in cols and name != "cases":
            cur = db.execute(f'DELETE FROM "{name}" WHERE case_id = ?', (case_id,))
            count += max(cur.rowcount, 0)
    cur = db.execute("DELETE FROM cases WHERE id = ?", (case_id,))
    return count + max(cur.rowcount, 0)


def _queue(session) -> list[dict]:
    value = session.settings.get(QUEUE_KEY, [])
    return [x for x in value if isinstance(x, dict) and "case_id" in x] if value else []


def purge_case(session, case_id: int, *, confirmed: bool = False, now=None) -> PurgeResult:
    """Delete a transmitted case from the vault for good (then VACUUM); audited by id.

    The copies of the vault Trame keeps in its folder (`avant-restauration-*` left by a
    restore, `sauvegardes/avant-mise-a-jour-*.trame`: desktop.core.vault.leftovers) hold the
    case as it was; they are deleted too, each audited (`purge.copy`, the copy's name), so
    the purged case survives nowhere in the vault folder (directive (UE) 2016/680 art. 4
    § 1 e)). The confirmation must name them (`kept_copies(session.vault.home)`).

    :raises InvalidInput: not confirmed, not transmitted, delay still running.
    :raises PermissionDenied: neither the administrator nor the case's owner."""
    if not confirmed:
        raise InvalidInput(
            "La purge supprime définitivement le dossier du coffre"
            + copies_notice(kept_copies(session.vault.home))
            + " : confirmez-la (--yes en ligne de commande). Rien n'a été supprimé."
        )
    case = session.cases.get(case_id)
    check_can_purge(session, case, now)
    copies = kept_copies(session.vault.home)  # made before this purge: they hold the case
    db = session.cases_db
    with db.transaction():
        rows = _delete_case_rows(db, case_id)
        queue = _queue(session)
        queue.append({"case_id": case_id, "queued_at": utc_now()})
        session.settings.set(QUEUE_KEY, queue)
        session.audit.append(session.user_id, "case.purge", case_id)
    _optimize_fts(db)
    _compact(db)
    log_event("case.purge", case=case_id, rows=rows)
    removed, left = delete_copies(copies)
    if removed:
        with db.transaction():
            for name in removed:
                session.audit.append(session.user_id, "purge.copy", name)
        log_event("purge.copies", removed=len(removed), left=len(left))
    medical_rows = 0
    pending = True
    if session.has_medical_access():
        medical_rows = apply_pending_medical_purges(session)
        pending = False
    return PurgeResult(case_id, rows, pending, medical_rows, tuple(removed), tuple(left))


def copies_notice(copies) -> str:
    """French words naming the copies a purge deletes with the case ("" when none)."""
    if not copies:
        return ""
    names = ", ".join(f"« {p.name} »" for p in copies)
    return (
        f", ainsi que les copies du coffre que Trame garde dans son dossier ({names} : "
        "fichiers mis de côté par une restauration ou sauvegardes d'avant mise à jour), qui "
        "contiennent encore ce dossier"
    )


def pending_medical_purges(session) -> list[dict]:
    return _queue(session)


def apply_pending_medical_purges(session, medical_db=None, *, quiet: bool = False) -> int:
    """Delete the medical rows of purged cases, then VACUUM; returns how many rows went.

    Call right after a medical account opened the medical database (Session.medical_db):
    pass that database so the call does not re-enter the property. Safe to call twice; the
    queue is cleared only once the rows are gone and the file compacted. `quiet`: a failure
    (full disk…) is logged and retried at the next opening instead of being raised, so it
    never keeps a doctor out of the medical database.
    """
    if not quiet:
        return _apply_pending(session, medical_db)
    try:
        return _apply_pending(session, medical_db)
    except (TrameError, OSError) as exc:
        log_event("medical.purge.failed", error=type(exc).__name__)
        return 0


def _apply_pending(session, medical_db=None) -> int:
    if not session.has_medical_access():
        return 0
    queue = _queue(session)
    if not queue:
        return 0
    db = medical_db if medical_db is not None else session.medical_db
    tables = _tables(db)
    total = 0
    with db.transaction():
        for item in queue:
            case_id, before = int(item["case_id"]), str(item.get("queued_at") or utc_now())
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM records WHERE case_id = ? AND created_at <= ?",
                    (case_id, before),
                )
            ]
            marks = ",".join("?" * len(ids))
            for name, cols in tables.items():
                if "record_id" in cols and name != "records" and ids:
                    cur = db.execute(
                        f'DELETE FROM "{name}" WHERE record_id IN ({marks})', tuple(ids)
                    )
                    total += max(cur.rowcount, 0)
            if ids:
                cur = db.execute(f"DELETE FROM records WHERE id IN ({marks})", tuple(ids))
                total += max(cur.rowcount, 0)
            for name, cols in tables.items():
                if "case_id" in cols and name != "records":
                    if "created_at" in cols:
                        cur = db.execute(
                            f'DELETE FROM "{name}" WHERE case_id = ? AND created_at <= ?',
                            (case_id, before),
                        )
                    else:
                        cur = db.execute(f'DELETE FROM "{name}" WHERE case_id = ?', (case_id,))
                    total += max(cur.rowcount, 0)
    _optimize_fts(db)
    _compact(db)
    # The queue entries go only once the medical rows are gone for good.
    done = {(int(x["case_id"]), x.get("queued_at")) for x in queue}
    with session.cases_db.transaction():
        remaining = [
            x for x in _queue(session) if (int(x["case_id"]), x.get("queued_at")) not in done
        ]
        session.settings.set(QUEUE_KEY, remaining)
        for case_id in sorted({c for c, _ in done}):
            session.audit.append(session.user_id, "medical.purge", case_id)
    log_event("medical.purge", cases=len(done), rows=total)
    return total


def _purge_on_open(session, medical_db) -> None:
    apply_pending_medical_purges(session, medical_db, quiet=True)


def install() -> None:
    """Cases purged by a police account leave their medical rows queued: only a medical
    account can remove them, at its next opening of the medical database. Registers that
    as a hook of desktop.core.vault (idempotent; done on import, and by whoever unlocks)."""
    from desktop.core.vault.vault import MEDICAL_OPEN_HOOKS

    if _purge_on_open not in MEDICAL_OPEN_HOOKS:
        MEDICAL_OPEN_HOOKS.append(_purge_on_open)


install()
