"""The PDF preview shows real rendered PVs from memory and prints them without a temp file."""

from __future__ import annotations

import os
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter

from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.ui.preview import STAMP_NOTICE, PdfPreview, print_document, seal_summary


@pytest.fixture(scope="module")
def pv_pdf():
    return render_pv(sample_pv(pairs=30)).pdf


def test_preview_loads_bytes_and_paginates(qtbot, pv_pdf, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path))
    view = PdfPreview()
    qtbot.addWidget(view)
    view.resize(700, 900)
    view.show()
    assert view.set_pdf(pv_pdf, "PV n° 17", sealed=False)
    n = view.page_count()
    assert n >= 2
    assert view.page_label.text() == f"Page 1/{n}"
    assert view.print_button.isEnabled()
    assert view.notice.text() == ""
    image = view.document.render(0, view.document.pagePointSize(0).toSize())
    assert not image.isNull()
    # something is drawn: a fair share of dark pixels (text), not a blank page
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200
    assert set(os.listdir(tmp_path)) == before  # nothing written


def test_unreadable_pdf_is_refused_with_a_french_message(qtbot):
    view = PdfPreview()
    qtbot.addWidget(view)
    assert not view.set_pdf(b"%PDF-1.7 tronque", "x")
    assert "ne peut pas être affiché" in view.notice.text()
    assert not view.print_button.isEnabled()


def test_sealed_document_notice_and_summary(qtbot, pv_pdf):
    from desktop.core.seal import certs
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.signer import SoftwareSigner
    from desktop.core.seal.verify import verify_pdf

    rendered = render_pv(sample_pv(pairs=2))
    sealed = seal_pdf(
        rendered.pdf, SoftwareSigner(certs.create("Camille DURAND")), placements=rendered.seals
    )
    view = PdfPreview()
    qtbot.addWidget(view)
    summary = seal_summary(verify_pdf(sealed))
    assert view.set_pdf(sealed, "PV", seals=summary)
    assert STAMP_NOTICE in view.notice.text()
    assert "Camille DURAND" in view.notice.text() and "VALIDE" in view.notice.text()


def test_print_renders_every_page(qtbot, pv_pdf, tmp_path):
    view = PdfPreview()
    qtbot.addWidget(view)
    view.set_pdf(pv_pdf, "PV")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "imprime.pdf"  # stands for the printer in this test
    printer.setOutputFileName(str(out))
    assert print_document(view.document, printer)
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True).stdout.decode()
    assert f"Pages:          {view.page_count()}" in pages or (
        f"Pages:           {view.page_count()}" in pages
    )


def test_verify_panel_shows_the_verdict(qtbot):
    from desktop.core.seal import certs
    from desktop.core.seal.seal import seal_pdf
    from desktop.core.seal.signer import SoftwareSigner
    from desktop.core.seal.verify import verify_pdf
    from desktop.ui.preview import VerifyPanel

    rendered = render_pv(sample_pv(pairs=1))
    sealed = seal_pdf(
        rendered.pdf, SoftwareSigner(certs.create("Camille DURAND")), placements=rendered.seals
    )
    panel = VerifyPanel()
    qtbot.addWidget(panel)
    panel.set_report(verify_pdf(sealed))
    assert panel.verdict.text().startswith("VALIDE — ")
    assert "Apposé par : Camille DURAND" in panel.details.toPlainText()
    tampered = bytearray(sealed)
    i = sealed.index(b"PV-2026-004217-17")
    tampered[i + 3] = ord("8")
    panel.set_report(verify_pdf(bytes(tampered)))
    assert panel.verdict.text().startswith("INVALIDE — ")
    panel.set_unreadable("Ce fichier n'est pas un PDF.")
    assert panel.verdict.text() == "ILLISIBLE — Ce fichier n'est pas un PDF."
