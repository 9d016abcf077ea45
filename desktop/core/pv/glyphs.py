"""What the embedded DejaVu fonts can draw, and a described placeholder for the rest.

DejaVu has no emoji and no glyph for control characters: reportlab would print an empty
box (.notdef), which PDF/A-2b forbids and which tells the reader nothing. Such characters
are printed as « [émoji : couronne] » (French name when the small table in emoji_fr.yaml
has it, the Unicode name otherwise). Variation selectors, skin-tone modifiers and joiners
of emoji sequences are dropped (they only modify the emoji before them).

Characters that the regular face has but the bold or oblique face lacks (Arabic has no
oblique glyphs in DejaVu) are printed in the regular face (`fallback_runs`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import yaml

_TABLE = Path(__file__).with_name("emoji_fr.yaml")
# modifiers that only change the glyph before them: dropped with no placeholder
_MODIFIERS = frozenset(
    [0x200D, 0x20E3, *range(0xFE00, 0xFE10), *range(0x1F3FB, 0x1F400), *range(0xE0020, 0xE0080)]
    + list(range(0xE0100, 0xE01F0))
)
_REGIONAL = range(0x1F1E6, 0x1F200)


@cache
def _cmaps() -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Code points of (the regular face, every text face, the regular and bold faces)."""
    from fontTools.ttLib import TTFont

    from desktop.core.pv import fonts

    sets = {}
    for name in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC):
        with TTFont(str(fonts.font_path(name)), lazy=True) as f:
            # reportlab writes a broken ToUnicode entry for characters beyond U+FFFF (five hex
            # digits): DejaVu's few emoticons would be extracted as other letters. Placeholders.
            sets[name] = frozenset(cp for cp in f.getBestCmap() if cp <= 0xFFFF)
    regular = sets[fonts.REGULAR]
    upright = regular & sets[fonts.BOLD]
    return regular, upright & sets[fonts.ITALIC], upright


def covered(ch: str, *, any_face: bool = False) -> bool:
    """True when every text face (or, `any_face`, at least the regular one) draws `ch`."""
    regular, every, _ = _cmaps()
    return ord(ch) in (regular if any_face else every)


@cache
def _french() -> dict[str, str]:
    return {str(k): str(v) for k, v in (yaml.safe_load(_TABLE.read_text("utf-8")) or {}).items()}


def _is_emoji(cp: int) -> bool:
    return (
        0x1F000 <= cp <= 0x1FAFF
        or 0x2600 <= cp <= 0x27BF
        or 0x2B00 <= cp <= 0x2BFF
        or 0x1F900 <= cp <= 0x1F9FF
    )


def placeholder(ch: str) -> str:
    """The printed description of a character no font can draw ("" for modifiers/controls).

    `ch`: one character. « [émoji : couronne] », « [caractère : tibetan letter ka] »,
    « [caractère U+E000] » (no Unicode name: private use, unassigned).
    """
    cp = ord(ch)
    cat = unicodedata.category(ch)
    if cp in _MODIFIERS or cat in ("Cc", "Cf", "Cs", "Mn", "Me", "Zl", "Zp"):
        return ""
    name = unicodedata.name(ch, "")
    if not name:
        return f"[caractère U+{cp:04X}]"
    label = _french().get(name, name.lower())
    kind = "émoji" if _is_emoji(cp) else "caractère"
    return f"[{kind}\u00a0: {label}]"


def _flag(a: str, b: str) -> str:
    code = chr(ord("A") + ord(a) - _REGIONAL.start) + chr(ord("A") + ord(b) - _REGIONAL.start)
    return f"[drapeau\u00a0: {code}]"


def fallback_runs(text: str) -> Iterator[tuple[bool, str]]:
    """`text` as runs of (needs_regular_face, chunk), with placeholders already substituted.

    A chunk flagged True holds characters only the regular face draws; every other
    character of the result is drawn by the regular, bold and oblique faces alike.
    """
    regular, every, _ = _cmaps()
    if all(ord(c) in every or c in "\n\t" for c in set(text)):
        yield False, text
        return
    out: list[str] = []
    fallback = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        cp = ord(ch)
        if cp in every or ch in "\n\t":
            piece, needs = ch, False
        elif cp in regular:
            piece, needs = ch, True
        elif cp in _REGIONAL and i + 1 < n and ord(text[i + 1]) in _REGIONAL:
            piece, needs = _flag(ch, text[i + 1]), False
            i += 1
        else:
            piece, needs = placeholder(ch), False
        i += 1
        if not piece:
            continue
        if needs != fallback and out:
            yield fallback, "".join(out)
            out = []
        fallback = needs
        out.append(piece)
    if out:
        yield fallback, "".join(out)


def printable(text: str) -> str:
    """`text` with every character the regular or bold face cannot draw replaced by its
    placeholder: for strings drawn straight on the canvas (page furniture), in either face.
    """
    if not text:
        return text
    _, _, upright = _cmaps()
    if all(ord(c) in upright for c in set(text)):
        return text
    return "".join(
        chunk if not needs else "".join(c if ord(c) in upright else placeholder(c) for c in chunk)
        for needs, chunk in fallback_runs(text)
    )
