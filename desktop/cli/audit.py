"""`trame audit verify`: exit 0 when the chain is intact, 1 when not, 2 when it cannot be read."""

from __future__ import annotations

import sys

from desktop.cli.common import add_user_option, unlock
from desktop.core.errors import TrameError


def register(sub) -> None:
    p = sub.add_parser("audit", help="journal d'audit")
    audit = p.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    v = audit.add_parser("verify", help="recalculer la chaîne du journal")
    add_user_option(v)
    v.set_defaults(func=cmd_verify)


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
