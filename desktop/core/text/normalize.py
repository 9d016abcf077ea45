"""Normalisation of every text entering the vault (answers, transcript, persons, imports).

The stored text is what is printed: NFC (text pasted from macOS arrives decomposed), no
zero-width characters, soft hyphens or byte-order marks (invisible, but they split a name
in two for a search), no control characters other than newline and tab (they print as
empty boxes in a PDF/A). A lone UTF-16 surrogate cannot be stored or printed: it is refused
with a French message instead of a bare UnicodeEncodeError deep in SQLite.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from desktop.core.errors import InvalidInput

# The longest text a single field may hold (characters). The PV engine lays out texts of
# this length in linear time (bench/pv_figures.py); the vault's boundary enforces it
# (clean_value).
MAX_FIELD_CHARS = 250_000

# Invisible characters removed everywhere: zero-width space / non-joiner / joiner, word
# joiner, soft hyphen, BOM / zero-width no-break space, invisible operators, LRM/RLM marks
# and bidi embeddings (they reorder nothing in a PDF made by reportlab and hide text).
_INVISIBLE = (
    "\u200b\u200c\u200d\u2060\u00ad\ufeff\u2061\u2062\u2063\u2064\u200e\u200f"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x2070))
    # Arabic letter mark, Mongolian vowel separator, interlinear annotation marks (they
    # hide the annotation in some viewers), and Unicode tag characters (a whole text can be
    # written in them, invisible everywhere: « ASCII smuggling »; tag flags print as the
    # black flag, as the PDF engine drops tags anyway)
    + "\u061c\u180e\ufff9\ufffa\ufffb"
    + "".join(chr(c) for c in range(0xE0000, 0xE0080))
)
# C0 and C1 controls except tab and newline; a carriage return becomes a newline first.
_CONTROLS = "".join(chr(c) for c in range(0x20) if c not in (9, 10)) + "".join(
    chr(c) for c in range(0x7F, 0xA0)
)
_DROP = str.maketrans("", "", _INVISIBLE + _CONTROLS)
_SURROGATE = re.compile("[\ud800-\udfff]")
_CRLF = re.compile(r"\r\n?|[\u2028\u2029]")  # line and paragraph separators too


class TextRefused(InvalidInput):
    """A text that cannot be stored as it is (a broken character from a bad copy-paste)."""


def clean_text(text: str, *, field: str = "") -> str:
    """The text as it will be stored and printed.

    `text`: any str. Returns NFC text without zero-width characters, soft hyphens, BOMs,
    bidi controls and control characters other than "\\n" and "\\t" ("\\r\\n" and "\\r"
    become "\\n"). Raises TextRefused (French message) on a lone surrogate, which no UTF-8
    file, database or PDF can hold.
    """
    if not text:
        return text
    if _SURROGATE.search(text):
        where = f" dans « {field} »" if field else ""
        raise TextRefused(
            f"Le texte saisi{where} contient un caractère invalide (fragment de caractère "
            "issu d'un copier-coller endommagé) : il n'a pas été enregistré. Retapez le "
            "passage concerné ou collez-le depuis une autre source."
        )
    if text.isascii() and text.isprintable():
        return text
    text = _CRLF.sub("\n", text)
    return unicodedata.normalize("NFC", text.translate(_DROP))


def tidy(text: str) -> str:
    """`clean_text` that never raises: for text printed from older records or templates (a
    lone surrogate becomes U+FFFD, the replacement character)."""
    if text and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return clean_text(text)


def clean_value(value: Any, *, field: str = "") -> Any:
    """`clean_text` applied to every string of a JSON-like value (dicts, lists, keys kept).

    The vault's boundary: a string longer than MAX_FIELD_CHARS is refused (TextRefused, in
    French) whatever the entry point (UI, CLI, case file, import), so that nothing stored is
    too long to print."""
    if isinstance(value, str):
        if len(value) > MAX_FIELD_CHARS:
            where = f" « {field} »" if field else ""
            raise TextRefused(
                f"Le texte du champ{where} est trop long ({len(value):,} caractères ; au plus "
                f"{MAX_FIELD_CHARS:,}) : il n'a pas été enregistré. Scindez-le en plusieurs "
                "réponses.".replace(",", "\u202f")
            )
        return clean_text(value, field=field)
    if isinstance(value, dict):
        return {k: clean_value(v, field=field) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_value(v, field=field) for v in value)
    return value
