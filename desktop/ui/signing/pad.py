"""A handwritten-signature pad: mouse, touch screen or pen tablet; clear, undo, redo.

    pad = SignaturePad()
    pad.changed.connect(…)
    png = pad.to_png()            # None while nothing is drawn
    pad.clear(); pad.undo(); pad.redo()

Strokes are kept as lists of points (with pen pressure); the PNG is drawn from them at
export, transparent background, dark blue ink. Nothing is written to disk.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

INK = QColor(20, 30, 90)
BASE_WIDTH = 2.6
PNG_SIZE = (900, 300)
REFERENCE_WIDTH = 420  # a typical pad width: strokes keep their look in the PNG


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(360, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Zone de signature")
        self.setToolTip("Signez ici avec la souris, le doigt ou le stylet.")
        self._strokes: list[list[tuple[QPointF, float]]] = []
        self._redo: list[list[tuple[QPointF, float]]] = []
        self._current: list[tuple[QPointF, float]] | None = None
        self._background: QImage | None = None  # a stored signature shown until redrawn
        self._enabled_drawing = True

    # -- state ----------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self._strokes and self._background is None

    def shows_stored_only(self) -> bool:
        """A stored signature is shown and nothing was drawn over it since."""
        return self._background is not None and not self._strokes

    def stroke_count(self) -> int:
        return len(self._strokes)

    def set_drawing_enabled(self, enabled: bool) -> None:
        self._enabled_drawing = enabled
        self.setCursor(Qt.CursorShape.CrossCursor if enabled else Qt.CursorShape.ForbiddenCursor)
        self.update()

    def clear(self) -> None:
        if self.is_empty():
            return
        self._strokes.clear()
        self._redo.clear()
        self._background = None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self._strokes:
            self._redo.append(self._strokes.pop())
            self.update()
            self.changed.emit()

    def redo(self) -> None:
        if self._redo:
            self._strokes.append(self._redo.pop())
            self.update()
            self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._strokes)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def show_png(self, png: bytes | None) -> None:
        """Show a stored signature (it stays the value until the pad is cleared)."""
        self._strokes.clear()
        self._redo.clear()
        self._background = None
        if png:
            image = QImage.fromData(QByteArray(png), "PNG")
            if not image.isNull():
                self._background = image
        self.update()

    # -- input: mouse, pen, touch ---------------------------------------------------------
    def _begin(self, pos: QPointF, pressure: float = 0.5) -> None:
        if not self._enabled_drawing:
            return
        if self._background is not None:
            self._background = None  # drawing again replaces the stored signature
        self._current = [(self._normalized(pos), pressure)]
        self._strokes.append(self._current)
        self._redo.clear()
        self.update()

    def _extend(self, pos: QPointF, pressure: float = 0.5) -> None:
        if self._current is not None:
            self._current.append((self._normalized(pos), pressure))
            self.update()

    def _end(self) -> None:
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def _normalized(self, pos: QPointF) -> QPointF:
        """Points are stored in [0,1]², so a resize never distorts the drawing."""
        w, h = max(1, self.width()), max(1, self.height())
        return QPointF(min(max(pos.x() / w, 0.0), 1.0), min(max(pos.y() / h, 0.0), 1.0))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._end()
            event.accept()

    def tabletEvent(self, event) -> None:  # noqa: N802 - Qt override
        kind = event.type()
        pressure = max(0.05, float(event.pressure()))
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesized mouse events: the pen is handled here

    def event(self, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            points = event.points()
            if points:
                pos = points[0].position()
                if kind == QEvent.Type.TouchBegin:
                    self._begin(pos)
                elif kind == QEvent.Type.TouchUpdate:
                    self._extend(pos)
                else:
                    self._extend(pos)
                    self._end()
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._end()
            return True
        return super().event(event)

    # -- drawing --------------------------------------------------------------------------
    def _paint_strokes(self, painter: QPainter, rect: QRectF, scale: float) -> None:
        for stroke in self._strokes:
            if len(stroke) == 1:
                p, pressure = stroke[0]
                pen = QPen(INK, BASE_WIDTH * scale * (0.6 + pressure))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawPoint(
                    QPointF(rect.x() + p.x() * rect.width(), rect.y() + p.y() * rect.height())
                )
                continue
            for (a, pa), (b, pb) in zip(stroke, stroke[1:], strict=False):
                pen = QPen(INK, BASE_WIDTH * scale * (0.6 + (pa + pb) / 2))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
                painter.setPen(pen)
                path = QPainterPath(
                    QPointF(rect.x() + a.x() * rect.width(), rect.y() + a.y() * rect.height())
                )
                path.lineTo(
                    QPointF(rect.x() + b.x() * rect.width(), rect.y() + b.y() * rect.height())
                )
                painter.drawPath(path)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(255, 255, 255))
        # the signature line and a hint
        painter.setPen(QPen(QColor(190, 190, 190), 1, Qt.PenStyle.DashLine))
        y = self.height() * 0.78
        painter.drawLine(QPointF(12, y), QPointF(self.width() - 12, y))
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            text = "Signez ici" if self._enabled_drawing else "Pas de signature manuscrite"
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, text)
        if self._background is not None:
            target = QRectF(self.rect()).adjusted(4, 4, -4, -4)
            size = self._background.size().scaled(
                target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
            )
            painter.drawImage(QRectF(target.topLeft(), size.toSizeF()), self._background)
        self._paint_strokes(painter, QRectF(self.rect()), 1.0)
        painter.setPen(QPen(QColor(160, 160, 160), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    # -- export ---------------------------------------------------------------------------
    def to_image(self, width: int = PNG_SIZE[0], height: int = PNG_SIZE[1]) -> QImage | None:
        if self.is_empty():
            return None
        if self._background is not None and not self._strokes:
            return self._background
        image = QImage(width, height, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # pen width relative to the image, not to the widget: a resize changes nothing
        self._paint_strokes(painter, QRectF(0, 0, width, height), width / REFERENCE_WIDTH)
        painter.end()
        return image

    def to_png(self) -> bytes | None:
        image = self.to_image()
        if image is None:
            return None
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data)
