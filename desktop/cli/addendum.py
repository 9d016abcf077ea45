"""`trame addendum DOC_ID --nature … --text …`: a sealed mention complémentaire.

A sealed document is never edited: the mention names it by id and SHA-256, quotes the
passage it corrects, carries its author's handwritten signature (a PNG, --signature) and
the acting user's seal (desktop.core.pv.addendum).
"""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import add_user_option, unlock
from desktop.core.errors import InvalidInput


def register(sub) -> None:
    from desktop.core.pv.addendum import NATURES

    p = sub.add_parser(
        "addendum",
        help="ajouter une mention complémentaire scellée à un document scellé",
        description="Un document scellé n'est jamais modifié : la mention complémentaire le "
        "désigne par son identifiant et son empreinte, et est scellée à son tour.",
    )
    p.add_argument("document", type=int, metavar="DOC_ID", help="numéro du document du coffre")
    p.add_argument(
        "--nature",
        required=True,
        choices=tuple(NATURES),
        help="; ".join(f"{k} : {v}" for k, v in NATURES.items()),
    )
    p.add_argument("--text", required=True, help="texte de la mention")
    p.add_argument("--cite", default="", help="passage du document d'origine visé (mot pour mot)")
    p.add_argument("--name", required=True, help="prénom et NOM de l'auteur de la mention")
    p.add_argument("--quality", default="", help="qualité de l'auteur (ex. capitaine, OPJ)")
    p.add_argument(
        "--signature",
        type=Path,
        required=True,
        metavar="SIGNATURE.png",
        help="signature manuscrite de l'auteur (image PNG recueillie sur la tablette)",
    )
    p.add_argument("--location", default="", help="lieu d'établissement")
    add_user_option(p)
    p.set_defaults(func=cmd_addendum)


def cmd_addendum(args) -> int:
    from desktop.core.pv.model import Signer, SignStatus
    from desktop.core.pv.signature import PNG_MAGIC
    from desktop.core.seal.addendum import create_addendum

    try:
        png = args.signature.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Signature illisible : « {args.signature} » ({exc.strerror})."
        ) from None
    if not png.startswith(PNG_MAGIC):
        raise InvalidInput("La signature doit être une image PNG.")
    author = Signer(
        "auteur de la mention", args.name, args.quality, SignStatus.SIGNED, image_png=png
    )
    with unlock(args) as session:
        doc = create_addendum(
            session,
            args.document,
            nature=args.nature,
            text=args.text,
            quoted=args.cite,
            signers=(author,),
            location=args.location,
        )
    print(f"Mention complémentaire scellée : document n° {doc.id} ({doc.meta['document_id']})")
    print(
        f"Elle complète {doc.meta['original_document_id']} (SHA-256 {doc.meta['original_sha256']})."
    )
    return 0
