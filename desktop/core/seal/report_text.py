"""The verifier's report as French lines, shared by `trame verify` and the verify screen."""

from __future__ import annotations

from desktop.core.servicetime import wall


def _when(dt) -> str:
    if dt is None:
        return "heure non déclarée"
    from desktop.core.servicetime import zone_mention

    local = wall(dt)
    return (
        f"{local:%d/%m/%Y à %H:%M:%S} ({zone_mention()}, déclarée par l'horloge du signataire, "
        "non attestée par un tiers)"
    )


def identity_line(seal) -> str:
    """« certificat reconnu : <label> » or « certificat inconnu : empreinte …, émetteur … »."""
    from desktop.core.seal.trust import visible

    # a look-alike name (seal.confusable) is flagged on the identity line itself, which is
    # also what `trame verify-bundle` and the CMI screen print
    flags = "".join(f". {x}" for x in getattr(seal, "name_warnings", ()))
    if seal.recognized:
        how = "" if seal.trust_direct else f" (certificat émis par « {visible(seal.issuer)} »)"
        source = getattr(seal, "trust_source", "")
        where = f" — selon la {visible(source)}" if source else ""
        return f"certificat reconnu : {visible(seal.trust_label)}{how}{where}{flags}"
    return (
        f"certificat inconnu : empreinte {seal.fingerprint}, "
        f"émetteur « {visible(seal.issuer or '?')} » "
        f"— l'identité de l'auteur n'est pas établie{flags}"
    )


def integrity_line(report) -> str:
    if not report.seals:
        return "Intégrité : aucun sceau lisible."
    broken = [s for s in report.seals if not (s.intact and s.valid) or s.problem]
    if broken or not report.valid and not _only_identity(report):
        return (
            "Intégrité : NON ÉTABLIE — le document a été modifié, endommagé ou n'est pas clos "
            "depuis son sceau (voir ci-dessus)."
        )
    return "Intégrité : le document n'a pas été modifié depuis son sceau."


def _only_identity(report) -> bool:
    return all("liste de confiance" in p for p in report.problems)


def report_lines(report) -> list[str]:
    lines = [("VALIDE" if report.valid else "INVALIDE") + " — " + report.reason]
    for extra in report.problems[1:]:
        lines.append(f"  Autre problème : {extra}")
    lines.append(integrity_line(report))
    for i, seal in enumerate(report.seals, start=1):
        lines.append(f"Identité (sceau n° {i}) : {identity_line(seal)}")
    props = report.properties
    if props.get("documentId"):
        lines.append(
            f"Document : {props['documentId']} ({props.get('documentKind', '?')}), modèle "
            f"{props.get('templateId', '?')} v{props.get('templateVersion', '?')}"
        )
    if props.get("originalId"):
        lines.append(
            f"Mention complémentaire au document {props['originalId']} (empreinte SHA-256 du "
            f"fichier complété : {props.get('originalSha256', '?')})"
        )
    if props.get("contentSha256"):
        lines.append(f"Contenu approuvé par les signatures (SHA-256) : {props['contentSha256']}")
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
        lines.append(f"  Apposé par : {seal.signer} (nom inscrit dans le certificat)")
        lines.append(f"  Le : {_when(seal.claimed_time)}")
        origin = "auto-signé" if seal.self_signed else f"émis par « {seal.issuer} »"
        lines.append(f"  Empreinte du certificat (SHA-256) : {seal.fingerprint} ({origin})")
        if seal.docmdp:
            lines.append(f"  Règle après ce sceau : {seal.docmdp}")
    if report.recording_checked is True:
        lines.append("Enregistrement : conforme à l'empreinte consignée dans le PV.")
    if report.seals and not all(s.recognized for s in report.seals):
        lines.append(
            "Rappel : un sceau prouve l'intégrité du document, pas l'identité de son auteur. "
            "Les certificats joints au PDF ne sont jamais tenus pour fiables ; seule la liste "
            "de confiance (trame trust) établit qui a scellé. Comparez l'empreinte à celle "
            "communiquée par le service."
        )
    return lines
