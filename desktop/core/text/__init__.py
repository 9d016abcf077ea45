"""Text at the boundary: normalisation of what users type or paste, and the skeleton used
to match names whatever their spelling (what the fonts can print: desktop.core.pv.glyphs).

    clean_text("Le\u0301a\u200b")          -> "Léa"        (NFC, zero-width removed)
    clean_value({"a": ["x\x07"]})          -> {"a": ["x"]} (every string of a JSON value)
    skeleton("N‘Diaye‑Lefèvre")            -> "n'diaye-lefevre"
"""

from __future__ import annotations

from desktop.core.text.normalize import MAX_FIELD_CHARS, TextRefused, clean_text, clean_value, tidy
from desktop.core.text.skeleton import Folded, fold, skeleton

__all__ = [
    "MAX_FIELD_CHARS",
    "Folded",
    "TextRefused",
    "clean_text",
    "clean_value",
    "fold",
    "skeleton",
    "tidy",
]
