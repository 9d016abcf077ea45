"""The body-diagram widget: front and back silhouettes, genital and anal clock-face views,
numbered lesion markers. It draws the primitives of desktop.core.medical.bodymap, the same
ones the CMI's vector export draws, so the screen shows what the certificate will show.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.core.medical.bodymap import BodyMap, Prim, diagram_primitives, load_bodymap

INK = QColor("#1f2933")
FAINT = QColor("#9aa5b1")
MARKER = QColor("#c62828")
SELECTED = QColor("#1565c0")
PENDING = QColor("#ef6c00")


class BodyDiagram(QWidget):
    """Click on a view to pick a position; click on a marker to select its lesion."""

    position_picked = Signal(str, float, float)  # view id, nx, ny
    marker_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, bodymap: BodyMap | None = None):
        super().__init__(parent)
        self.bodymap = bodymap or load_bodymap()
        self._markers: list[tuple[int, str, float, float]] = []
        self._pending: tuple[str, float, float] | None = None
        self._selected: int | None = None
        self._static = diagram_primitives((), self.bodymap)
        self.setMinimumSize(420, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Schéma corporel")
        self.setToolTip("Cliquez à l'endroit de la lésion pour la placer sur le schéma.")

    # -- state ----------------------------------------------------------------------------
    def set_markers(self, markers) -> None:
        self._markers = list(markers)
        self.update()

    def set_pending(self, position: tuple[str, float, float] | None) -> None:
        self._pending = position
        self.update()

    def set_selected(self, number: int | None) -> None:
        self._selected = number
        self.update()

    @property
    def markers(self) -> list[tuple[int, str, float, float]]:
        return list(self._markers)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(640, 460)

    # -- geometry -------------------------------------------------------------------------
    def _transform(self) -> tuple[float, float, float]:
        """(scale, offset x, offset y) mapping drawing units to pixels, aspect kept."""
        bm = self.bodymap
        margin = 8
        w, h = self.width() - 2 * margin, self.height() - 2 * margin
        scale = max(0.1, min(w / bm.width, h / bm.height))
        ox = margin + (w - bm.width * scale) / 2
        oy = margin + (h - bm.height * scale) / 2
        return scale, ox, oy

    def to_units(self, px: float, py: float) -> tuple[float, float]:
        scale, ox, oy = self._transform()
        return (px - ox) / scale, (py - oy) / scale

    def to_pixels(self, view: str, nx: float, ny: float) -> QPointF:
        """Where a normalized position of a view is on screen (tests, accessibility)."""
        scale, ox, oy = self._transform()
        x, y = self.bodymap.frame(view).to_abs(nx, ny)
        return QPointF(ox + x * scale, oy + y * scale)

    # -- events ---------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        pos = event.position()
        ux, uy = self.to_units(pos.x(), pos.y())
        radius = self.bodymap.marker_radius * 1.2
        for number, view, nx, ny in reversed(self._markers):
            mx, my = self.bodymap.frame(view).to_abs(nx, ny)
            if (mx - ux) ** 2 + (my - uy) ** 2 <= radius**2:
                self.marker_clicked.emit(number)
                return None
        hit = self.bodymap.hit(ux, uy)
        if hit and self.bodymap.on_body(*hit):
            self.position_picked.emit(*hit)
        return None

    # -- painting -------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        scale, ox, oy = self._transform()
        painter.translate(ox, oy)
        painter.scale(scale, scale)
        for prim in self._static:
            self._draw(painter, prim, scale)
        extra = list(self._markers)
        for prim in diagram_primitives(extra, self.bodymap)[len(self._static) :]:
            number = int(prim.text)
            color = SELECTED if number == self._selected else MARKER
            self._draw_marker(painter, prim, scale, color)
        if self._pending:
            view, nx, ny = self._pending
            x, y = self.bodymap.frame(view).to_abs(nx, ny)
            r = self.bodymap.marker_radius
            pen = QPen(PENDING, 0.8)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(QPointF(x, y), r, r)
            painter.drawLine(QPointF(x - r * 0.5, y), QPointF(x + r * 0.5, y))
            painter.drawLine(QPointF(x, y - r * 0.5), QPointF(x, y + r * 0.5))
        painter.end()

    def _pen(self, style: str) -> QPen:
        if style == "faint":
            return QPen(FAINT, 0.35)
        if style == "dashed":
            pen = QPen(FAINT, 0.4)
            pen.setStyle(Qt.PenStyle.DashLine)
            return pen
        if style == "tick":
            return QPen(INK, 0.4)
        return QPen(INK, 0.6)

    def _font(self, size_units: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(1.0, size_units))  # painter is scaled: units are points here
        font.setBold(bold)
        return font

    def _draw(self, painter: QPainter, p: Prim, scale: float) -> None:
        if p.kind == "path":
            path = QPainterPath(QPointF(*p.start))
            for c1, c2, end in p.curves:
                path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*end))
            if p.closed:
                path.closeSubpath()
            painter.setPen(self._pen(p.style))
            painter.setBrush(QColor("white"))
            painter.drawPath(path)
        elif p.kind == "ellipse":
            painter.setPen(self._pen(p.style))
            painter.setBrush(Qt.BrushStyle.NoBrush if p.style == "faint" else QColor("white"))
            painter.drawEllipse(QPointF(p.cx, p.cy), p.rx, p.ry)
        elif p.kind == "line":
            painter.setPen(self._pen(p.style))
            for a, b in zip(p.points, p.points[1:], strict=False):
                painter.drawLine(QPointF(*a), QPointF(*b))
        elif p.kind == "text":
            painter.setPen(FAINT if p.style == "caption" else INK)
            painter.setFont(self._font(p.size * 0.75, bold=p.style == "title"))
            self._text(painter, p.start, p.text, p.anchor)

    def _text(self, painter: QPainter, at, text: str, anchor: str) -> None:
        """Draw text with its baseline at `at` (like reportlab's drawString)."""
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text)
        x, y = at
        if anchor == "middle":
            x -= width / 2
        elif anchor == "end":
            x -= width
        painter.drawText(QPointF(x, y), text)

    def _draw_marker(self, painter: QPainter, p: Prim, scale: float, color: QColor) -> None:
        painter.setPen(QPen(color, 0.8))
        painter.setBrush(QColor("white"))
        painter.drawEllipse(QPointF(p.cx, p.cy), p.rx, p.ry)
        painter.setFont(self._font(p.size * 0.75, bold=True))
        painter.setPen(color)
        rect = QRectF(p.cx - p.rx, p.cy - p.ry, 2 * p.rx, 2 * p.ry)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, p.text)
