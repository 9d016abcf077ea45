"""Script facts the name matcher needs: homoglyphs and scripts written without spaces.

- `CONFUSABLES`: Cyrillic and Greek letters drawn like a Latin letter (after casefolding),
  spelt with that Latin letter in the skeleton, so that « Léа » typed with a Cyrillic « а »
  (U+0430), by mistake from a Cyrillic keyboard or to dodge a filter, still folds like
  « Léa ». Both the listed name and the text are folded alike, so a Cyrillic or Greek name
  still matches itself. Source: Unicode TR39 confusables (the single-letter Latin look-alikes).
- `unspaced(ch)`: letters of scripts written without spaces between words (Thai, Lao,
  Khmer, Myanmar, Han, Hiragana, Katakana) or taking attached particles (Hangul: « 지민이 »):
  a name in them has no word boundary to wait for.
"""

from __future__ import annotations

import unicodedata
from functools import cache

CONFUSABLES = {
    # Cyrillic (lower case: the skeleton is casefolded first)
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "һ": "h",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "η": "n",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "ζ": "z",
}

_UNSPACED = ("THAI", "LAO", "KHMER", "MYANMAR", "CJK", "HIRAGANA", "KATAKANA", "HANGUL")


@cache
def unspaced(ch: str) -> bool:
    """True for a letter of a script whose words are not separated by spaces."""
    return unicodedata.name(ch, "").startswith(_UNSPACED)
