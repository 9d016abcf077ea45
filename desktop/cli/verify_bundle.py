"""`trame verify-bundle DIR [--recording FILE]`: every hash and every seal of an export.

Exit 0 valid, 1 invalid (each failing file is named), 2 unreadable (not an export).
Needs no vault and no password: whoever receives the bundle can verify it.
"""

from __future__ import annotations

import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "verify-bundle",
        help="vérifier un export vers la procédure (empreintes, sceaux, pièces manquantes)",
        description="Recalcule l'empreinte SHA-256 de chaque pièce, vérifie chaque sceau et "
        "le bordereau, et nomme chaque pièce modifiée, retirée ou ajoutée. "
        "Code de sortie : 0 valide, 1 invalide, 2 illisible.",
    )
    p.add_argument("folder", type=Path, metavar="DOSSIER")
    p.add_argument(
        "--recording",
        type=Path,
        metavar="FICHIER",
        help="enregistrement audiovisuel à comparer à l'empreinte consignée dans le manifeste",
    )
    p.add_argument(
        "--require-trusted",
        action="store_true",
        help="un sceau dont le certificat n'est pas sur la liste de confiance locale rend "
        "l'export INVALIDE (code 1)",
    )
    p.set_defaults(func=cmd_verify_bundle)


def cmd_verify_bundle(args) -> int:
    from desktop.core.admin.bundle_check import check_bundle, line_text

    verdict = check_bundle(
        args.folder,
        recording=args.recording,
        require_trusted=getattr(args, "require_trusted", False),
    )
    print(verdict.headline)
    for line in verdict.lines:
        print(f"  {line_text(line)}")
    for name, identity in verdict.identities:  # who vouches: the local trust list only
        print(f"  Identité ({name}) : {identity}")
    sys.stdout.flush()
    return verdict.exit_code
