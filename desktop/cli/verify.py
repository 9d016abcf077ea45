"""`trame verify FILE.pdf [--recording FILE]`: VALIDE or INVALIDE, with the reason in French.

Exit 0 valid, 1 invalid, 2 unreadable. Needs no vault and no password: anyone can verify.
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.core.pv.words import to_local


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


def _when(dt) -> str:
    if dt is None:
        return "heure non déclarée"
    local = to_local(dt)
    return f"{local:%d/%m/%Y à %H:%M:%S} (heure de Paris, déclarée par le signataire)"


def format_report(report) -> list[str]:
    lines = [("VALIDE" if report.valid else "INVALIDE") + " — " + report.reason]
    for extra in report.problems[1:]:
        lines.append(f"  Autre problème : {extra}")
    props = report.properties
    if props.get("documentId"):
        lines.append(
            f"Document : {props['documentId']} ({props.get('documentKind', '?')}), modèle "
            f"{props.get('templateId', '?')} v{props.get('templateVersion', '?')}"
        )
    if props.get("auditHead"):
        seq, _, digest = props["auditHead"].partition(":")
        lines.append(f"Chaîne d'audit du coffre à l'émission : entrée n° {seq}, {digest}")
    if report.pdfa:
        lines.append(f"Format déclaré : PDF/A-{report.pdfa}")
    for i, seal in enumerate(report.seals, start=1):
        state = "intact" if seal.intact and seal.valid else seal.problem or "invalide"
        if seal.intact and seal.valid and seal.problem:
            state = seal.problem
        lines.append(f"Sceau n° {i} « {seal.field} » : {state}")
        lines.append(f"  Apposé par : {seal.signer}")
        lines.append(f"  Le : {_when(seal.claimed_time)}")
        origin = "certificat auto-signé" if seal.self_signed else "certificat émis par une autorité"
        lines.append(f"  Empreinte du certificat (SHA-256) : {seal.fingerprint} ({origin})")
        if seal.docmdp:
            lines.append(f"  Règle après ce sceau : {seal.docmdp}")
    if report.recording_checked is True:
        lines.append("Enregistrement : conforme à l'empreinte consignée dans le PV.")
    if report.seals and any(s.self_signed for s in report.seals):
        lines.append(
            "Rappel : un certificat auto-signé prouve l'intégrité du document, pas l'identité "
            "de son titulaire ; comparez l'empreinte à celle communiquée par le service."
        )
    return lines


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
    for line in format_report(report):
        print(line)
    sys.stdout.flush()
    return 0 if report.valid else 1
