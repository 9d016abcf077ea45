"""The verifier's report as French lines, shared by `trame verify` and the verify screen."""

from __future__ import annotations

from desktop.core.pv.words import to_local


def _when(dt) -> str:
    if dt is None:
        return "heure non déclarée"
    from desktop.core.servicetime import zone_mention

    local = to_local(dt)
    return f"{local:%d/%m/%Y à %H:%M:%S} ({zone_mention()}, déclarée par le signataire)"


def report_lines(report) -> list[str]:
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
