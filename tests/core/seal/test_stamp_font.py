"""The stamp font ships with the application (issue 20: no first-seal penalty) and is what
the recipe makes from the shipped DejaVu Sans: same glyphs, outlines, widths and mapping."""

from __future__ import annotations

import io

from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from desktop.core.pv import fonts
from desktop.core.seal import stamp


def _shape(data: bytes) -> dict:
    font = TTFont(io.BytesIO(data))
    glyphs = font.getGlyphSet()
    outlines = {}
    for name in font.getGlyphOrder():
        pen = RecordingPen()
        glyphs[name].draw(pen)
        outlines[name] = (glyphs[name].width, pen.value)
    return {"upem": font["head"].unitsPerEm, "cmap": font.getBestCmap(), "glyphs": outlines}


def test_the_shipped_stamp_font_is_the_recipe_applied_to_the_shipped_dejavu():
    shipped = stamp.shipped_font_path().read_bytes()
    built = stamp.build_rescaled_font(fonts.font_path(fonts.REGULAR).read_bytes())
    assert _shape(shipped) == _shape(built)
    assert _shape(shipped)["upem"] == 1000


def test_sealing_reads_the_shipped_font_and_builds_nothing(monkeypatch):
    def no_build(_source):
        raise AssertionError("the stamp font was rebuilt")

    monkeypatch.setattr(stamp, "build_rescaled_font", no_build)
    stamp.rescaled_font.cache_clear()
    try:
        assert stamp.rescaled_font() == stamp.shipped_font_path().read_bytes()
    finally:
        stamp.rescaled_font.cache_clear()
