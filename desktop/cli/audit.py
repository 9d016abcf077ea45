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
    try:
        with unlock(args) as session:
            report = session.audit.verify()
    except TrameError as exc:
        print(f"trame: {exc.message}", file=sys.stderr)
        return 2
    if report.ok:
        print(f"Journal d'audit intact : {report.count} entrées, tête {report.head[:16]}.")
        return 0
    print(f"Journal d'audit ROMPU au maillon n° {report.broken_seq} : {report.reason}.")
    return 1
