"""`trame backup --out FILE` and `trame restore FILE`."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import acting_login, add_user_option, read_secret, unlock
from desktop.core.paths import data_home
from desktop.core.vault.backup import backup, restore


def register(sub) -> None:
    b = sub.add_parser("backup", help="sauvegarde chiffrée du coffre")
    b.add_argument("--out", type=Path, required=True)
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
        result = backup(session, args.out)
    print(f"Sauvegarde chiffrée écrite : « {result.path} ».")
    if not result.includes_medical:
        print("La base médicale n'y figure pas : seul un compte médical peut la sauvegarder.")
    return 0


def cmd_restore(args) -> int:
    password = read_secret(args.password_file, "TRAME_PASSWORD", "Mot de passe : ")
    aside = restore(
        data_home(), args.file, acting_login(args), password, accept_rollback=args.accept_rollback
    )
    print("Sauvegarde vérifiée et restaurée.")
    if aside:
        print(f"L'ancien coffre est conservé dans « {aside} ».")
    return 0
