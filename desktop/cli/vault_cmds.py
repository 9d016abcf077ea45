"""`trame init` and `trame recover`."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import add_password_option, read_secret, vault_from_env
from desktop.core.paths import data_home


def register(sub) -> None:
    p = sub.add_parser("init", help="créer le coffre chiffré et le compte administrateur")
    p.add_argument(
        "--admin", default="admin", help="identifiant de l'administrateur (défaut : admin)"
    )
    add_password_option(p)
    p.set_defaults(func=cmd_init)

    r = sub.add_parser(
        "recover", help="redéfinir le mot de passe d'un compte avec une clé de secours"
    )
    r.add_argument("login", help="compte dont le mot de passe est redéfini")
    r.add_argument("--medical", action="store_true", help="utiliser la clé de secours médicale")
    r.add_argument("--recovery-file", type=Path, help="fichier contenant la clé de secours")
    add_password_option(r)
    r.set_defaults(func=cmd_recover)

    g = sub.add_parser("passphrase", help="proposer une phrase de passe française tirée au hasard")
    g.set_defaults(func=cmd_passphrase)


def cmd_passphrase(args) -> int:
    from desktop.core.vault.policy import PASSPHRASE_WORDS, generate_passphrase

    print(generate_passphrase())
    print(
        f"({PASSPHRASE_WORDS} mots tirés au hasard parmi plus de 500 : environ 55 bits, des "
        "siècles d'essais sur une copie du coffre. Recopiez-la sans la noter près du poste.)",
        file=sys.stderr,
    )
    return 0


def cmd_init(args) -> int:
    vault = vault_from_env()
    password = read_secret(
        args.password_file, "TRAME_PASSWORD", "Mot de passe de l'administrateur : ", confirm=True
    )
    result = vault.initialize(args.admin, password)
    print(f"Coffre créé dans « {data_home()} » pour l'administrateur « {result.admin_login} ».")
    print()
    print("CLÉ DE SECOURS (administration) — affichée une seule fois.")
    print("Recopiez-la sur papier et rangez-la sous clé :")
    print(f"    {result.recovery_code}")
    print()
    print("Le côté médical n'est pas encore créé : délivrez au premier médecin un code")
    print("d'inscription (trame users enrol-medical) ; sa clé médicale et sa clé de secours")
    print("médicale seront créées lors de son inscription et montrées à lui seul.")
    print()
    print(
        f"Argon2id : {result.kdf.iterations} passes, {result.kdf.memory_kib // 1024} Mio, "
        f"{result.kdf.lanes} voies."
    )
    return 0


def cmd_recover(args) -> int:
    vault = vault_from_env()
    vault.load_slots()
    code = read_secret(args.recovery_file, "TRAME_RECOVERY_KEY", "Clé de secours : ")
    new_password = read_secret(
        args.password_file, "TRAME_PASSWORD", "Nouveau mot de passe : ", confirm=True
    )
    with vault.unlock_recovery(code, medical=args.medical) as session:
        session.change_password(args.login, new_password)
    print(f"Mot de passe de « {args.login} » redéfini.")
    return 0
