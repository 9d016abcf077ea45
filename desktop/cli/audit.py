"""`trame audit verify|check|show`.

verify: exit 0 when the chain (links and signatures) is intact, 1 when not, 2 unreadable.
check FILE: exit 0 when the audit head carried by a sealed PV, an export (folder or
manifest.json) or a backup is still in the chain, 1 when missing or different, 2 when the file
or the vault cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import add_user_option, unlock
from desktop.core.errors import NotAVault, TrameError


def register(sub) -> None:
    p = sub.add_parser("audit", help="journal d'audit")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = audit.add_parser("verify", help="recalculer la chaîne du journal et ses signatures")
    add_user_option(v)
    v.set_defaults(func=cmd_verify)

    c = audit.add_parser(
        "check",
        help="dire si la tête du journal portée par un PV, un export ou une sauvegarde est "
        "toujours dans le journal",
    )
    c.add_argument("file", type=Path, help="PV scellé (PDF), dossier d'export ou sauvegarde")
    add_user_option(c)
    c.set_defaults(func=cmd_check)

    s = audit.add_parser("show", help="lister les entrées du journal (qui, quand, quoi, objet)")
    s.add_argument("--limit", type=int, default=50, help="nombre d'entrées (défaut : 50)")
    s.add_argument("--compte", help="seulement les entrées de ce compte (identifiant)")
    add_user_option(s)
    s.set_defaults(func=cmd_show)


def cmd_verify(args) -> int:
    from desktop.core.admin.audit_view import verdict_text, verify_chain

    try:
        with unlock(args) as session:
            report = verify_chain(session)
    except TrameError as exc:
        print(f"trame: {exc.message}", file=sys.stderr)
        return 2
    print(verdict_text(report))
    return 0 if report.ok else 1


def _read_sealed_pdf(data: bytes):
    """(valid, reason, XMP properties) of a sealed PDF, by the real seal verifier."""
    from desktop.core.seal.verify import Unreadable, verify_pdf
    from desktop.core.vault.anchors import AnchorUnreadable

    try:
        report = verify_pdf(data)
    except Unreadable as exc:
        raise AnchorUnreadable(f"PDF illisible ({exc.message}).") from None
    return report.valid, report.reason, report.properties


def cmd_check(args) -> int:
    from desktop.core.vault.anchors import AnchorUnreadable, check_anchors, read_anchors

    try:
        found = read_anchors(args.file, read_pdf=_read_sealed_pdf)
        with unlock(args) as session:
            results = check_anchors(session.audit, found)
    except (AnchorUnreadable, NotAVault) as exc:
        print(f"trame: {exc.message}", file=sys.stderr)
        return 2
    except TrameError as exc:
        print(f"trame: {exc.message}", file=sys.stderr)
        return 2
    missing = [(a, why) for a, why in results if why]
    for anchor, why in results:
        state = "présente" if why is None else f"ABSENTE : {why}"
        print(f"{anchor.where} : entrée n° {anchor.seq} ({anchor.hash[:16]}…) — {state}")
    if missing:
        print("Le journal du coffre ne contient plus ce que ce document atteste.")
        return 1
    print("Le journal du coffre contient la tête portée par ce document.")
    return 0


def cmd_show(args) -> int:
    """Most recent first: number, local date and time, account, French action, object id."""
    from desktop.core.admin.audit_view import AuditFilter, audit_rows
    from desktop.core.errors import InvalidInput

    with unlock(args) as session:
        flt = AuditFilter()
        if args.compte:
            user = session.users.by_login(args.compte)
            if user is None:
                raise InvalidInput(f"Compte « {args.compte} » introuvable.")
            flt = AuditFilter(user_id=user.id)
        rows = audit_rows(session, flt, limit=max(1, args.limit))
    print("N°\tDate et heure\tCompte\tAction\tObjet")
    for row in rows:
        when = row.at.astimezone().strftime("%d/%m/%Y %H:%M:%S")
        print(f"{row.seq}\t{when}\t{row.who}\t{row.label}\t{row.object_id}")
    return 0
