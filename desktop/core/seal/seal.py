"""Apply a PAdES B-B integrity seal with pyHanko, in memory.

    rendered = render_pv(doc)                       # PDF/A bytes + where the seal boxes are
    sealed = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    sealed2 = seal_pdf(sealed, second_signer)       # the next empty field, if any

Rules:
- every seal field is created with the first seal, in one incremental update;
- the first seal certifies the document (DocMDP): "no changes" if it is the only seal,
  "form filling and signing" if more seals are expected;
- the last field carries a /Lock with /P 1: once it is signed nothing may change;
- a document that is not Trame's, or whose existing seals no longer verify, is refused;
- the input bytes are never modified: a new bytes object is returned.

pyHanko's synchronous API runs its own asyncio loop: call this from a worker thread.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import (
    FieldMDPAction,
    FieldMDPSpec,
    MDPPerm,
    SigFieldSpec,
    SigSeedSubFilter,
)

from desktop.core.errors import TrameError
from desktop.core.logging import log_event
from desktop.core.pv.glyphs import printable
from desktop.core.seal import stamp
from desktop.core.seal.certs import check_usable, fingerprint
from desktop.core.seal.signer import Signer
from desktop.core.text import tidy


def _register_xmp_prefix() -> None:
    """pyHanko rewrites the XMP with lxml: keep our declared prefix instead of "ns0"."""
    from lxml import etree

    from desktop.core.pv.xmpnames import TRAME_NS, TRAME_PREFIX

    etree.register_namespace(TRAME_PREFIX, TRAME_NS)


_register_xmp_prefix()

SEAL_REASON = "Sceau d'intégrité (Trame) — ce n'est pas une signature électronique qualifiée"


class SealError(TrameError):
    pass


def _reader(pdf: bytes) -> PdfFileReader:
    try:
        return PdfFileReader(io.BytesIO(pdf), strict=False)
    except (PdfError, ValueError, KeyError, IndexError, TypeError):
        raise SealError(
            "Ce fichier n'est pas un PDF lisible : aucun sceau n'a été apposé."
        ) from None


def signature_fields(pdf: bytes) -> list[tuple[str, bool]]:
    """The document's signature fields in order, with whether each is already signed."""
    reader = _reader(pdf)
    return [(name, value is not None) for name, value, _ in fields.enumerate_sig_fields(reader)]


def _is_trame(reader: PdfFileReader) -> bool:
    from desktop.core.seal.verify import trame_properties

    return bool(trame_properties(reader).get("documentId"))


def seal_pdf(
    pdf: bytes,
    signer: Signer,
    *,
    placements=None,
    field: str | None = None,
    location: str = "",
    reason: str = SEAL_REASON,
    stamp_name: str | None = None,
) -> bytes:
    """Seal `pdf` with `signer` in the next empty seal field (or `field`).

    `stamp_name`: the name printed in the visible stamp instead of the certificate's (the
    pseudonymised copy prints initials).

    :raises SealError: not a Trame PDF, no seal field planned, or no empty field left."""
    reader = _reader(pdf)
    if not _is_trame(reader):
        raise SealError(
            "Ce PDF n'a pas été produit par Trame (métadonnées absentes) : il n'est pas scellé."
        )
    existing = [(n, v is not None) for n, v, _ in fields.enumerate_sig_fields(reader)]
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    if not existing:
        if not placements:
            raise SealError("Aucun emplacement de sceau n'est prévu dans ce document.")
        for i, p in enumerate(placements):
            last = i == len(placements) - 1
            lock = last and len(placements) > 1
            spec = SigFieldSpec(
                sig_field_name=p.name,
                on_page=p.page,
                box=tuple(round(v, 2) for v in p.box),
                # the last of several seals locks everything once signed (/Lock with /P 1)
                field_mdp_spec=FieldMDPSpec(FieldMDPAction.ALL) if lock else None,
                doc_mdp_update_value=MDPPerm.NO_CHANGES if lock else None,
            )
            fields.append_signature_field(writer, spec)
        existing = [(p.name, False) for p in placements]
    else:
        from desktop.core.seal.verify import verify_pdf

        report = verify_pdf(pdf, require_complete=False)
        if not report.valid:
            raise SealError(
                "Le document a été modifié depuis son premier sceau ; aucun nouveau sceau n'est "
                f"apposé. ({report.reason})"
            )
    empty = [n for n, signed in existing if not signed]
    if not empty:
        raise SealError("Tous les sceaux prévus ont déjà été apposés : le document est clos.")
    target = field or empty[0]
    if target not in empty:
        raise SealError(f"Le champ de sceau « {target} » n'existe pas ou est déjà scellé.")
    first = all(not signed for _, signed in existing)
    only = len(existing) == 1
    check_usable_signer(signer)
    meta = signers.PdfSignatureMetadata(
        field_name=target,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=printable(tidy(stamp_name or signer.display_name)),
        certify=first,
        docmdp_permissions=MDPPerm.NO_CHANGES if (first and only) else MDPPerm.FILL_FORMS,
    )
    pdf_signer = signers.PdfSigner(
        meta, signer=signer.pyhanko_signer(), stamp_style=stamp.stamp_style()
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(
            writer,
            output=out,
            appearance_text_params={
                **stamp.stamp_params(fingerprint(signer.cert_der)),
                # the certificate's name comes from no vault boundary (trame cert, PKCS#12):
                # normalised and with placeholders, as every printed text (pv.glyphs)
                "signer": printable(tidy(stamp_name or signer.display_name)),
            },
        )
    except (PdfError, ValueError) as exc:
        raise SealError(f"Le sceau n'a pas pu être apposé : {exc}") from None
    log_event("seal.applied", field=target)
    return out.getvalue()


def check_usable_signer(signer: Signer) -> None:
    bundle = getattr(signer, "bundle", None)
    if bundle is not None:
        check_usable(bundle, datetime.now(UTC))
