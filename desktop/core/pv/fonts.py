"""The DejaVu fonts shipped in resources/fonts/, registered once with reportlab."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from desktop.core.paths import resources_root

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
MONO = "DejaVuSansMono"
# The regular face under a second name with no bold/italic mapping: characters that only
# the regular face draws (Arabic has no oblique glyph in DejaVu) are printed with it inside
# bold or italic text (desktop.core.pv.glyphs.fallback_runs).
FALLBACK = "DejaVuSans-Fallback"

FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    MONO: "DejaVuSansMono.ttf",
    FALLBACK: "DejaVuSans.ttf",
}


def font_path(name: str) -> Path:
    path = resources_root() / "fonts" / FILES[name]
    if not path.is_file():
        from desktop.core.errors import TrameError

        raise TrameError(
            f"Police introuvable : « {path} ». Réinstallez Trame (dossier resources/fonts)."
        )
    return path


@cache
def register() -> None:
    """Register the fonts and the bold/italic family so <b> and <i> work in paragraphs."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FALLBACK, bold, italic, FALLBACK)
