"""Text at the boundary: normalisation of what users type or paste, what the fonts can print,
and the skeleton used to match names whatever their spelling.

    clean_text("Le\u0301a\u200b")          -> "Léa"        (NFC, zero-width removed)
    clean_value({"a": ["x\x07"]})          -> {"a": ["x"]} (every string of a JSON value)
    printable("👑 Léa")                     -> "[émoji : couronne] Léa"
    skeleton("N‘Diaye‑Lefèvre")            -> "n'diaye-lefevre"
"""

from __future__ import annotations

from desktop.core.text.glyphs import covered, placeholder, printable
from desktop.core.text.normalize import MAX_FIELD_CHARS, TextRefused, clean_text, clean_value
from desktop.core.text.skeleton import Folded, fold, skeleton

__all__ = [
    "MAX_FIELD_CHARS",
    "Folded",
    "TextRefused",
    "clean_text",
    "clean_value",
    "covered",
    "fold",
    "placeholder",
    "printable",
    "skeleton",
]
