"""`trame cases list`: one tab-separated line per case, id first, no names."""

from __future__ import annotations

from desktop.cli.common import add_user_option, unlock


def register(sub) -> None:
    p = sub.add_parser("cases", help="dossiers")
    cases = p.add_subparsers(dest="cases_command", metavar="ACTION", required=True)
    ls = cases.add_parser("list", help="lister les dossiers (id, procédure, date, statut)")
    ls.add_argument("--status", help="filtrer par statut")
    add_user_option(ls)
    ls.set_defaults(func=cmd_list)


def cmd_list(args) -> int:
    with unlock(args) as session:
        for case in session.cases.list(status=args.status):
            print(f"{case.id}\t{case.procedure_number}\t{case.created_at[:10]}\t{case.status}")
    return 0
