"""The skeleton of a text, used to find a name whatever its spelling.

NFKD with combining marks stripped, casefolded, apostrophe and hyphen variants unified,
spaces of any kind made plain, zero-width characters and soft hyphens removed, and the
Latin letters that Unicode does not decompose (ł, đ, ø, æ, œ, ı, ħ, þ) spelt with plain
letters. Every script keeps its own letters: « أمينة » and « Šukar » fold alike whether
typed precomposed, decomposed, with or without marks.

`fold()` also keeps, for each character of the skeleton, the index of the original
character it came from, so a match in the skeleton maps back to a span of the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from desktop.core.text.scripts import CONFUSABLES

_APOSTROPHES = "'’‘ʼʻ`´′‛＇"
_HYPHENS = "-‐‑‒–—―−﹣－⁃"
_SPACES = " \u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t\n\r"
_GONE = "\u200b\u200c\u200d\u2060\u00ad\ufeff\u200e\u200f"
_LETTERS = {
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ı": "i",
    "ħ": "h",
    "þ": "th",
    "ŧ": "t",
    "ŋ": "n",
    "ɨ": "i",
    **CONFUSABLES,
}


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    if ch in _SPACES:
        return " "
    if ch in _GONE:
        return ""
    out = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        c = c.casefold()
        out.append("".join(_LETTERS.get(x, x) for x in c))
    return "".join(out)


@dataclass(frozen=True)
class Folded:
    """A skeleton and, for each of its characters, the index of its original character."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of skeleton[start:end] (end exclusive, end > start)."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """The skeleton of `text` with its map back to the original indices."""
    chars: list[str] = []
    origin: list[int] = []
    text = text or ""
    for i, ch in enumerate(text):
        if (
            ch in _HYPHENS
            and text[i + 1 : i + 2] == "\n"
            or ch == "\n"
            and i
            and text[i - 1] in _HYPHENS
        ):
            continue  # « MAR-⏎TIN »: a word hyphenated across a line break is one word
        if ch.isascii():
            piece = ch.lower() if ch != "`" else "'"
        else:
            piece = _fold_char(ch)
        for c in piece:
            chars.append(c)
            origin.append(i)
    return Folded("".join(chars), tuple(origin))


def skeleton(text: str) -> str:
    """The skeleton alone: « N‘Diaye‑Lefèvre » and « n'diaye-lefevre » give the same."""
    if "\n" in (text or ""):
        return fold(text).text
    return "".join(
        (ch.lower() if ch != "`" else "'") if ch.isascii() else _fold_char(ch) for ch in text or ""
    )
