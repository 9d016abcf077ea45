"""The visible stamp of a seal, in an embedded DejaVu Sans (PDF/A needs embedded fonts).

pyHanko writes glyph widths as if the font had 1000 units per em; DejaVu has 2048, so the
letters came out twice too far apart (PITFALLS.md). We rescale a copy of the font to
1000 upem and feed it to pyHanko's glyph accumulator. The rescale costs about half a second,
so its result is cached on disk (the user's cache folder, keyed by the source font's SHA-256
and the recipe): only the very first seal on a machine pays for it.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from desktop.core.paths import APP_NAME
from desktop.core.pv import fonts

# Bump when the subsetting or scaling below changes: old cache files are then ignored.
RECIPE = "stamp-font-1"

STAMP_FONT_SIZE = 7
STAMP_TEXT = (
    "Sceau d'intégrité électronique\n"
    "Apposé par : %(signer)s\n"
    "Le : %(quand)s\n"
    "Certificat SHA-256 : %(fp1)s\n"
    "%(fp2)s"
)


def cache_dir() -> Path:
    """Folder of derived, non-sensitive files (the rescaled stamp font): `TRAME_CACHE`, else
    the platform cache folder (e.g. ~/.cache/Trame)."""
    env = os.environ.get("TRAME_CACHE")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


@cache
def rescaled_font() -> bytes:
    """DejaVu Sans subset to Latin and rescaled to 1000 units per em, as TrueType bytes.

    Read from the disk cache when a file made from the same source font and recipe is there;
    otherwise built with fontTools (~0.5 s) and written there atomically. A cache that cannot
    be read or written (read-only home, full disk) only costs the rebuild.
    """
    source = fonts.font_path(fonts.REGULAR).read_bytes()
    digest = hashlib.sha256(source + RECIPE.encode()).hexdigest()[:32]
    path = cache_dir() / f"stamp-{digest}.ttf"
    try:
        data = path.read_bytes()
        if _is_rescaled(data):
            return data
    except OSError:
        pass
    data = _build_rescaled_font(source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass
    return data


def _is_rescaled(data: bytes) -> bool:
    """True when `data` parses *entirely* as a TrueType font of 1000 units per em, every
    glyph included (a damaged or foreign cache file is rebuilt, never handed to pyHanko: a
    file whose header was intact but whose glyph table was not made every seal fail). ~0.2 s.
    """
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), lazy=False)
        if font["head"].unitsPerEm != 1000 or "glyf" not in font or not font.getBestCmap():
            return False
        font.ensureDecompiled()
        font.save(io.BytesIO())  # what pyHanko does with it: recompiles every table
        return True
    except Exception:  # noqa: BLE001 - any parse failure means "rebuild"
        return False


def _build_rescaled_font(source: bytes) -> bytes:
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
    out = io.BytesIO()
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
