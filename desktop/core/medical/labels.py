"""Printable labels for the samples (PDF in memory, A4 sheet of 2 x 7 labels)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.core.medical.drawing import register_fonts
from desktop.core.medical.samples import SampleLabel

COLS, ROWS = 2, 7
MARGIN_X, MARGIN_Y = 8 * mm, 12 * mm


def labels_pdf(labels: Sequence[SampleLabel], title: str = "Étiquettes de prélèvements") -> bytes:
    """One label per sample, in number order; a cut line around each."""
    regular, bold = register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4, initialFontName=regular, initialFontSize=9)
    canvas.setTitle(title)
    canvas.setCreator("Trame")
    width, height = A4
    cell_w = (width - 2 * MARGIN_X) / COLS
    cell_h = (height - 2 * MARGIN_Y) / ROWS
    per_page = COLS * ROWS
    ordered = sorted(labels, key=lambda lab: lab.number)
    for i, label in enumerate(ordered):
        if i and i % per_page == 0:
            canvas.showPage()
        slot = i % per_page
        col, row = slot % COLS, slot // COLS
        x = MARGIN_X + col * cell_w
        y = height - MARGIN_Y - (row + 1) * cell_h
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.4)
        canvas.rect(x, y, cell_w, cell_h)
        canvas.setDash()
        lines = label.lines
        ty = y + cell_h - 7 * mm
        canvas.setFont(bold, 11)
        canvas.drawString(x + 5 * mm, ty, lines[0])
        canvas.setFont(regular, 9)
        for line in lines[1:]:
            ty -= 4.6 * mm
            canvas.drawString(x + 5 * mm, ty, _fit(canvas, line, regular, 9, cell_w - 10 * mm))
    if not ordered:
        canvas.setFont(regular, 11)
        canvas.drawString(MARGIN_X, height - MARGIN_Y, "Aucun prélèvement.")
    canvas.showPage()
    canvas.save()
    return buf.getvalue()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"
