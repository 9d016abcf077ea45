"""`trame cert create|import|list|export|disable`: the sealing certificates kept in the vault."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import add_user_option, read_secret, unlock
from desktop.core.errors import InvalidInput


def register(sub) -> None:
    p = sub.add_parser("cert", help="certificats de sceau d'intégrité")
    cert = p.add_subparsers(dest="cert_command", metavar="ACTION", required=True)

    c = cert.add_parser("create", help="créer une clé et un certificat auto-signé")
    c.add_argument("--name", help="nom du titulaire (défaut : l'identifiant du compte)")
    c.add_argument("--org", default="", help="organisation (ex. Préfecture de police)")
    c.add_argument("--unit", default="", help="service (ex. Brigade de protection des mineurs)")
    c.add_argument("--email", default="")
    c.add_argument(
        "--type",
        dest="kind",
        default="rsa3072",
        choices=("rsa3072", "ecdsa-p256"),
        help="type de clé (défaut rsa3072 ; ecdsa-p256 rend le PDF non conforme PDF/A-2)",
    )
    c.add_argument("--days", type=int, default=3 * 365, help="durée de validité en jours")
    add_user_option(c)
    c.set_defaults(func=cmd_create)

    i = cert.add_parser("import", help="importer un certificat PKCS#12 (.p12, .pfx)")
    i.add_argument("file", type=Path, metavar="FICHIER.p12")
    i.add_argument(
        "--p12-password-file",
        type=Path,
        help="fichier contenant le mot de passe du PKCS#12 (sinon TRAME_P12_PASSWORD)",
    )
    add_user_option(i)
    i.set_defaults(func=cmd_import)

    ls = cert.add_parser("list", help="lister les certificats (empreintes)")
    add_user_option(ls)
    ls.set_defaults(func=cmd_list)

    e = cert.add_parser(
        "export", help="écrire le certificat public (PEM, sans la clé) pour ceux qui vérifient"
    )
    e.add_argument("id", type=int)
    e.add_argument("--out", type=Path, required=True, metavar="FICHIER.pem")
    add_user_option(e)
    e.set_defaults(func=cmd_export)

    d = cert.add_parser("disable", help="désactiver un certificat")
    d.add_argument("id", type=int)
    add_user_option(d)
    d.set_defaults(func=cmd_disable)


def _print(rec) -> None:
    state = "actif" if rec.active else "inactif"
    print(f"{rec.id}\t{rec.subject}\tvalable jusqu'au {rec.not_after}\t{state}")
    print(f"\tSHA-256 {rec.fingerprint}")


def cmd_create(args) -> int:
    from desktop.core.seal.store import CertificateStore

    with unlock(args) as session:
        name = args.name or (session.current_user().login if session.current_user() else "")
        rec = CertificateStore(session).create(
            name, args.org, args.unit, args.email, kind=args.kind, days=args.days
        )
    print("Certificat de sceau créé (auto-signé) :")
    _print(rec)
    print("Communiquez cette empreinte à qui devra vérifier vos documents.")
    return 0


def cmd_import(args) -> int:
    from desktop.core.seal.store import CertificateStore

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"Fichier illisible : « {args.file} » ({exc.strerror}).") from None
    with unlock(args) as session:
        password = read_secret(
            args.p12_password_file, "TRAME_P12_PASSWORD", "Mot de passe du fichier PKCS#12 : "
        )
        rec = CertificateStore(session).import_pkcs12(data, password)
    print("Certificat importé :")
    _print(rec)
    return 0


def cmd_list(args) -> int:
    from desktop.core.seal.store import CertificateStore

    with unlock(args) as session:
        records = CertificateStore(session).list()
    if not records:
        print("Aucun certificat. Créez-en un avec « trame cert create ».")
    for rec in records:
        _print(rec)
    return 0


def cmd_export(args) -> int:
    from desktop.core.admin.certificates import export_public_certificate

    with unlock(args) as session:
        out = export_public_certificate(session, args.id, args.out)
    print(f"Certificat public écrit : « {out} ».")
    return 0


def cmd_disable(args) -> int:
    from desktop.core.seal.store import CertificateStore

    with unlock(args) as session:
        CertificateStore(session).deactivate(args.id)
    print(f"Certificat {args.id} désactivé.")
    return 0
