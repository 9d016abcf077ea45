"""The layout engine shared by the PV, the UAPED report, the CMI and the fiche de signalement.

A document is page furniture (service block, references, footer, paraphes) plus a list of
reportlab flowables built with the helpers below. `render()` returns the PDF/A bytes and
where the seal boxes landed, so the seal module can put the signature fields there.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.pv import fonts
from desktop.core.pv.glyphs import fallback_runs, printable
from desktop.core.pv.pdfa import PdfACanvas, PdfMeta
from desktop.core.text import tidy

NBSP = "\u00a0"
PAGE_W, PAGE_H = A4
MARGIN_L = 20 * mm
MARGIN_R = 18 * mm
HEADER_H = 33 * mm
FOOTER_H = 16 * mm
PARAPHE_H = 13 * mm
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT = colors.Color(0.85, 0.85, 0.85)

# -- French typography ------------------------------------------------------------------

_BEFORE = re.compile(r"[ \u202f]+([:;!?»])")
_AFTER = re.compile(r"(«)[ \u202f]+")
_QUOTES = re.compile(r'"([^"\n]*)"')


def typo(text: str) -> str:
    """Non-breaking spaces before : ; ! ? » and after «; "…" becomes « … ».

    U+00A0, not U+202F: reportlab breaks lines at U+202F (PITFALLS.md). The text is first
    normalised as at the vault's boundary (NFC, no invisible or control characters), for
    records stored before that rule.
    """
    if not text:
        return ""
    text = tidy(text)
    text = _QUOTES.sub(lambda m: f"«{NBSP}{m.group(1).strip()}{NBSP}»", text)
    text = _BEFORE.sub(lambda m: NBSP + m.group(1), text)
    text = _AFTER.sub(lambda m: m.group(1) + NBSP, text)
    text = re.sub(r"\b(n°|N°|art\.|p\.) +(?=\S)", lambda m: m.group(1) + NBSP, text)
    # a « or » glued to a word gets its space too
    text = re.sub(r"«(?=[^\s\u00a0])", "«" + NBSP, text)
    text = re.sub(r"(?<=[^\s\u00a0])»", NBSP + "»", text)
    return text


def quoted(text: str) -> str:
    """The person's own words between « » (verbatim, only spacing is adjusted)."""
    text = (text or "").strip()
    if text.startswith("«"):
        return typo(text)
    return typo(f"«{NBSP}{text}{NBSP}»")


def markup(text: str) -> str:
    """Plain text to reportlab paragraph markup (escaped, newlines kept, typography).

    Characters no embedded face draws become described placeholders (« [émoji : couronne] »);
    those only the regular face draws are set in it (desktop.core.pv.glyphs).
    """
    return _escaped(typo(text))


def _escaped(text: str) -> str:
    out = []
    for regular_only, chunk in fallback_runs(text):
        chunk = escape(chunk).replace("\n", "<br/>")
        out.append(f'<font face="{fonts.FALLBACK}">{chunk}</font>' if regular_only else chunk)
    return "".join(out)


# -- long texts ---------------------------------------------------------------------------

# reportlab lays out one paragraph in time quadratic in its length (PITFALLS.md): long texts
# are cut into paragraphs of at most CHUNK characters, at a line end, else a sentence end,
# else a space, and printed with no space between them.
CHUNK = 1500


def chunks(text: str, size: int = CHUNK) -> list[str]:
    """`text` cut into pieces of at most `size` characters (line, sentence or word ends)."""
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start, n = 0, len(text)
    while n - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n")
        if cut < size // 3:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            cut = cut + 1 if cut >= size // 3 else -1
        if cut < size // 3:
            cut = window.rfind(" ")
        if cut < size // 3:
            cut = size
        piece = text[start : start + cut]
        out.append(piece)
        start += cut
        if start < n and text[start] in "\n ":
            start += 1  # the break itself separates the paragraphs
    out.append(text[start:])
    return out


class Stack(Flowable):
    """Flowables printed one after the other; splits into them when it does not fit."""

    def __init__(self, flowables: list):
        super().__init__()
        self.flowables = list(flowables)
        self._sizes: list[tuple[float, float]] = []

    def _gap(self, i: int) -> float:
        if i == 0:
            return 0
        return max(self.flowables[i - 1].getSpaceAfter(), self.flowables[i].getSpaceBefore())

    def getSpaceBefore(self):  # noqa: N802 - reportlab API
        return self.flowables[0].getSpaceBefore() if self.flowables else 0

    def getSpaceAfter(self):  # noqa: N802 - reportlab API
        return self.flowables[-1].getSpaceAfter() if self.flowables else 0

    def wrap(self, avail_w, avail_h):
        self._sizes = [f.wrap(avail_w, avail_h) for f in self.flowables]
        self.width = max((w for w, _ in self._sizes), default=0)
        self.height = sum(h for _, h in self._sizes) + sum(
            self._gap(i) for i in range(len(self.flowables))
        )
        return self.width, self.height

    def split(self, avail_w, avail_h):
        """What fits in `avail_h` as one Stack (reportlab needs the first part to fit), then
        the rest as separate flowables; [] when not even a first line fits here."""
        fitted: list = []
        used = 0.0
        for i, f in enumerate(self.flowables):
            gap = self._gap(i) if fitted else 0
            _, h = f.wrap(avail_w, avail_h)
            if used + gap + h <= avail_h + 1e-6:
                fitted.append(f)
                used += gap + h
                continue
            room = avail_h - used - gap
            parts = f.split(avail_w, room) if room > 0 else []
            if parts:
                _, head_h = parts[0].wrap(avail_w, room)
                if head_h <= room + 1e-6:
                    return [Stack([*fitted, parts[0]]), *parts[1:], *self.flowables[i + 1 :]]
            if not fitted:
                return []
            return [Stack(fitted), *self.flowables[i:]]
        return [Stack(fitted)]

    def draw(self):
        y = self.height
        for i, (f, (_, h)) in enumerate(zip(self.flowables, self._sizes, strict=True)):
            y -= self._gap(i) + h
            f.drawOn(self.canv, 0, y)


def para(text: str, style: ParagraphStyle, prefix: str = "") -> Flowable:
    """A paragraph of plain `text` (markup applied) after `prefix` (markup, e.g. « <b>R</b> »).

    Texts longer than CHUNK characters become a Stack of paragraphs with no space between
    them, so that layout time stays linear in the length of the text.
    """
    text = typo(text or "")
    pieces = chunks(text)
    if len(pieces) == 1:
        return Paragraph(prefix + _escaped(text), style)
    first = ParagraphStyle(f"{style.name}-first", parent=style, spaceAfter=0)
    middle = ParagraphStyle(f"{style.name}-mid", parent=style, spaceBefore=0, spaceAfter=0)
    last = ParagraphStyle(f"{style.name}-last", parent=style, spaceBefore=0)
    out = []
    for i, piece in enumerate(pieces):
        st = first if i == 0 else last if i == len(pieces) - 1 else middle
        out.append(Paragraph((prefix if i == 0 else "") + _escaped(piece), st))
    return Stack(out)


# -- styles -------------------------------------------------------------------------------


def styles() -> dict[str, ParagraphStyle]:
    fonts.register()
    base = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        fontSize=10,
        leading=13.5,
        alignment=TA_JUSTIFY,
        spaceAfter=4,
    )
    return {
        "body": base,
        "left": ParagraphStyle("left", parent=base, alignment=TA_LEFT),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=14,
            leading=18,
            alignment=TA_CENTER,
            spaceBefore=2,
            spaceAfter=10,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, alignment=TA_CENTER, fontSize=9, textColor=GREY
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=8,
            spaceAfter=4,
            alignment=TA_LEFT,
        ),
        "phase": ParagraphStyle(  # issue 13: the NICHD phase heading in the transcript
            "phase",
            parent=base,
            fontName=fonts.BOLD,
            fontSize=8.5,
            leading=11,
            textColor=GREY,
            spaceBefore=6,
            spaceAfter=2,
            alignment=TA_LEFT,
            keepWithNext=1,  # never alone at the foot of a page
        ),
        "q": ParagraphStyle("q", parent=base, spaceAfter=1, leftIndent=0),
        "r": ParagraphStyle("r", parent=base, spaceAfter=6, leftIndent=0),
        "pause": ParagraphStyle(
            "pause",
            parent=base,
            fontName=fonts.ITALIC,
            alignment=TA_CENTER,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5, alignment=TA_LEFT),
        "cellb": ParagraphStyle(
            "cellb", parent=base, fontName=fonts.BOLD, fontSize=9, leading=11.5, alignment=TA_LEFT
        ),
        "mention": ParagraphStyle(
            "mention", parent=base, fontSize=8.5, leading=11, textColor=GREY, alignment=TA_LEFT
        ),
    }


# -- flowables ----------------------------------------------------------------------------


@dataclass
class SealPlacement:
    name: str
    page: int  # 0-based
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in points


class SealBox(Flowable):
    """Reserves the rectangle where a digital seal's visible stamp will be drawn."""

    def __init__(self, name: str, label: str, sink: list, width=82 * mm, height=24 * mm):
        super().__init__()
        self.name = name
        self.label = label
        self.sink = sink
        self.width = width
        self.height = height

    def wrap(self, avail_w, avail_h):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        c.setStrokeColor(LIGHT)
        c.setDash(2, 2)
        c.rect(0, 0, self.width, self.height)
        c.setFont(fonts.REGULAR, 7)
        c.setFillColor(GREY)
        c.drawString(3, self.height - 9, fit(self.label, fonts.REGULAR, 7, self.width - 6))
        c.restoreState()
        x, y = c.absolutePosition(0, 0)
        self.sink.append(
            SealPlacement(self.name, c.getPageNumber() - 1, (x, y, x + self.width, y + self.height))
        )


def png_image(data: bytes, max_w: float, max_h: float) -> Image:
    """A signature PNG flattened on white (no alpha), scaled to fit the box."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as im:
        im.load()
        if im.mode in ("RGBA", "LA", "P"):
            im = im.convert("RGBA")
            flat = PILImage.new("RGB", im.size, (255, 255, 255))
            flat.paste(im, mask=im.split()[-1])
            im = flat
        else:
            im = im.convert("RGB")
        w, h = im.size
        out = io.BytesIO()
        im.save(out, format="PNG")
    scale = min(max_w / w, max_h / h)
    img = Image(io.BytesIO(out.getvalue()), width=w * scale, height=h * scale)
    img.hAlign = "LEFT"
    return img


# A cell value longer than this is printed as a paragraph below its table (« texte n° 1 »):
# a table row taller than a page cannot be laid out, and a long text reads better full width.
LONG_CELL = 1200


def table(rows, col_widths, st: dict, header: bool = False) -> Flowable:
    """A two-or-more-column table in DejaVu (reportlab defaults to Helvetica otherwise).

    Rows may split across pages; values longer than LONG_CELL characters are printed after
    the table, each under a numbered heading that the cell refers to.
    """
    if not rows:
        return Paragraph(markup("(non renseigné)"), st["mention"])
    below: list = []

    def cell(c, i: int, j: int):
        if not isinstance(c, str):
            return c
        style = st["cellb" if (header and i == 0) or j == 0 else "cell"]
        if len(c) > LONG_CELL:
            n = len(below) // 2 + 1
            label = rows[i][0] if j and isinstance(rows[i][0], str) else ""
            title = f"Texte n°{NBSP}{n}" + (f" — {label[:120]}" if label else "")
            below.append(Paragraph(f"<b>{markup(title)}</b>", st["left"]))
            below.append(para(c, st["body"]))
            return Paragraph(markup(f"(texte long : voir le texte n°{NBSP}{n} ci-après)"), style)
        return Paragraph(markup(c), style)

    data = [[cell(c, i, j) for j, c in enumerate(row)] for i, row in enumerate(rows)]
    t = Table(
        data,
        colWidths=col_widths,
        hAlign="LEFT",
        repeatRows=1 if header else 0,
        splitInRow=1,
    )
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, LIGHT),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
            + ([("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.94, 0.94, 0.94))] if header else [])
        )
    )
    if below:
        return Stack([t, Spacer(1, 2 * mm), *below])
    return t


def keep(*flowables) -> KeepTogether:
    return KeepTogether(list(flowables))


def need(height_mm: float) -> CondPageBreak:
    return CondPageBreak(height_mm * mm)


def space(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


# -- page furniture -----------------------------------------------------------------------


@dataclass
class Furniture:
    service_lines: tuple[str, ...]
    doc_label: str  # "PROCÈS-VERBAL", "CERTIFICAT MÉDICAL INITIAL"
    ref_lines: tuple[str, ...]  # procedure n°, PV n°, pièce n°
    footer_lines: tuple[str, ...]  # document id, versions, audit head
    draft: bool = False
    feuillet: bool = True  # print "Feuillet n/N" in the header
    paraphes: tuple[tuple[str, bytes], ...] = ()  # (label, PNG) printed on every page


@dataclass
class Rendered:
    pdf: bytes
    page_count: int
    seals: list[SealPlacement] = field(default_factory=list)


def fit(text: str, font: str, size: float, width: float) -> str:
    """One line of canvas text: printable (placeholders), cut with « … » to fit `width` (pt)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = printable(text or "").replace("\n", " ").replace("\t", " ")
    if stringWidth(text, font, size) <= width:
        return text
    lo, hi = 0, min(len(text), int(width / (size * 0.2)) + 1)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…"


def _decorator(f: Furniture):
    cache: dict[int, Image] = {}

    def decorate(c, number: int, total: int) -> None:
        c.saveState()
        top = PAGE_H - 12 * mm
        # service block, left
        c.setFillColor(colors.black)
        half = (PAGE_W - MARGIN_L - MARGIN_R) / 2 - 4 * mm
        for i, line in enumerate(f.service_lines):
            c.setFont(fonts.BOLD if i == 0 else fonts.REGULAR, 8)
            font = fonts.BOLD if i == 0 else fonts.REGULAR
            c.drawString(MARGIN_L, top - i * 10, fit(typo(line), font, 8, half))
        # references, right
        right = PAGE_W - MARGIN_R
        c.setFont(fonts.BOLD, 9)
        c.drawRightString(right, top, fit(typo(f.doc_label), fonts.BOLD, 9, half))
        c.setFont(fonts.REGULAR, 8)
        refs = [*f.ref_lines]
        if f.feuillet:
            refs.append(f"Feuillet n°{NBSP}{number}/{total}")
        for i, line in enumerate(refs, start=1):
            c.drawRightString(right, top - i * 10, fit(typo(line), fonts.REGULAR, 8, half))
        y_rule = PAGE_H - HEADER_H + 4 * mm
        c.setStrokeColor(GREY)
        c.setLineWidth(0.5)
        c.line(MARGIN_L, y_rule, right, y_rule)
        if f.draft:
            c.setFillColor(colors.Color(0.75, 0.1, 0.1))
            c.setFont(fonts.BOLD, 9)
            c.drawCentredString(PAGE_W / 2, PAGE_H - 7 * mm, "PROJET — NON SCELLÉ — SANS VALEUR")
        # paraphes, bottom right
        if f.paraphes:
            x = right
            for idx, (label, png) in enumerate(f.paraphes):
                img = cache.get(idx)
                if img is None:
                    img = cache[idx] = png_image(png, 30 * mm, 9 * mm)
                x -= max(img.drawWidth, 30 * mm)
                img.drawOn(c, x, FOOTER_H + 1.5 * mm)
                c.setFont(fonts.REGULAR, 6)
                c.setFillColor(GREY)
                c.drawString(
                    x, FOOTER_H + 1.5 * mm + 9.5 * mm, fit(typo(label), fonts.REGULAR, 6, 34 * mm)
                )
                x -= 4 * mm
        # footer
        c.setStrokeColor(GREY)
        c.line(MARGIN_L, FOOTER_H, right, FOOTER_H)
        c.setFillColor(GREY)
        c.setFont(fonts.REGULAR, 6.5)
        for i, line in enumerate(f.footer_lines):
            c.drawString(
                MARGIN_L,
                FOOTER_H - 8 - i * 8,
                fit(
                    typo(line),
                    fonts.REGULAR,
                    6.5,
                    (2 * half - 10 * mm) if i == 0 else 2 * half + 8 * mm,
                ),
            )
        c.setFillColor(colors.black)
        c.setFont(fonts.BOLD, 8)
        c.drawRightString(right, FOOTER_H - 8, f"Page {number}/{total}")
        c.restoreState()

    return decorate


def render(story: list, furniture: Furniture, meta: PdfMeta, seals: list | None = None) -> Rendered:
    """Lay out `story` on A4 pages with the furniture; PDF/A-2b bytes in memory."""
    fonts.register()
    out = io.BytesIO()
    bottom = FOOTER_H + 3 * mm + (PARAPHE_H if furniture.paraphes else 0)
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN_L,
        rightMargin=MARGIN_R,
        topMargin=HEADER_H,
        bottomMargin=bottom,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=meta.creator,
        lang=meta.lang,
    )
    frame = Frame(
        MARGIN_L,
        bottom,
        PAGE_W - MARGIN_L - MARGIN_R,
        PAGE_H - HEADER_H - bottom,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    decorate = _decorator(furniture)
    counter: list[int] = []

    def maker(*args, **kwargs):
        canvas = PdfACanvas(*args, meta=meta, decorate=decorate, **kwargs)
        counter.append(0)
        canvas._trame_counter = counter
        return canvas

    doc.build(story, canvasmaker=maker)
    pages = doc.page if hasattr(doc, "page") else 0
    return Rendered(out.getvalue(), pages, list(seals or []))
