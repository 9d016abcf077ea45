"""`trame verify FILE.pdf [--recording FILE]`: VALIDE or INVALIDE, with the reason in French.

Exit 0 valid, 1 invalid, 2 unreadable. Needs no vault and no password: anyone can verify.
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
    p.set_defaults(func=cmd_verify)


def cmd_verify(args) -> int:
    from desktop.core.seal.verify import Unreadable, verify_pdf

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        print(f"ILLISIBLE — fichier inaccessible : « {args.file} » ({exc.strerror}).")
        return 2
    try:
        report = verify_pdf(data, recording=args.recording)
    except Unreadable as exc:
        print(f"ILLISIBLE — {exc.message}")
        return 2
    for line in report_lines(report):
        print(line)
    sys.stdout.flush()
    return 0 if report.valid else 1
