"""Sealed addenda: a sealed document is never edited, a « mention complémentaire » is added.

Art. A.53-4 CPP: once signed, no element of the act may be changed. A rectification of a
material error, a later observation or a signature obtained later is a short act of its own:
it names the original by document id and by the SHA-256 of the sealed file, quotes what it
corrects, carries its own signatures and its own seal, and goes into the export beside the
original (export/pieces.yaml).

    doc = addendum_document(original_id=…, original_sha256=…, …)   # the model
    # sealed and stored by desktop.core.seal.addendum.create_addendum
    addenda_of(session, original_doc_id)        # the vault's addenda of one document
    addenda_for_sha256(session, sha)            # the same, from the original file's hash
    check_against_original(addendum_props, original_bytes) -> French problem or ""
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from desktop.core.errors import InvalidInput
from desktop.core.pv.model import Footer, Header, ReportDocument, SealSlot, Section

KIND = "mention_complementaire"
TEMPLATE_ID = "pv_mention_complementaire"
AUTHOR_ROLE = "auteur de la mention"  # the pad role of the CLI and the UI dialog
#: nature key -> what is printed (and shown by `trame addendum --help`)
NATURES = {
    "rectification": "Rectification d'une erreur matérielle",
    "observation": "Observation ultérieure",
    "signature": "Signature recueillie ultérieurement",
}


def _grouped(sha: str) -> str:
    """The 64 hex digits in groups of 16, so that the line can wrap in a table cell."""
    return " ".join(sha[i : i + 16] for i in range(0, len(sha), 16))


def addendum_document(
    *,
    original_id: str,
    original_sha256: str,
    original_title: str,
    nature: str,
    text: str,
    quoted: str = "",
    signers: tuple = (),
    header: Header,
    footer: Footer,
    made_at: datetime,
    made_place: str = "",
) -> ReportDocument:
    """The addendum as a report model (rendered by desktop.core.pv.documents.render_report).

    Raises InvalidInput (French) for an unknown nature or an empty text."""
    if nature not in NATURES:
        raise InvalidInput(
            f"Nature de mention inconnue « {nature} » (choix : {', '.join(NATURES)})."
        )
    text = str(text or "").strip()
    if not text:
        raise InvalidInput("Le texte de la mention complémentaire est vide.")
    sections = [
        Section(
            "DOCUMENT COMPLÉTÉ",
            rows=(
                ("Document", original_title or "document scellé"),
                ("Identifiant", original_id),
                ("Empreinte SHA-256 du fichier scellé", _grouped(original_sha256)),
            ),
            paragraphs=(
                "Ce document, scellé, n'est pas modifié : la présente mention s'y ajoute et "
                "doit être lue avec lui.",
            ),
        ),
        Section("NATURE DE LA MENTION", paragraphs=(NATURES[nature] + ".",)),
    ]
    if quoted.strip():
        sections.append(Section("PASSAGE VISÉ DU DOCUMENT D'ORIGINE", quotes=(quoted.strip(),)))
    sections.append(Section("MENTION", paragraphs=tuple(p for p in text.split("\n") if p.strip())))
    who = signers[0].name if signers else "auteur"
    return ReportDocument(
        kind=KIND,
        header=header,
        title="MENTION COMPLÉMENTAIRE",
        sections=tuple(sections),
        made_at=made_at,
        made_place=made_place,
        signers=tuple(signers),
        footer=footer,
        seals=(SealSlot("sceau_auteur", who),),
    )


def addenda_of(session, original_doc_id: int) -> list:
    """The vault's sealed addenda of one document, oldest first."""
    original = session.documents.get(int(original_doc_id))
    if original is None:
        return []
    return [
        d
        for d in session.documents.for_case(original.case_id, KIND)
        if d.meta.get("original_document") == original.id
    ]


def addenda_for_sha256(session, sha256: str) -> list:
    """Addenda, in any case of the vault, of the sealed file whose SHA-256 is given."""
    sha = sha256.lower()
    out = []
    for case in session.cases.list():
        out += [
            d
            for d in session.documents.for_case(case.id, KIND)
            if d.meta.get("original_sha256") == sha
        ]
    return out


def check_against_original(props: dict, original: bytes | None) -> str:
    """ "" when an addendum's XMP (originalId, originalSha256) names `original`; else why not.

    `original`: the bytes of the file whose document id is props["originalId"] (None: absent).
    """
    if original is None:
        return (
            f"mention complémentaire : son document d'origine « {props.get('originalId', '?')} »"
            " est absent"
        )
    if hashlib.sha256(original).hexdigest() != props.get("originalSha256", "").lower():
        return (
            "mention complémentaire : le document d'origine présent n'est pas celui qu'elle "
            f"complète (empreinte SHA-256 différente de {props.get('originalSha256', '?')})"
        )
    return ""
