"""Retention: `trame mark-transmitted CASE`, `trame purge CASE --yes`, `trame purge --due`.

Only a case exported to the procedure (`trame export`) may be declared transmitted.
A transmitted case may be purged (after the delay of the setting
retention.purge_delay_days) by the administrator or the officer who created it. The medical
rows of a purged case go the next time a medical account opens the medical database.
"""

from __future__ import annotations

from desktop.cli.common import add_user_option, unlock
from desktop.core.errors import InvalidInput


def register(sub) -> None:
    t = sub.add_parser(
        "mark-transmitted",
        help="déclarer transmis à la procédure un dossier déjà exporté (préalable à sa purge)",
    )
    t.add_argument("case", metavar="DOSSIER_ID", help="id du dossier ou numéro de procédure")
    add_user_option(t)
    t.set_defaults(func=cmd_mark)

    p = sub.add_parser(
        "purge",
        help="supprimer définitivement du coffre un dossier transmis",
        description="Supprime toutes les lignes du dossier de la base des dossiers puis la "
        "compacte (VACUUM) ; les données médicales du dossier sont supprimées à la prochaine "
        "ouverture de la base médicale par un compte médical ; les copies que Trame garde dans "
        "le dossier du coffre (avant-restauration-*, sauvegardes/avant-mise-a-jour-*) sont "
        "supprimées aussi. Réservé à l'administrateur et à "
        "l'enquêteur qui a créé le dossier. Irréversible : exige --yes.",
    )
    p.add_argument("case", nargs="?", metavar="DOSSIER_ID")
    p.add_argument("--yes", action="store_true", help="confirmer la suppression définitive")
    p.add_argument(
        "--due", action="store_true", help="lister les dossiers transmis dont le délai est échu"
    )
    add_user_option(p)
    p.set_defaults(func=cmd_purge)


def cmd_mark(args) -> int:
    from desktop.cli.export import resolve_case
    from desktop.core.export.retention import mark_transmitted

    with unlock(args) as session:
        case_id = resolve_case(session, args.case)
        mark_transmitted(session, case_id)
    print(f"Dossier n° {case_id} déclaré transmis.")
    return 0


def cmd_purge(args) -> int:
    from desktop.cli.export import resolve_case
    from desktop.core.export.retention import due_for_purge, pending_medical_purges, purge_case

    with unlock(args) as session:
        if args.due:
            for case in due_for_purge(session):
                print(f"{case.id}\t{case.procedure_number}\t{case.updated_at[:10]}\t{case.status}")
            pending = len(pending_medical_purges(session))
            if pending:
                print(
                    f"Purges médicales en attente : {pending} (à la prochaine ouverture de la "
                    "base médicale par un compte médical)."
                )
            return 0
        if not args.case:
            raise InvalidInput("Indiquez le dossier à purger (ou --due pour la liste).")
        case_id = resolve_case(session, args.case)
        result = purge_case(session, case_id, confirmed=args.yes)
    print(f"Dossier n° {case_id} purgé : {result.rows} lignes supprimées, base compactée.")
    if result.copies_removed:
        names = ", ".join(f"« {n} »" for n in result.copies_removed)
        print(f"Copies du coffre qui le contenaient, supprimées : {names}.")
    if result.copies_left:
        names = ", ".join(f"« {n} »" for n in result.copies_left)
        print(
            f"Attention : copies du coffre impossibles à supprimer (fichier en lecture seule "
            f"ou ouvert ailleurs) : {names} ; supprimez-les à la main.",
        )
    if result.medical_pending:
        print(
            "Les données médicales de ce dossier seront supprimées à la prochaine ouverture de "
            "la base médicale par un compte médical."
        )
    return 0
