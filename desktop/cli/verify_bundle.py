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
    p.set_defaults(func=cmd_verify_bundle)


def cmd_verify_bundle(args) -> int:
    from desktop.core.export.errors import BundleUnreadable
    from desktop.core.export.verify import verify_bundle

    try:
        report = verify_bundle(args.folder, recording=args.recording)
    except BundleUnreadable as exc:
        print(f"ILLISIBLE — {exc.message}")
        return 2
    data = report.manifest or {}
    kind = "copie pseudonymisée" if report.kind == "copie_pseudonymisee" else "export"
    if report.valid:
        n = len(data.get("pieces", []))
        print(
            f"VALIDE — {kind} « {report.path.name} » : {n} pièce{'s' if n > 1 else ''}, "
            "chaque empreinte et chaque sceau vérifiés ; bordereau et manifeste concordants ; "
            "aucune pièce retirée ni ajoutée."
        )
        for name in report.checked:
            print(f"  ✔ {name}")
        for addendum, original in report.addenda:
            print(f"  ✔ {addendum} : mention complémentaire de {original}, à lire avec lui")
        if report.recording_checked:
            rec = data.get("recording") or {}
            print(f"  ✔ enregistrement conforme (scellé n° {rec.get('scelle', '?')})")
    else:
        n = len(report.failing)
        print(
            f"INVALIDE — {kind} « {report.path.name} » : {n} élément{'s' if n > 1 else ''} "
            "en défaut."
        )
        for name, reason in report.problems:
            print(f"  ✘ {name} : {reason}")
    sys.stdout.flush()
    return 0 if report.valid else 1
