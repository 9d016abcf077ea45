"""Every character a PDF shows has a glyph in an embedded font (PDF/A forbids .notdef).

    problems = missing_glyphs(pdf_bytes)   # [] when every shown code has a real glyph

For each text-showing operator of every page, form XObject and annotation appearance
(the seal stamps), the shown codes are looked up in the embedded font program with
fontTools: reportlab's simple TrueType subsets (1-byte codes, the subset's own cmap) and
pyHanko's Type0 fonts (2-byte CIDs, CIDToGIDMap). A code without a glyph, or drawn with a
font that is not embedded, is a problem, named with the character its ToUnicode map gives.
Then the text poppler extracts (pdftotext) is compared with what the drawn codes map to.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata

import pikepdf
from fontTools.ttLib import TTFont

_SHOW = {"Tj", "TJ", "'", '"'}


def _to_unicode(font) -> dict[int, str]:
    if "/ToUnicode" not in font:
        return {}
    data = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(code, 16)] = _uni(uni)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, array, uni in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:\[([^\]]*)\]|<([0-9A-Fa-f]+)>)", block
        ):
            codes = range(int(lo, 16), int(hi, 16) + 1)
            if array:  # one destination per code
                for code, dest in zip(codes, re.findall(r"<([0-9A-Fa-f]+)>", array), strict=False):
                    out[code] = _uni(dest)
            else:
                for i, code in enumerate(codes):
                    out[code] = chr(int(uni, 16) + i)
    return out


def _uni(hexa: str) -> str:
    if len(hexa) <= 4:
        return chr(int(hexa, 16))
    hexa = hexa.zfill(len(hexa) + (-len(hexa)) % 4)
    return bytes.fromhex(hexa).decode("utf-16-be", "replace")


class _Font:
    def __init__(self, font):
        self.name = str(font.get("/BaseFont", "?"))
        self.type0 = font.get("/Subtype") == "/Type0"
        self.unicode = _to_unicode(font)
        desc_font = font.DescendantFonts[0] if self.type0 else font
        desc = desc_font.get("/FontDescriptor")
        program = None
        if desc is not None:
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in desc:
                    program = desc[key].read_bytes()
                    break
        self.embedded = program is not None
        self.tt = TTFont(io.BytesIO(program)) if program and key != "/FontFile" else None
        self.cid_to_gid = None
        if self.type0 and "/CIDToGIDMap" in desc_font:
            m = desc_font.CIDToGIDMap
            if isinstance(m, pikepdf.Stream):
                raw = m.read_bytes()
                self.cid_to_gid = [
                    int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)
                ]
        self.cmap = {}
        if self.tt is not None and not self.type0:
            for table in self.tt["cmap"].tables:
                for code, glyph in table.cmap.items():
                    self.cmap.setdefault(code & 0xFF, glyph)

    def codes(self, data: bytes) -> list[int]:
        if self.type0:
            return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data) - 1, 2)]
        return list(data)

    def has_glyph(self, code: int) -> bool:
        if self.tt is None:
            return False
        if self.type0:
            gid = self.cid_to_gid[code] if self.cid_to_gid and code < len(self.cid_to_gid) else code
            return 0 < gid < self.tt["maxp"].numGlyphs
        glyph = self.cmap.get(code)
        return glyph is not None and glyph != ".notdef"


def _walk(obj, fonts_seen: dict, problems: list, drawn: set, depth: int = 0) -> None:
    if depth > 8:
        return
    resources = obj.get("/Resources") or {}
    fonts = {}
    for name, font in (resources.get("/Font") or {}).items():
        key = font.objgen
        if key not in fonts_seen:
            fonts_seen[key] = _Font(font)
        fonts[name] = fonts_seen[key]
    current = None
    for operands, operator in pikepdf.parse_content_stream(obj):
        op = str(operator)
        if op == "Tf":
            current = fonts.get(str(operands[0]))
        elif op in _SHOW:
            strings = []
            for x in operands:
                if isinstance(x, pikepdf.String):
                    strings.append(bytes(x))
                elif isinstance(x, pikepdf.Array):
                    strings += [bytes(y) for y in x if isinstance(y, pikepdf.String)]
            for data in strings:
                for code in current.codes(data) if current else []:
                    char = current.unicode.get(code, f"<code {code}>")
                    if not current.embedded:
                        problems.append(f"police non incorporée {current.name} : {char!r}")
                    elif not current.has_glyph(code):
                        problems.append(f"aucun glyphe dans {current.name} : {char!r}")
                    else:
                        drawn.add(char)
    for _name, xobj in (resources.get("/XObject") or {}).items():
        if xobj.get("/Subtype") == "/Form":
            _walk(xobj, fonts_seen, problems, drawn, depth + 1)


def missing_glyphs(pdf: bytes) -> list[str]:
    """Problems (French, one per shown character without a glyph); [] when all is drawn."""
    problems: list[str] = []
    drawn: set[str] = set()
    fonts_seen: dict = {}
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            _walk(page.obj, fonts_seen, problems, drawn)
            for annot in page.obj.get("/Annots") or []:
                ap = annot.get("/AP")
                if ap is not None and isinstance(ap.get("/N"), pikepdf.Stream):
                    _walk(ap.N, fonts_seen, problems, drawn)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    for ch in sorted(set(text) - set("".join(drawn))):
        # poppler adds bidi controls (Cf) around right-to-left runs: not drawn characters
        if not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Cc"):
            problems.append(f"caractère extrait sans glyphe dessiné : {ch!r}")
    return list(dict.fromkeys(problems))
