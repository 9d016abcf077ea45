"""Preview of a PDF in memory (QtPdf) and printing through the system dialog, no temp file.

from desktop.ui.preview import PdfPreview, seal_summary, print_document
view = PdfPreview(); view.set_pdf(pdf_bytes, "PV n° 17", sealed=True, seals=summary)
"""

from desktop.ui.preview.verify_view import VerifyPanel
from desktop.ui.preview.viewer import STAMP_NOTICE, PdfPreview, print_document, seal_summary

__all__ = ["STAMP_NOTICE", "PdfPreview", "VerifyPanel", "print_document", "seal_summary"]
