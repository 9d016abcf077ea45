"""Print a PDF held in memory: the system dialog on the UI thread, the pages rendered to
the printer in the worker, the outcome told in French.

    print_pdf(ctx, pdf_bytes, "PV d'audition n° 17", parent, done=show)  # done(text)

No file is written by Trame: the bytes go through a QBuffer in the worker and each page is
rendered straight to the printer (Qt supports painting on a QPrinter outside the GUI
thread). Printing to a file is the user's own choice in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMainWindow

from desktop.ui.tasks import error_message

PRINT_DPI = 200
SENT = "Impression envoyée"
CANCELLED = "Impression annulée"


class PrintError(Exception):
    """A French message for `error_message` (printer refused or unreadable PDF)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def render_to_printer(pdf: bytes, printer: QPrinter) -> int:
    """Render every page of `pdf` (bytes) to `printer`, each fitted to the page at
    PRINT_DPI; safe in the worker thread. Returns the number of pages printed.

    :raises PrintError: the PDF cannot be read or the printer refuses to start."""
    from PySide6.QtPdf import QPdfDocument

    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        pages = document.pageCount()
        if not pages:
            raise PrintError("Le document est illisible : rien n'a été imprimé.")
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("L'imprimante refuse le document : vérifiez qu'elle est prête.")
        try:
            for page in range(pages):
                if page:
                    printer.newPage()
                target = painter.viewport()
                points = document.pagePointSize(page)
                image = document.render(page, (points * (PRINT_DPI / 72.0)).toSize())
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), size), image)
        finally:
            painter.end()
        return pages
    finally:
        document.close()
        buffer.close()


def print_pdf(ctx, pdf: bytes, title: str, parent, done: Callable[[str], None] | None = None):
    """Open the system print dialog (window-modal, not blocking) for `pdf` (bytes).

    On « Imprimer » the pages are rendered in ctx's worker. The outcome, SENT, CANCELLED or
    « Impression impossible : … », goes to the main window's status bar (found now: `parent`
    may be closed meanwhile), then to `done(text)` while `parent` lives. Returns the dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or "Document Trame")
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("print_dialog")
    dialog.setWindowTitle(f"Imprimer — {title}" if title else "Imprimer")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window = main_window(parent)

    def tell(text: str) -> None:
        show_outcome(window, text)
        if done is not None and shiboken6.isValid(parent):
            done(text)

    def finished(result: int) -> None:
        if result != QPrintDialog.DialogCode.Accepted:
            tell(CANCELLED)
            return
        ctx.tasks.call(lambda _: render_to_printer(pdf, printer), parent=None).success(
            lambda _pages: tell(SENT)
        ).failure(lambda exc: tell(f"Impression impossible : {error_message(exc)}")).run()

    dialog.finished.connect(finished)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    QDialog.open(dialog)  # QPrintDialog.open() takes a receiver; the plain one does not block
    return dialog


def main_window(widget) -> QMainWindow | None:
    """The QMainWindow holding `widget` (through dialogs' parents), None if there is none."""
    window = widget.window() if widget is not None else None
    while window is not None and not isinstance(window, QMainWindow):
        parent = window.parentWidget()
        window = parent.window() if parent is not None else None
    return window


def show_outcome(window: QMainWindow | None, text: str) -> None:
    """`text` in `window`'s status bar for 10 s (nothing if it is gone)."""
    if window is not None and shiboken6.isValid(window):
        window.statusBar().showMessage(text, 10000)
