"""`trame export CASE --out DIR [--recording FILE --scelle NUMERO] [--pseudonymised]`.

CASE is the case id shown by `trame cases list`, or its procedure number. The bundle is
written atomically into a new folder inside DIR; the path is printed at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import add_user_option, unlock
from desktop.core.errors import InvalidInput


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="exporter un dossier vers la procédure (pièces scellées, manifeste, bordereau)",
        description="Écrit dans un nouveau dossier, à l'intérieur de DOSSIER, les PDF scellés "
        "du dossier (PV, annexes, CMI transmis, fiche de signalement), manifest.json avec "
        "l'empreinte SHA-256 de chaque pièce et un bordereau de transmission scellé. "
        "Écriture atomique : un export interrompu ne laisse rien, ou un export complet.",
    )
    p.add_argument("case", metavar="DOSSIER_ID", help="id du dossier ou numéro de procédure")
    p.add_argument("--out", type=Path, required=True, metavar="DOSSIER", help="dossier cible")
    p.add_argument(
        "--recording",
        type=Path,
        metavar="FICHIER",
        help="fichier de l'enregistrement audiovisuel (706-52) dont l'empreinte est consignée",
    )
    p.add_argument("--scelle", metavar="NUMERO", default="", help="n° du scellé de l'original")
    p.add_argument(
        "--pseudonymised",
        action="store_true",
        help="copie pseudonymisée pour associations et statistiques (initiales, âge)",
    )
    add_user_option(p)
    p.set_defaults(func=cmd_export)


def resolve_case(session, text: str) -> int:
    """A case id, or a procedure number (exact match)."""
    text = (text or "").strip()
    if text.isdigit() and session.cases.get(int(text)) is not None:
        return int(text)
    matches = [c.id for c in session.cases.list() if c.procedure_number == text]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise InvalidInput(
            f"Plusieurs dossiers portent le numéro de procédure « {text} » : indiquez l'id "
            f"(trame cases list) parmi {', '.join(map(str, sorted(matches)))}."
        )
    raise InvalidInput(f"Dossier « {text} » introuvable (voir « trame cases list »).")


def cmd_export(args) -> int:
    from desktop.core.export.bundle import export_case, export_pseudonymised

    if args.pseudonymised and (args.recording or args.scelle):
        raise InvalidInput("La copie pseudonymisée ne mentionne pas l'enregistrement ni le scellé.")
    if args.recording is not None and not args.scelle.strip():
        raise InvalidInput("Indiquez le numéro de scellé de l'enregistrement : --scelle NUMERO.")
    with unlock(args) as session:
        case_id = resolve_case(session, args.case)
        if args.pseudonymised:
            result = export_pseudonymised(session, case_id, args.out)
        else:
            result = export_case(
                session, case_id, args.out, recording=args.recording, scelle=args.scelle
            )
    n = len(result.pieces)
    what = "Copie pseudonymisée écrite" if args.pseudonymised else "Export vers la procédure écrit"
    print(f"{what} : « {result.path} »")
    print(
        f"  {n} pièce{'s' if n > 1 else ''} scellée{'s' if n > 1 else ''}, bordereau de "
        "transmission scellé, manifest.json."
    )
    rec = result.manifest.get("recording")
    if rec:
        print(f"  Enregistrement (scellé n° {rec['scelle']}) : SHA-256 {rec['sha256']}")
    for item in result.skipped:
        print(
            f"  Non exporté : {item.title} (document n° {item.vault_document_id}), {item.reason}."
        )
    print(f"  Vérification : trame verify-bundle « {result.path} »")
    sys.stdout.flush()
    return 0
