"""`trame verify FILE.pdf [--recording FILE] [--trust LIST [--trust-key FP]] [--require-trusted]`.

Prints VALIDE or INVALIDE with the reason, then integrity, then identity (« certificat
reconnu : <label> » from the trust list, else « certificat inconnu … »), in French.
Exit 0 valid, 1 invalid (or unknown certificate with --require-trusted), 2 unreadable.
Needs no vault and no password: anyone can verify.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.seal.report_text import report_lines


def register(sub) -> None:
    p = sub.add_parser(
        "verify",
        help="vérifier le sceau d'intégrité d'un PV ou d'un document scellé",
        description="Vérifie les sceaux d'intégrité d'un document produit par Trame. "
        "Code de sortie : 0 valide, 1 invalide, 2 illisible.",
    )
    p.add_argument("file", type=Path, metavar="FICHIER.pdf")
    p.add_argument(
        "--recording",
        type=Path,
        metavar="FICHIER",
        help="enregistrement audiovisuel à comparer à l'empreinte SHA-256 consignée dans le PV",
    )
    p.add_argument(
        "--trust",
        type=Path,
        action="append",
        metavar="LISTE",
        help="liste de confiance signée (trame trust export) à utiliser en plus de la liste "
        "locale ; seuls les certificats qui y figurent sont « reconnus »",
    )
    p.add_argument(
        "--trust-key",
        action="append",
        metavar="EMPREINTE",
        help="empreinte SHA-256 du certificat qui doit avoir signé la liste --trust (vérifiée "
        "auprès du service qui l'a remise) ; sans elle, seule une clé épinglée (trame trust "
        "pin) rend la liste acceptable",
    )
    p.add_argument(
        "--require-trusted",
        action="store_true",
        help="un certificat absent de la liste de confiance rend le document INVALIDE (code 1)",
    )
    p.add_argument(
        "--coffre",
        dest="vault",
        action="store_true",
        help="chercher aussi dans le coffre les mentions complémentaires de ce document "
        "(demande le mot de passe)",
    )
    # --coffre only (desktop.cli.common would import the vault for every verify)
    p.add_argument("--user", help="identifiant qui ouvre le coffre (avec --coffre)")
    p.add_argument("--password-file", type=Path, help="fichier du mot de passe (avec --coffre)")
    p.set_defaults(func=cmd_verify)


def load_trust(paths, keys=()) -> tuple[object, list[str]]:
    """The local trust list plus the signed lists given with --trust whose signing key is
    pinned (--trust-key or `trame trust pin`), and a French line for each list ignored.

    :raises TrustListError: an unreadable, unsigned or altered list (exit 2)."""
    from desktop.core.seal.pins import PinnedKeys, accepted_list, unvouched_message
    from desktop.core.seal.trust import TrustList

    trust = TrustList.local()
    ignored: list[str] = []
    pins = PinnedKeys.local() if paths else None
    for path in paths or ():
        other, pinned_as = accepted_list(path, tuple(keys or ()), pins)
        if pinned_as:
            trust.merge(other, pinned_as)
        else:
            ignored.append(unvouched_message(Path(path).name, other.signed_by))
    return trust, ignored


def cmd_verify(args) -> int:
    from desktop.core.seal.verify import Unreadable, verify_pdf

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"ILLISIBLE — fichier inaccessible : « {args.file} » ({exc.strerror}).")
        return 2
    from desktop.core.errors import InvalidInput
    from desktop.core.seal.trust import TrustListError

    try:
        trust, ignored = load_trust(getattr(args, "trust", None), getattr(args, "trust_key", ()))
    except (TrustListError, InvalidInput) as exc:
        print(f"ILLISIBLE — {exc.message}")
        return 2
    try:
        report = verify_pdf(
            data,
            recording=args.recording,
            trust=trust,
            require_trusted=getattr(args, "require_trusted", False),
        )
    except Unreadable as exc:
        print(f"ILLISIBLE — {exc.message}")
        return 2
    for line in report_lines(report):
        print(line)
    for line in ignored:
        print(line)
    if getattr(args, "vault", False):
        _print_addenda(args, data)
    sys.stdout.flush()
    return 0 if report.valid else 1


def _print_addenda(args, data: bytes) -> None:
    """The vault's mentions complémentaires of this very file (matched by its SHA-256)."""
    import hashlib

    from desktop.cli.common import unlock
    from desktop.core.pv.addendum import NATURES, addenda_for_sha256

    with unlock(args) as session:
        found = addenda_for_sha256(session, hashlib.sha256(data).hexdigest())
    if not found:
        print("Coffre : aucune mention complémentaire à ce document.")
        return
    print(f"Coffre : {len(found)} mention(s) complémentaire(s) à ce document, à lire avec lui :")
    for d in found:
        nature = NATURES.get(d.meta.get("nature", ""), "mention")
        print(f"  – document n° {d.id}, {d.meta.get('document_id', '?')} : {nature}")
