"""The handwritten signatures the medical documents receive (bordereau, signalement)."""

from __future__ import annotations

#: a drawn signature is a PNG (desktop.ui.signing.SignaturePad.to_png); same magic as
#: desktop.core.pv.signature, kept here so that the medical layer does not import pv
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def is_png(value) -> bool:
    """True for PNG bytes (a signature drawn on screen); False for None or anything else."""
    return isinstance(value, bytes) and value.startswith(PNG_MAGIC)
