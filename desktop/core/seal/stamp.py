"""The visible stamp of a seal, in an embedded DejaVu Sans (PDF/A needs embedded fonts).

pyHanko writes glyph widths as if the font had 1000 units per em; DejaVu has 2048, so the
letters came out twice too far apart (PITFALLS.md). The stamp therefore uses a copy of DejaVu
Sans subset to Latin and rescaled to 1000 upem. That copy is made once, by
`python -m desktop.core.seal.stamp` when the fonts change, and ships with the application
(`resources/fonts/DejaVuSans-tampon.ttf`): no seal pays the half second of fontTools work,
and no file outside the installed application (a cache a user account can write) decides
what a stamp shows. A test checks that the shipped file is what the recipe makes from the
shipped DejaVu Sans.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from desktop.core.pv import fonts

STAMP_FONT_FILE = "DejaVuSans-tampon.ttf"
STAMP_FONT_SIZE = 7
STAMP_TEXT = (
    "Sceau d'intégrité électronique\n"
    "Apposé par : %(signer)s\n"
    "Le : %(quand)s\n"
    "Certificat SHA-256 : %(fp1)s\n"
    "%(fp2)s"
)


def shipped_font_path() -> Path:
    """Where the rescaled stamp font ships (beside the DejaVu fonts)."""
    return fonts.font_path(fonts.REGULAR).with_name(STAMP_FONT_FILE)


@cache
def rescaled_font() -> bytes:
    """The stamp font as TrueType bytes: the shipped file; built in memory (~0.5 s) only
    when a development checkout lacks it."""
    try:
        return shipped_font_path().read_bytes()
    except OSError:
        return build_rescaled_font(fonts.font_path(fonts.REGULAR).read_bytes())


def build_rescaled_font(source: bytes) -> bytes:
    """DejaVu Sans (`source`, TrueType bytes) subset to Latin and punctuation, rescaled to
    1000 units per em, with fixed dates in its header so that the result depends on the
    source and fontTools only."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(io.BytesIO(source))
    # Latin scripts and punctuation are enough for a stamp; subsetting first makes the
    # rescale take ~0.1 s instead of ~2 s.
    options = subset.Options()
    options.drop_tables += ["FFTM"]
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[*range(0x20, 0x250), *range(0x2000, 0x2070), 0x20AC, 0x2116])
    sub.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    font["head"].modified = font["head"].created
    out = io.BytesIO()
    font.recalcTimestamp = False
    font.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class _MemoryFontFactory(GlyphAccumulatorFactory):
    """A GlyphAccumulatorFactory reading the font from memory instead of a path."""

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer,
            font_handle=io.BytesIO(rescaled_font()),
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )


@cache
def stamp_style() -> TextStampStyle:
    factory = _MemoryFontFactory(font_file="", font_size=STAMP_FONT_SIZE)
    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=factory, font_size=STAMP_FONT_SIZE, leading=9),
        border_width=1,
        border_color=(0.2, 0.2, 0.45),
        background=None,
        timestamp_format="%d/%m/%Y %H:%M:%S %Z",
    )


def stamp_params(fingerprint: str, when: datetime | None = None) -> dict[str, str]:
    """Text of the stamp: the fingerprint on two lines, the time in the service's zone, named
    (desktop.core.servicetime: « heure de Paris » unless the service chose another zone)."""
    from desktop.core import servicetime

    half = len(fingerprint) // 2 + 1
    moment = servicetime.service_time(when or datetime.now(UTC))
    ts = f"{moment:%d/%m/%Y à %H:%M:%S} ({servicetime.zone_mention()})"
    return {"fp1": fingerprint[:half], "fp2": fingerprint[half:], "quand": ts}


if __name__ == "__main__":  # python -m desktop.core.seal.stamp: rebuild the shipped font
    target = shipped_font_path()
    target.write_bytes(build_rescaled_font(fonts.font_path(fonts.REGULAR).read_bytes()))
    print(f"{target} écrit ({target.stat().st_size} octets).", file=sys.stderr)
