"""Handwritten signatures as stored in a form answer, and as the PV model's Signer.

The form engine stores a `signature` field as JSON:
    {status: signe|refuse|ne_sait_pas_signer|ne_peut_pas_signer|absent,
     motif, name, image, signed_at, content_sha256}
`image` is the PNG drawn on the pad, base64-encoded (a "data:image/png;base64," prefix is
accepted). The signing pad (desktop/ui/signing) produces it with `signature_answer`.
`content_sha256` is the fingerprint of the text the signature approves, and `bound_name`
the name printed beside it in its signers' row (desktop.core.pv.binding.bind_answer adds
both when the signature is saved), with `bound_motif`, the reason of a refusal or inability
as it was recorded then (retyped afterwards, the act is « périmée »).
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime

from desktop.core.pv.model import Signer, SignStatus

FORM_TO_STATUS = {
    "signe": SignStatus.SIGNED,
    "refuse": SignStatus.REFUSED,
    "ne_sait_pas_signer": SignStatus.UNABLE,
    "ne_peut_pas_signer": SignStatus.UNABLE,
    "absent": SignStatus.ABSENT,
}
UNABLE_WORDS = {
    "ne_sait_pas_signer": "déclare ne pas savoir signer",
    "ne_peut_pas_signer": "ne peut pas signer",
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_IMAGE_BYTES = 2_000_000


def encode_png(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def decode_png(value: str | None) -> bytes | None:
    """The PNG bytes of a stored image, or None if absent or not a PNG."""
    if not value:
        return None
    text = value.split(",", 1)[1] if value.startswith("data:") else value
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not data.startswith(PNG_MAGIC) or len(data) > MAX_IMAGE_BYTES:
        return None
    return data


def signature_answer(
    status: str,
    *,
    image_png: bytes | None = None,
    name: str = "",
    motif: str = "",
    signed_at: datetime | None = None,
    content_sha256: str = "",
) -> dict:
    """The JSON value of a `signature` field (what the pad saves in the vault)."""
    if status not in FORM_TO_STATUS:
        raise ValueError(f"statut de signature inconnu : {status}")
    value: dict = {"status": status}
    if name:
        value["name"] = name
    if motif:
        value["motif"] = motif
    if image_png is not None and status == "signe":
        value["image"] = encode_png(image_png)
    value["signed_at"] = (signed_at or datetime.now().astimezone()).isoformat(timespec="seconds")
    if content_sha256:
        value["content_sha256"] = content_sha256
    return value


def signer_from_answer(
    value: dict | None,
    *,
    role: str,
    name: str,
    quality: str = "",
    initials_each_page: bool = False,
) -> Signer:
    """A Signer for the PV from a stored `signature` value (PENDING when empty)."""
    value = value or {}
    form_status = value.get("status")
    status = FORM_TO_STATUS.get(form_status, SignStatus.PENDING)
    reason = str(value.get("motif") or "")
    if form_status in UNABLE_WORDS and not reason:
        reason = UNABLE_WORDS[form_status]
    return Signer(
        role=role,
        name=name or str(value.get("name") or ""),
        quality=quality,
        status=status,
        reason=reason,
        image_png=decode_png(value.get("image")) if status is SignStatus.SIGNED else None,
        initials_each_page=initials_each_page,
        content_sha256=str(value.get("content_sha256") or ""),
        signed_at=str(value.get("signed_at") or ""),
        signed_as=str(value.get("bound_name") or ""),
        reason_changed="bound_motif" in value
        and _words(value.get("bound_motif")) != _words(value.get("motif")),
    )


def _words(text) -> str:
    return " ".join(str(text or "").split())
