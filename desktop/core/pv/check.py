"""What a document must contain before it can be sealed; the list of what is missing.

missing = missing_elements(doc)        # [] when complete, French phrases otherwise
require_complete(doc)                  # raises IncompleteDocument listing them
"""

from __future__ import annotations

from desktop.core.errors import TrameError
from desktop.core.pv.binding import stale_message, stale_signers
from desktop.core.pv.model import CmiDocument, PvDocument, ReportDocument, SignStatus

ROLE_HEARD = "personne entendue"
ROLE_OFFICER = "officier de police judiciaire"
ROLE_AGENT = "agent de police judiciaire"


class IncompleteDocument(TrameError):
    def __init__(self, what: str, missing: list[str]):
        lines = "\n".join(f"  – {m}" for m in missing)
        super().__init__(f"{what} ne peut pas être scellé ; il manque :\n{lines}")
        self.missing = missing


def _signers(doc, out: list[str]) -> None:
    for s in doc.signers:
        who = s.name or s.role or "un signataire"
        if not s.name:
            out.append(f"l'identité du signataire « {s.role} » (article A.53-4)")
        if s.status is SignStatus.PENDING:
            out.append(f"la signature de {who}, ou la mention de son refus ou de son impossibilité")
        elif s.status is SignStatus.SIGNED and not s.image_png:
            out.append(f"l'image de la signature manuscrite de {who}")
    stale = [s for s in stale_signers(doc) if s.content_sha256]
    if stale:
        out.append(stale_message(stale))


def _author_signs(doc, out: list[str]) -> None:
    """The author of a certificate, report or fiche signs it: refusing or being unable to
    sign one's own document makes no sense (a PV's person heard may refuse, not its author)."""
    author = doc.signers[0] if doc.signers else None
    if author is not None and author.status in (SignStatus.REFUSED, SignStatus.UNABLE):
        who = author.name or author.role
        out.append(f"la signature manuscrite de {who}, auteur du document")


def _seals(doc, out: list[str]) -> None:
    if not doc.seals:
        out.append("l'emplacement du sceau d'intégrité")
    if not doc.footer.document_id:
        out.append("l'identifiant du document")
    if doc.draft:
        out.append("la version définitive (un projet n'est jamais scellé)")


def pv_missing(doc: PvDocument) -> list[str]:
    out: list[str] = []
    h = doc.header
    if not h.service_lines:
        out.append("le service (en-tête)")
    if not h.procedure_number:
        out.append("le numéro de procédure")
    if not h.pv_number:
        out.append("le numéro de procès-verbal")
    if not h.cadre:
        out.append("le cadre d'enquête")
    if not doc.officer.name:
        out.append("l'identité de l'officier de police judiciaire")
    if not doc.officer.grade:
        out.append("le grade de l'officier")
    if doc.officer.quality == ROLE_AGENT and not doc.officer.seconded_opj:
        out.append("l'officier de police judiciaire que l'agent seconde (article 20)")
    if not doc.directing_magistrate:
        out.append(
            "le magistrat dirigeant l'enquête (procureur de la République ou juge d'instruction)"
        )
    if doc.started_at is None:
        out.append("la date et l'heure du début de l'audition")
    if not doc.place:
        out.append("le lieu de l'audition")
    if not doc.articles:
        out.append("les articles visés (« Vu les articles … »)")
    p = doc.person
    if not (p.last_name and p.first_name):
        out.append("le nom et le prénom de la personne entendue")
    if not p.birth_date:
        out.append("la date de naissance de la personne entendue")
    if not doc.rights_notified:
        out.append("la notification des droits (article 10-2 du code de procédure pénale)")
    for right in doc.rights_missing:
        out.append(f"la notification du droit : {right}")
    r = doc.recording
    if r.mode not in ("audiovisuel", "sonore", "impossible"):
        out.append("la mention de l'enregistrement audiovisuel (article 706-52)")
    if r.mode == "impossible":
        if not r.impossibility.strip():
            out.append("la nature de l'impossibilité technique d'enregistrer (article 706-52)")
        if not r.magistrate_notified.strip():
            out.append("le magistrat avisé de l'impossibilité d'enregistrer")
    if r.mode in ("audiovisuel", "sonore") and not r.seal_number.strip():
        out.append("le numéro du scellé fermé de l'enregistrement original (article 706-52)")
    if r.mode == "sonore" and not r.audio_only_decision.strip():
        out.append("la décision du magistrat autorisant un enregistrement sonore seul")
    if not doc.evvi:
        out.append("les éléments de l'évaluation personnalisée (EVVI, article D1-4)")
    qr = [e for e in doc.body if e.kind == "qr"]
    if not qr:
        out.append("au moins une question et sa réponse (article 429)")
    for i, e in enumerate(qr, start=1):
        if not e.question.strip():
            out.append(f"la question n°\u00a0{i} : toute réponse doit être précédée de sa question")
        if not e.answer.strip():
            out.append(f"la réponse à la question n°\u00a0{i} (ou la mention du silence)")
    suspended = None
    for e in doc.body:
        if e.kind == "pause":
            suspended = e
        elif e.kind == "reprise":
            suspended = None
    if suspended is not None:
        out.append("l'heure de reprise après une suspension")
    if doc.ended_at is None:
        out.append("l'heure de fin de l'audition")
    elif doc.started_at and doc.ended_at < doc.started_at:
        out.append("une heure de fin postérieure au début")
    roles = {s.role for s in doc.signers}
    if ROLE_HEARD not in roles:
        out.append("le signataire « personne entendue »")
    if ROLE_OFFICER not in roles and ROLE_AGENT not in roles:
        out.append("le signataire « officier de police judiciaire » (ou agent)")
    if any("interprète" in x.quality for x in doc.present) and not any(
        "interprète" in s.role for s in doc.signers
    ):
        out.append("la signature de l'interprète")
    if doc.presence_required and not doc.presence_decision:
        names = ", ".join(doc.presence_required)
        out.append(f"la décision du magistrat autorisant la présence de {names} (article 706-53)")
    signer_names = {_skeleton(s.name) for s in doc.signers}
    for name in doc.presence_required:
        if _skeleton(name) not in signer_names:
            out.append(f"la signature de {name}, présent(e) au titre de l'article 706-53")
    _signers(doc, out)
    _seals(doc, out)
    return out


_CIVILITY = {"m", "mme", "mlle", "dr", "me", "pr"}


def _skeleton(name: str) -> str:
    """« M. Étienne ŒHLER » and « Étienne Œhler » compare equal (civility, case, accents)."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", name.lower().replace("œ", "oe"))
    words = "".join(c for c in folded if not unicodedata.combining(c)).replace(".", " ").split()
    return " ".join(w for w in words if w not in _CIVILITY)


def report_missing(doc: ReportDocument) -> list[str]:
    out: list[str] = []
    if not doc.header.service_lines:
        out.append("le service (en-tête)")
    if not doc.header.procedure_number:
        out.append("le numéro de procédure ou de dossier")
    if doc.made_at is None:
        out.append("la date et l'heure d'établissement")
    if not doc.sections:
        out.append("le contenu du document")
    if not doc.signers:
        out.append("le signataire")
    _author_signs(doc, out)
    _signers(doc, out)
    _seals(doc, out)
    return out


def cmi_missing(doc: CmiDocument) -> list[str]:
    out: list[str] = []
    if not doc.doctor_name:
        out.append("l'identité du médecin")
    if not (doc.patient.last_name and doc.patient.first_name):
        out.append("l'identité de la personne examinée")
    if doc.examined_at is None:
        out.append("la date et l'heure de l'examen")
    if not doc.requisition:
        out.append("la réquisition (autorité, numéro) ou la demande de la victime")
    if doc.itt_days is None:
        out.append("la durée d'incapacité totale de travail (ITT)")
    if doc.made_at is None:
        out.append("la date d'établissement du certificat")
    if not doc.signers:
        out.append("la signature du médecin (son auteur)")
    _author_signs(doc, out)
    _signers(doc, out)
    _seals(doc, out)
    return out


def missing_elements(doc) -> list[str]:
    if isinstance(doc, PvDocument):
        return pv_missing(doc)
    if isinstance(doc, CmiDocument):
        return cmi_missing(doc)
    return report_missing(doc)


def require_complete(doc) -> None:
    missing = missing_elements(doc)
    if missing:
        what = {
            PvDocument: "Le procès-verbal",
            CmiDocument: "Le certificat médical",
        }.get(type(doc), "Le document")
        raise IncompleteDocument(what, missing)
