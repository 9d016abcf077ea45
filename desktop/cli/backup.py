"""`trame backup --out FILE` and `trame restore FILE`."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import acting_login, add_user_option, read_secret, unlock
from desktop.core.admin.backups import create_backup, restore_backup
from desktop.core.paths import data_home


def register(sub) -> None:
    b = sub.add_parser("backup", help="sauvegarde chiffrée du coffre")
    b.add_argument(
        "--out",
        type=Path,
        required=True,
        help="fichier à écrire, ou dossier (un fichier daté y est créé)",
    )
    add_user_option(b)
    b.set_defaults(func=cmd_backup)

    r = sub.add_parser("restore", help="restaurer une sauvegarde après l'avoir vérifiée")
    r.add_argument("file", type=Path)
    r.add_argument(
        "--accept-rollback",
        action="store_true",
        help="accepter de revenir à un état plus ancien que le coffre actuel (écrit au journal)",
    )
    add_user_option(r)
    r.set_defaults(func=cmd_restore)


def cmd_backup(args) -> int:
    with unlock(args) as session:
        result = create_backup(session, args.out)
    print(f"Sauvegarde chiffrée écrite : « {result.path} ».")
    if result.audit_seq is not None:
        print(f"Elle contient le journal d'audit jusqu'à l'entrée n° {result.audit_seq}.")
    if not result.medical:
        print("La base médicale n'y figure pas : seul un compte médical peut la sauvegarder.")
    return 0


def cmd_restore(args) -> int:
    password = read_secret(args.password_file, "TRAME_PASSWORD", "Mot de passe : ")
    notes: list[str] = []
    aside = restore_backup(
        data_home(),
        args.file,
        acting_login(args),
        password,
        accept_rollback=args.accept_rollback,
        notes=notes,
    )
    print("Sauvegarde vérifiée et restaurée.")
    for note in notes:
        print(f"Attention : {note}")
    if aside:
        print(f"L'ancien coffre est conservé dans « {aside} ».")
    return 0
