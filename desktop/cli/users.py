"""`trame users add|list|passwd|disable` and `trame keys rotate`."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import add_user_option, read_secret, unlock
from desktop.core.vault import ROLE_LABELS, ROLES


def register(sub) -> None:
    p = sub.add_parser("users", help="gérer les comptes")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    about = "créer un compte (mot de passe provisoire, à changer à la première connexion)"
    a = users.add_parser("add", help=about, description=about[0].upper() + about[1:] + ".")
    a.add_argument("name", help="identifiant du nouveau compte")
    a.add_argument("--role", required=True, choices=ROLES, help="rôle du compte")
    a.add_argument(
        "--new-password-file",
        type=Path,
        help="mot de passe provisoire du nouveau compte (sinon TRAME_NEW_PASSWORD ou saisie)",
    )
    add_user_option(a)
    a.set_defaults(func=cmd_add)

    ls = users.add_parser("list", help="lister les comptes")
    add_user_option(ls)
    ls.set_defaults(func=cmd_list)

    about = (
        "changer un mot de passe (celui d'un autre compte est provisoire : son titulaire le "
        "changera à sa première connexion)"
    )
    pw = users.add_parser("passwd", help=about, description=about[0].upper() + about[1:] + ".")
    pw.add_argument("name", help="identifiant du compte")
    pw.add_argument(
        "--new-password-file",
        type=Path,
        help="nouveau mot de passe (sinon TRAME_NEW_PASSWORD ou saisie)",
    )
    add_user_option(pw)
    pw.set_defaults(func=cmd_passwd)

    d = users.add_parser("disable", help="désactiver un compte")
    d.add_argument("name")
    add_user_option(d)
    d.set_defaults(func=cmd_disable)

    e = users.add_parser(
        "enrol-medical",
        help="délivrer le code d'inscription du premier médecin (administrateur)",
    )
    add_user_option(e)
    e.set_defaults(func=cmd_enrol_code)

    m = users.add_parser(
        "enrol-doctor",
        help="premier médecin : créer son compte avec le code de l'administrateur",
    )
    m.add_argument("name", help="identifiant du médecin")
    m.add_argument("--code-file", type=Path, help="fichier contenant le code d'inscription")
    m.add_argument("--new-password-file", type=Path, help="mot de passe du médecin")
    m.set_defaults(func=cmd_enrol_doctor)

    k = sub.add_parser("keys", help="clés de chiffrement du coffre")
    keys = k.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    r = keys.add_parser(
        "rotate",
        help="changer les clés des bases (les anciennes copies du fichier des clés n'ouvrent "
        "plus le coffre)",
    )
    add_user_option(r)
    r.set_defaults(func=cmd_rotate)
    n = keys.add_parser(
        "renew-medical-recovery",
        help="médecin : nouvelle clé de secours médicale (l'ancienne n'ouvre plus rien)",
    )
    add_user_option(n)
    n.set_defaults(func=cmd_renew_medical)


def _new_password(args) -> str:
    return read_secret(
        args.new_password_file,
        "TRAME_NEW_PASSWORD",
        f"Mot de passe pour « {args.name} » : ",
        confirm=True,
    )


TEMPORARY = (
    "Mot de passe provisoire : communiquez-le de vive voix ; il devra être changé à la "
    "première connexion dans l'application."
)


DOCTOR_BY_DOCTOR = (
    "Un compte médecin est créé par un médecin : l'administrateur n'a jamais accès aux données "
    "médicales. Premier médecin : « trame users enrol-medical » vous donne son code "
    "d'inscription, puis il s'inscrit lui-même (« trame users enrol-doctor NOM » ou « Première "
    "connexion d'un médecin… » dans la fenêtre de connexion). Ensuite, un médecin crée les "
    "autres : « trame users add NOM --role medecin --user SON_IDENTIFIANT »."
)


def cmd_add(args) -> int:
    """Create an account; its password, set by someone else, is temporary (finding M6, as the
    administration screen does: desktop.core.passwords.mark_temporary).

    :raises PermissionDenied: a médecin account asked by a non-médecin, with the way to go
        (the enrolment of the first médecin, then a médecin creates the others)."""
    from desktop.core.errors import PermissionDenied
    from desktop.core.passwords import mark_temporary

    with unlock(args) as session:
        if args.role == "medecin" and session.role != "medecin":
            # before asking a password that could not be used (desktop.core.vault: add_user)
            raise PermissionDenied(DOCTOR_BY_DOCTOR)
        user = session.add_user(args.name, _new_password(args), args.role)
        mark_temporary(session, user.login)
    print(f"Compte « {user.login} » créé ({ROLE_LABELS[user.role]}).")
    print(TEMPORARY)
    return 0


def cmd_list(args) -> int:
    with unlock(args) as session:
        for user in session.users.list():
            state = "désactivé" if user.disabled else "actif"
            print(f"{user.login}\t{user.role}\t{state}\t{user.created_at[:10]}")
    return 0


DOCTOR_PASSWORD_BY_DOCTOR = (
    "Le mot de passe d'un médecin n'est redéfini que du côté médical, auquel l'administrateur "
    "n'a pas accès : par un autre médecin (« trame users passwd NOM --user SON_IDENTIFIANT ») "
    "ou par le médecin lui-même avec sa clé de secours médicale (« trame recover NOM "
    "--medical »)."
)


def cmd_passwd(args) -> int:
    """Another account's password becomes temporary (changed at its first login); the acting
    user's own password is his: the temporary mark, if any, is cleared.

    :raises PermissionDenied: a médecin's password asked by a non-médecin, with the ways
        that work (another médecin, the medical recovery key)."""
    from desktop.cli.common import temporary_refusal
    from desktop.core.errors import PermissionDenied
    from desktop.core.passwords import change_own_password, mark_temporary, must_change

    with unlock(args, allow_temporary=True) as session:
        me = session.current_user()
        if must_change(session) and (me is None or me.login != args.name.strip()):
            raise PermissionDenied(temporary_refusal(me.login))  # his own password first
        target = session.users.by_login(args.name.strip())
        if target is not None and target.role == "medecin" and session.role != "medecin":
            raise PermissionDenied(DOCTOR_PASSWORD_BY_DOCTOR)  # before asking a password
        new = _new_password(args)
        if me is not None and me.login == args.name.strip():
            change_own_password(session, None, new, new)  # already authenticated by unlock
            own = True
        else:
            session.change_password(args.name, new)
            mark_temporary(session, args.name)
            own = False
    print(f"Mot de passe de « {args.name} » changé.")
    if not own:
        print(TEMPORARY)
    return 0


def cmd_disable(args) -> int:
    with unlock(args) as session:
        session.disable_user(args.name)
    print(f"Compte « {args.name} » désactivé ; les clés des bases qu'il ouvrait ont été changées.")
    return 0


_KEY_LABELS = {"case": "base des dossiers", "medical": "base médicale"}


def cmd_rotate(args) -> int:
    with unlock(args) as session:
        result = session.rotate_keys()
    done = ", ".join(_KEY_LABELS[n] for n in result.rotated)
    print(
        f"Clés changées : {done}. Les anciennes copies du fichier des clés n'ouvrent plus le coffre."
    )
    if result.dropped:
        print(
            f"{len(result.dropped)} compte(s) créé(s) avant cette version et jamais reconnecté(s) "
            "depuis ont perdu l'accès : redéfinissez leur mot de passe (trame recover)."
        )
    return 0


def cmd_enrol_code(args) -> int:
    from desktop.core.vault.enrolment import issue_medical_enrolment

    with unlock(args) as session:
        code = issue_medical_enrolment(session)
    print("Code d'inscription du premier médecin (à usage unique, à lui remettre en main propre) :")
    print(f"    {code}")
    return 0


def cmd_enrol_doctor(args) -> int:
    from desktop.cli.common import vault_from_env
    from desktop.core.vault.enrolment import enrol_first_doctor

    vault = vault_from_env()
    vault.load_slots()
    code = read_secret(args.code_file, "TRAME_ENROLMENT_CODE", "Code d'inscription : ")
    result = enrol_first_doctor(vault, code, args.name, _new_password(args))
    print(f"Compte médical « {result.login} » créé ; la base médicale est créée.")
    print()
    print("CLÉ DE SECOURS MÉDICALE — pour vous seul, affichée une seule fois :")
    print(f"    {result.medical_recovery_code}")
    return 0


def cmd_renew_medical(args) -> int:
    from desktop.core.vault.enrolment import renew_medical_recovery

    with unlock(args) as session:
        code = renew_medical_recovery(session)
    print("Nouvelle CLÉ DE SECOURS MÉDICALE — pour vous seul, affichée une seule fois :")
    print(f"    {code}")
    print("L'ancienne clé de secours médicale n'ouvre plus la base médicale.")
    return 0
