"""Names that read as another name: homoglyphs, compatibility forms, invisible characters.

A look-alike certificate named « Cаmille DURAND » (the « а » is Cyrillic U+0430) prints
exactly like the genuine « Camille DURAND »; so do « Ｃamille » (full-width, folded by NFKC),
« Camille\u200b DURAND » (zero-width space) or a right-to-left mark. The verifier flags such
a signer name, issuer or trust label in French, and a trust-list label is normalised (NFKC)
and refused when it still mixes alphabets or hides characters. Standard library only
(unicodedata): the script of a letter is the first word of its Unicode name (LATIN,
CYRILLIC, GREEK …), enough to tell mixed alphabets apart; whole-script look-alikes in a
single non-Latin alphabet are reported as « autre écriture que l'alphabet latin ».

    name_warnings("Cаmille DURAND")  -> ["mêle plusieurs écritures (latin, cyrillique : « а » U+0430) …"]
    normalise_label(" ＢＰＭ  Paris ") -> "BPM Paris"    (InvalidInput when it cannot be)
"""

from __future__ import annotations

import unicodedata

from desktop.core.errors import InvalidInput

#: Unicode categories that print nothing or move what follows: controls, format characters
#: (bidi marks and overrides U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, zero-width
#: U+200B–U+200D, U+FEFF …), line/paragraph separators, private use, surrogates, unassigned.
HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}
#: letters and marks that draw as blank (Unicode Default_Ignorable or blank glyphs)
BLANK = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x2800, 0x3164, 0xFFA0}
#: variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) and the Mongolian free variation
#: selectors (U+180B–U+180F): combining marks (Mn), not format characters, yet Default_Ignorable
#: — they print nothing after a letter, so « Camille\ufe0f » looks like « Camille »
BLANK_RANGES = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


def _blank(c: str) -> bool:
    o = ord(c)
    return o in BLANK or any(a <= o <= b for a, b in BLANK_RANGES)


_SCRIPTS_FR = {
    "LATIN": "latin",
    "CYRILLIC": "cyrillique",
    "GREEK": "grec",
    "ARMENIAN": "arménien",
    "CHEROKEE": "cherokee",
    "COPTIC": "copte",
    "ARABIC": "arabe",
    "HEBREW": "hébreu",
    "CJK": "idéogrammes chinois",
    "HIRAGANA": "hiragana",
    "KATAKANA": "katakana",
    "HANGUL": "coréen",
}


def _code(c: str) -> str:
    return f"U+{ord(c):04X}"


def hidden_chars(text: str) -> list[str]:
    """The invisible or reordering code points of `text`, each once, in order."""
    found = [c for c in str(text) if unicodedata.category(c) in HIDDEN or _blank(c)]
    return list(dict.fromkeys(found))


def _script(c: str) -> str:
    name = unicodedata.name(c, "")
    return name.split(" ", 1)[0] if name else "?"


def letter_scripts(text: str) -> dict[str, list[str]]:
    """Script (first word of the Unicode name) -> the distinct letters of `text` in it."""
    out: dict[str, list[str]] = {}
    for c in unicodedata.normalize("NFKC", str(text)):
        if unicodedata.category(c).startswith("L") and not _blank(c):
            letters = out.setdefault(_script(c), [])
            if c not in letters:
                letters.append(c)
    return out


def _sample(letters: list[str]) -> str:
    return ", ".join(f"« {c} » {_code(c)}" for c in letters[:3])


def name_warnings(text: str) -> list[str]:
    """Why a printed name may imitate another one, in French; [] for an ordinary name.

    Each item completes « le nom … » : invisible characters, compatibility forms that NFKC
    folds into ordinary letters (full-width, mathematical, ligatures), mixed alphabets, or
    letters outside the Latin alphabet."""
    text = str(text or "")
    out: list[str] = []
    hidden = hidden_chars(text)
    if hidden:
        codes = ", ".join(_code(c) for c in hidden)
        out.append(f"contient des caractères invisibles ou d'inversion du sens ({codes})")
    compat = [
        c
        for c in dict.fromkeys(text)
        # NFKC(c) != c, not NFKC != NFC: the canonical singletons (KELVIN SIGN « \u212a »,
        # ANGSTROM SIGN « \u212b », OHM SIGN) are folded by NFC as well, and imitate as much
        if c not in hidden and unicodedata.normalize("NFKC", c) != c and not c.isspace()
    ]
    if compat:
        out.append(
            "contient des formes de compatibilité qui imitent des lettres ordinaires ("
            + _sample(compat)
            + ")"
        )
    scripts = letter_scripts(text)
    foreign = {k: v for k, v in scripts.items() if k != "LATIN"}
    if len(scripts) > 1:
        names = ", ".join(_SCRIPTS_FR.get(k, k.lower()) for k in scripts)
        sample = _sample([c for v in foreign.values() for c in v])
        out.append(f"mêle plusieurs écritures ({names} : {sample})")
    elif foreign:
        (script, letters), *_ = foreign.items()
        out.append(
            "est écrit dans une autre écriture que l'alphabet latin "
            f"({_SCRIPTS_FR.get(script, script.lower())} : {_sample(letters)})"
        )
    return out


def deceptive(text: str) -> bool:
    """True when `text` hides characters, uses compatibility forms or mixes alphabets: it
    may imitate another name (a name wholly in another alphabet is only reported)."""
    warnings = name_warnings(text)
    return any(not x.startswith("est écrit dans une autre écriture") for x in warnings)


def warning_line(what: str, text: str) -> str:
    """« Attention : le nom du signataire « … » mêle … — il peut imiter un autre nom. » or ""."""
    reasons = name_warnings(text)
    if not reasons:
        return ""
    from desktop.core.seal.trust import visible

    return (
        f"Attention : {what} « {visible(text)} » "
        + " ; ".join(reasons)
        + " — il peut imiter un autre nom ; comparez l'empreinte du certificat."
    )


def normalise_label(label: str) -> str:
    """A trust-list label as stored: NFKC, single spaces. InvalidInput (French) when it holds
    invisible characters or mixes alphabets (Cyrillic « а » in a Latin name …)."""
    raw = str(label or "")
    hidden = hidden_chars(raw)
    if hidden:
        codes = ", ".join(_code(c) for c in hidden)
        raise InvalidInput(
            f"Le libellé contient des caractères invisibles ou qui inversent le sens du texte "
            f"({codes}) : il pourrait s'afficher autrement qu'il n'est écrit ; retapez-le."
        )
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    scripts = letter_scripts(text)
    if len(scripts) > 1:
        foreign = [c for k, v in scripts.items() if k != "LATIN" for c in v]
        raise InvalidInput(
            "Le libellé mêle plusieurs écritures ("
            + ", ".join(_SCRIPTS_FR.get(k, k.lower()) for k in scripts)
            + f" : {_sample(foreign)}) : une lettre d'un autre alphabet peut imiter une lettre "
            "latine ; retapez-le au clavier français."
        )
    return text
