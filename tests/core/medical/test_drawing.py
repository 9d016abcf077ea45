from __future__ import annotations

import subprocess

from reportlab.graphics import renderPDF

from desktop.core.medical.drawing import body_drawing, body_svg


def test_vector_export_has_markers_and_french_labels():
    markers = [(1, "face", 0.4, 0.25), (2, "anal", 0.5, 0.85)]
    svg = body_svg(markers)
    assert svg.count("<path") >= 2  # two silhouettes, vector
    assert "Face antérieure" in svg and "Région génitale" in svg
    pdf = renderPDF.drawToString(body_drawing(markers))
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert "Face postérieure" in text and "Région anale" in text
    assert "Droite" in text and "Gauche" in text
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True).stdout.decode()
    assert "DejaVuSans" in fonts
