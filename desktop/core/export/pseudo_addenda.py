"""The mentions complémentaires of the pseudonymised copy, pseudonymised like their PV.

A sealed addendum (desktop.core.seal.addendum) names its original by document id and by the
SHA-256 of the sealed file. In the copy, the original is the pseudonymised PV: the copy of
the addendum names THAT file (its COPIE-PSEUDO id and its hash), so `trame verify-bundle`
checks each addendum of the copy against its original as for a real export. The model is
rebuilt from the fields stored with the addendum in the vault (its "model" meta) and goes
through the same identity table as the PV; the sealed PDF is never edited.

    pieces = pseudonymised_addenda(session, vault_pv_id, pv_copy, pv_pdf, table, signer,
                                   stamp_name, first_number)
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime

from desktop.core.export.pseudonym import (
    PSEUDO_SEAL_WHO,
    IdentityTable,
    _footer,
    _header,
    _signer,
    add_name,
    redaction_png,
    seal_reports_initials,
)
from desktop.core.pv import words as w
from desktop.core.pv.model import Footer, SealSlot, Signer, SignStatus

KIND = "mention_complementaire_pseudonymisee"
LABEL = "Mention complémentaire (copie pseudonymisée)"
#: printed instead of the text of an addendum made before its fields were kept in the vault
NO_TEXT = (
    "Le texte de cette mention, faite par une version antérieure de Trame, n'a pas été "
    "conservé sous une forme pseudonymisable : il ne figure pas dans cette copie ; il se lit "
    "dans la mention d'origine, au dossier de la procédure."
)


def add_addenda_names(table: IdentityTable, addenda) -> None:
    """The names printed by the addenda (their signers) join the copy's identity table."""
    for d in addenda:
        for x in (d.meta.get("model") or {}).get("signers", ()):
            add_name(table, x.get("name", ""))


def addenda_texts(addenda) -> list[str]:
    """The free texts of the addenda that the copy prints (their text, quoted passage,
    original title, place, signers' quality and reason): the review screen reads them too."""
    out: list[str] = []
    for d in addenda:
        fields = d.meta.get("model") or {}
        out += [fields.get(k, "") for k in ("text", "quoted", "original_title", "made_place")]
        for x in fields.get("signers", ()):
            out += [x.get("quality", ""), x.get("reason", "")]
    return [str(x) for x in out if x]


def _model(d, table: IdentityTable, original_id: str, original_sha: str, header):
    from desktop.core.pv.addendum import addendum_document

    fields = d.meta.get("model") or {}
    s = table.scrub
    made = fields.get("made_at", "")
    month = ""
    if made:  # exact dates go: the month and year stay, as for the PV
        when = datetime.fromisoformat(made)
        month = f"mention de {w.MONTHS[when.month - 1]} {when.year}"
    signers = tuple(
        _signer(
            Signer(
                x.get("role", ""),
                x.get("name", ""),
                x.get("quality", ""),
                SignStatus(x.get("status", SignStatus.SIGNED.value)),
                x.get("reason", ""),
                # the handwritten signature is never copied: a hatched box stands for it
                image_png=redaction_png() if x.get("status") == SignStatus.SIGNED else None,
            ),
            table,
        )
        for x in fields.get("signers", ())
    )
    doc = addendum_document(
        original_id=original_id,
        original_sha256=original_sha,
        original_title=s(fields.get("original_title", "")) or "procès-verbal d'audition",
        nature=d.meta.get("nature", "observation"),
        text=s(fields.get("text", "")) or NO_TEXT,
        quoted=s(fields.get("quoted", "")),
        signers=signers,
        header=dataclasses.replace(
            header, affaire=" — ".join(x for x in (header.affaire, month) if x)
        ),
        footer=_footer(Footer(d.meta.get("document_id", f"MC-{d.id}"))),
        made_at=None,
        made_place=s(fields.get("made_place", "")),
    )
    return dataclasses.replace(doc, seals=(SealSlot("sceau_copie", PSEUDO_SEAL_WHO),))


def pseudonymised_addenda(
    session,
    vault_pv_id: int,
    pv_copy,
    pv_pdf: bytes,
    table: IdentityTable,
    signer,
    stamp_name: str,
    first_number: int,
) -> list:
    """Sealed pseudonymised copies of the vault's addenda to the PV `vault_pv_id`, as export
    Pieces numbered from `first_number`; each names `pv_copy` (the pseudonymised PV model)
    and `pv_pdf` (its sealed bytes). [] when the PV has no addendum."""
    from desktop.core.export.bordereau import marked
    from desktop.core.export.bordereau import template as bordereau_template
    from desktop.core.export.pieces import Piece, check_piece
    from desktop.core.pv.addendum import addenda_of
    from desktop.core.pv.documents import render_report
    from desktop.core.seal.seal import seal_pdf

    bt = bordereau_template()
    label, line = bt.text("pseudo_label"), bt.text("pseudo_footer")
    original_id = pv_copy.footer.document_id
    original_sha = hashlib.sha256(pv_pdf).hexdigest()
    pieces = []
    for n, d in enumerate(addenda_of(session, vault_pv_id), start=first_number):
        doc = _model(d, table, original_id, original_sha, _header(pv_copy.header, table))
        rendered = render_report(
            doc,
            extra_meta={"originalId": original_id, "originalSha256": original_sha},
            mark=lambda f: marked(f, label, line),
        )
        pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals, stamp_name=stamp_name)
        name = f"{n:02d}-mention-complementaire-copie-pseudonymisee.pdf"
        pieces.append(
            Piece(
                file=name,
                kind=KIND,
                label=LABEL,
                title="",
                content=pdf,
                report=seal_reports_initials(check_piece(name, pdf)),
            )
        )
    return pieces
