"""`trame trust add|list|remove|export|import|pin|unpin`: who vouches for a sealing certificate.

The trust list is the verifier's only source of identity (desktop.core.seal.trust). It is
kept beside the vault (TRAME_HOME/liste-de-confiance.json) and needs no password; an export
is signed with a sealing certificate so that a parquet can check where it comes from; a
received list is accepted only when its signing key is pinned (desktop.core.seal.pins).
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import add_user_option, read_secret, unlock
from desktop.core.errors import InvalidInput


def register(sub) -> None:
    p = sub.add_parser(
        "trust",
        help="liste de confiance : les certificats dont l'identité est établie",
        description="Gère la liste de confiance du vérificateur : seuls les certificats qui y "
        "figurent sont « reconnus » par trame verify.",
    )
    trust = p.add_subparsers(dest="trust_command", metavar="ACTION", required=True)

    a = trust.add_parser("add", help="ajouter un certificat (fichier) ou une empreinte SHA-256")
    a.add_argument("cert", metavar="CERTIFICAT|EMPREINTE")
    a.add_argument("--label", required=True, help="qui se porte garant : « BPM Paris — cne X »")
    a.set_defaults(func=cmd_add)

    ls = trust.add_parser("list", help="lister la liste de confiance")
    ls.set_defaults(func=cmd_list)

    r = trust.add_parser("remove", help="retirer une empreinte de la liste")
    r.add_argument("fingerprint", metavar="EMPREINTE")
    r.set_defaults(func=cmd_remove)

    e = trust.add_parser("export", help="exporter la liste, signée, pour un parquet ou un service")
    e.add_argument("file", type=Path, metavar="FICHIER.json")
    e.add_argument("--p12", type=Path, help="signer avec ce PKCS#12 (sinon : certificat du compte)")
    e.add_argument(
        "--p12-password-file",
        type=Path,
        help="fichier contenant le mot de passe du PKCS#12 (sinon TRAME_P12_PASSWORD)",
    )
    add_user_option(e)
    e.set_defaults(func=cmd_export)

    i = trust.add_parser("import", help="ajouter les entrées d'une liste signée reçue")
    i.add_argument("file", type=Path, metavar="FICHIER.json")
    i.add_argument(
        "--trust-key",
        action="append",
        default=[],
        metavar="EMPREINTE",
        help="empreinte du certificat qui doit avoir signé la liste (sinon : clé épinglée)",
    )
    i.set_defaults(func=cmd_import)

    pin = trust.add_parser(
        "pin",
        help="épingler la clé d'un service : ses listes signées seront acceptées",
        description="Épingle l'empreinte SHA-256 du certificat qui signe les listes de "
        "confiance d'un service, après l'avoir vérifiée auprès de lui par un autre moyen "
        "que le fichier (téléphone, courrier). Une liste signée par une clé non épinglée "
        "est ignorée par trame verify --trust.",
    )
    pin.add_argument("fingerprint", metavar="EMPREINTE")
    pin.add_argument("--label", required=True, help="à qui est cette clé : « BPM Paris »")
    pin.set_defaults(func=cmd_pin)

    un = trust.add_parser("unpin", help="retirer une clé épinglée")
    un.add_argument("fingerprint", metavar="EMPREINTE")
    un.set_defaults(func=cmd_unpin)


def _print(e) -> None:
    from desktop.core.seal.trust import visible

    print(f"{e.fingerprint}\t{visible(e.label)}")
    if e.subject or e.issuer:
        print(f"\ttitulaire « {visible(e.subject)} », émetteur « {visible(e.issuer)} »")


def cmd_add(args) -> int:
    from desktop.core.admin.trust_list import add_to_trust_list
    from desktop.core.seal.trust import TrustList

    entry = add_to_trust_list(args.cert, args.label)
    print(f"Ajouté à la liste de confiance ({TrustList.local_path()}) :")
    _print(entry)
    return 0


def cmd_list(args) -> int:
    from desktop.core.admin.trust_list import trust_entries
    from desktop.core.seal.pins import PinnedKeys
    from desktop.core.seal.trust import visible

    entries = trust_entries()
    if not entries:
        print("Liste de confiance vide : aucun certificat n'est reconnu (trame trust add).")
    for e in entries:
        _print(e)
    pins = PinnedKeys.local()
    if pins.keys:
        print("Clés épinglées (listes signées acceptées avec --trust) :")
    for k in pins.keys:
        print(f"{k.fingerprint}\t{visible(k.label)}")
    return 0


def cmd_pin(args) -> int:
    from desktop.core.seal.pins import PinnedKeys

    pins = PinnedKeys.local()
    key = pins.add(args.fingerprint, args.label)
    path = pins.save()
    print(f"Clé épinglée ({path}) : {key.fingerprint}\t{key.label}")
    print("Les listes de confiance signées par ce certificat seront acceptées par trame verify.")
    return 0


def cmd_unpin(args) -> int:
    from desktop.core.seal.pins import PinnedKeys

    pins = PinnedKeys.local()
    fp = pins.remove(args.fingerprint)
    pins.save()
    print(f"Clé retirée des clés épinglées : {fp}")
    return 0


def cmd_remove(args) -> int:
    from desktop.core.admin.trust_list import remove_from_trust_list

    fp = remove_from_trust_list(args.fingerprint)
    print(f"Retiré de la liste de confiance : {fp}")
    return 0


def cmd_export(args) -> int:
    from desktop.core.admin.trust_list import active_bundle, export_trust_list, trust_entries
    from desktop.core.seal import certs

    if not trust_entries():
        raise InvalidInput("La liste de confiance est vide : rien à exporter.")
    if args.p12 is not None:
        try:
            data = args.p12.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Fichier illisible : « {args.p12} » ({exc.strerror}).") from None
        password = read_secret(
            args.p12_password_file, "TRAME_P12_PASSWORD", "Mot de passe du fichier PKCS#12 : "
        )
        bundle = certs.load_pkcs12(data, password)
        n = export_trust_list(args.file, bundle)
    else:
        with unlock(args) as session:
            bundle = active_bundle(session)
            n = export_trust_list(args.file, bundle, session)
    print(f"Liste de confiance exportée : {args.file} ({n} certificat(s))")
    print(f"Signée par « {bundle.subject} », empreinte {bundle.fingerprint}")
    print(
        "Communiquez cette empreinte au destinataire par un autre moyen que le fichier : il "
        f"l'épingle (trame trust pin {bundle.fingerprint} --label …) ou la passe à "
        "trame verify par --trust-key ; sans cela la liste est ignorée."
    )
    return 0


def cmd_import(args) -> int:
    from desktop.core.admin.trust_list import import_trust_list

    imported = import_trust_list(args.file, keys=tuple(args.trust_key))
    print(f"{len(imported.entries)} certificat(s) ajouté(s) à la liste de confiance.")
    print(f"Liste signée par « {imported.pinned_as} » (empreinte {imported.signed_by}).")
    for e in imported.entries:
        _print(e)
    return 0
