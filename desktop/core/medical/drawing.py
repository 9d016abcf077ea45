"""Vector export of the body diagram with its lesion markers (reportlab Drawing, SVG).

The CMI renderer places `body_drawing(...)` as a flowable: it stays vector in the PDF.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from reportlab.graphics.shapes import Circle, Drawing, Ellipse, Group, Path, PolyLine, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.core.medical.bodymap import BodyMap, Prim, diagram_primitives, load_bodymap
from desktop.core.paths import resources_root

INK = colors.HexColor("#1f2933")
FAINT = colors.HexColor("#9aa5b1")
MARKER = colors.HexColor("#c62828")
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu (embedded, full French glyphs); falls back to Helvetica."""
    fonts = resources_root() / "fonts"
    try:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
        if FONT_BOLD not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
        return FONT, FONT_BOLD
    except Exception:  # noqa: BLE001 - a missing font must not stop a certificate
        return "Helvetica", "Helvetica-Bold"


def body_drawing(
    markers: Iterable[tuple[int, str, float, float]] = (),
    width: float = 480,
    bodymap: BodyMap | None = None,
) -> Drawing:
    """The four views with numbered markers, `width` points wide (height follows)."""
    bm = bodymap or load_bodymap()
    regular, bold = register_fonts()
    k = width / bm.width
    height = bm.height * k
    drawing = Drawing(width, height)
    group = Group()

    def pt(x: float, y: float) -> tuple[float, float]:
        return x * k, height - y * k

    for p in diagram_primitives(markers, bm):
        group.add(_shape(p, pt, k, regular, bold))
    drawing.add(group)
    return drawing


def _stroke(style: str, k: float) -> dict:
    if style == "faint":
        return {"strokeColor": FAINT, "strokeWidth": 0.35 * k}
    if style == "dashed":
        return {"strokeColor": FAINT, "strokeWidth": 0.4 * k, "strokeDashArray": [1.5 * k, 1.5 * k]}
    if style == "tick":
        return {"strokeColor": INK, "strokeWidth": 0.4 * k}
    return {"strokeColor": INK, "strokeWidth": 0.6 * k}


def _shape(p: Prim, pt, k: float, regular: str, bold: str):
    if p.kind == "path":
        path = Path(fillColor=colors.white, **_stroke(p.style, k))
        path.moveTo(*pt(*p.start))
        for c1, c2, end in p.curves:
            path.curveTo(*pt(*c1), *pt(*c2), *pt(*end))
        if p.closed:
            path.closePath()
        return path
    if p.kind == "ellipse":
        cx, cy = pt(p.cx, p.cy)
        fill = None if p.style == "faint" else colors.white
        return Ellipse(cx, cy, p.rx * k, p.ry * k, fillColor=fill, **_stroke(p.style, k))
    if p.kind == "line":
        flat = [c for xy in p.points for c in pt(*xy)]
        return PolyLine(flat, **_stroke(p.style, k))
    if p.kind == "text":
        x, y = pt(*p.start)
        font = bold if p.style == "title" else regular
        color = FAINT if p.style == "caption" else INK
        return String(
            x, y, p.text, fontName=font, fontSize=p.size * k, fillColor=color, textAnchor=p.anchor
        )
    if p.kind == "marker":
        cx, cy = pt(p.cx, p.cy)
        g = Group()
        g.add(
            Circle(
                cx, cy, p.rx * k, fillColor=colors.white, strokeColor=MARKER, strokeWidth=0.7 * k
            )
        )
        g.add(
            String(
                cx,
                cy - p.size * k * 0.36,
                p.text,
                fontName=bold,
                fontSize=p.size * k,
                fillColor=MARKER,
                textAnchor="middle",
            )
        )
        return g
    raise ValueError(p.kind)


def body_svg(markers: Iterable[tuple[int, str, float, float]] = (), width: float = 480) -> str:
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(body_drawing(markers, width))
