"""Preview a PDF held in memory (QtPdf) and print it through the system dialog.

    view = PdfPreview()
    view.set_pdf(pdf_bytes, "PV d'audition n° 17", sealed=True)
    view.print_dialog()          # QPrintDialog; pages rendered straight to the printer

No file is written: the bytes go through a QBuffer, and printing renders each page to the
printer. QtPdf does not draw the visible stamp of a signature field, so for a sealed document
the preview says so and lists the seals (who, when, fingerprint) read by the verifier.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

STAMP_NOTICE = (
    "Aperçu\u00a0: le cartouche du sceau d'intégrité n'est pas dessiné ici (limite de "
    "l'aperçu). Il figure dans le PDF\u00a0; «\u00a0trame verify\u00a0» ou un lecteur PDF "
    "le montrent."
)
PRINT_DPI = 200


class PdfPreview(QWidget):
    """A toolbar (zoom, page n/N, print) over a QPdfView, fed with bytes."""

    printed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self.ctx = None  # set by the owner: printing then renders in its worker
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.title = ""
        self.page_label = QLabel("")
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00;")
        self.zoom_in = QPushButton("Zoom +")
        self.zoom_out = QPushButton("Zoom −")
        self.fit = QPushButton("Pleine largeur")
        self.print_button = QPushButton("Imprimer…")
        self.print_button.setEnabled(False)
        self.zoom_in.clicked.connect(lambda: self._zoom(1.25))
        self.zoom_out.clicked.connect(lambda: self._zoom(0.8))
        self.fit.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.print_button.clicked.connect(self.print_dialog)
        nav = self.view.pageNavigator()
        nav.currentPageChanged.connect(lambda _p: self._update_page_label())

        bar = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_in, self.fit):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)

    # -- content --------------------------------------------------------------------------
    def set_pdf(
        self, pdf: bytes, title: str = "", sealed: bool | None = None, seals: str = ""
    ) -> bool:
        """Show `pdf`. Returns False (and says why, in French) if QtPdf cannot read it.

        `seals` is the text of `seal_summary(verify_report)`, computed by the caller in a
        worker (pyHanko never runs on the UI thread)."""
        self.clear()
        self.title = title
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() == QPdfDocument.Status.Ready and self.document.pageCount() > 0
        if not ok:
            self.notice.setText("Ce document ne peut pas être affiché : PDF illisible ou vide.")
            self.print_button.setEnabled(False)
            return False
        if sealed is None:
            sealed = b"/ByteRange" in pdf
        self.notice.setText("\n".join(x for x in (STAMP_NOTICE, seals) if x) if sealed else "")
        self.print_button.setEnabled(True)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_page_label()
        return True

    def clear(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self._data = QByteArray()
        self.page_label.setText("")
        self.notice.setText("")
        self.print_button.setEnabled(False)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(6.0, self.view.zoomFactor() * factor)))

    def _update_page_label(self) -> None:
        n = self.document.pageCount()
        if n:
            current = self.view.pageNavigator().currentPage() + 1
            self.page_label.setText(f"Page {current}/{n}")

    def go_to_page(self, index: int) -> None:
        self.view.pageNavigator().jump(index, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_page_label()

    # -- printing -------------------------------------------------------------------------
    def print_dialog(self):
        """Open the system print dialog (window-modal, not blocking); `printed` tells the end.

        Returns the QPrintDialog (None when there is nothing to print)."""
        if not self.document.pageCount():
            return None
        if self.ctx is not None:  # pages rendered in the worker, the outcome told
            from desktop.ui.preview.printing import SENT, print_pdf

            done = lambda text: self.printed.emit(text == SENT)  # noqa: E731
            return print_pdf(self.ctx, bytes(self._data.data()), self.title, self, done)
        return open_print_dialog(self.document, self.title, self, self.printed.emit)


def open_print_dialog(document: QPdfDocument, title: str, parent, done=None) -> QPrintDialog:
    """The Qt print dialog for `document`; on « Imprimer » every page goes to the printer.

    `done(ok: bool)` is called once the dialog closes. Nothing is written to disk by Trame
    (printing to a file is the user's choice in the dialog, as with any application)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title or "Document Trame")
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("print_dialog")
    dialog.setWindowTitle(f"Imprimer — {title}" if title else "Imprimer")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(result: int) -> None:
        ok = result == QPrintDialog.DialogCode.Accepted and print_document(document, printer)
        if done is not None:
            done(bool(ok))

    dialog.finished.connect(finished)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    QDialog.open(dialog)  # QPrintDialog.open() takes a receiver; the plain one does not block
    dialog._printer = printer  # kept alive with the dialog
    return dialog


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Render every page to `printer`, each fitted to the page, no intermediate file."""
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            target = painter.viewport()
            points = document.pagePointSize(page)
            scale = PRINT_DPI / 72.0
            image = document.render(page, (points * scale).toSize())
            size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), size), image)
    finally:
        painter.end()
    return True


def seal_summary(report) -> str:
    """One line per seal and the verdict, from desktop.core.seal.verify.verify_pdf's report."""
    from desktop.core.pv.words import to_local

    lines = []
    for seal in report.seals:
        when = (
            to_local(seal.claimed_time).strftime("%d/%m/%Y à %H:%M") if seal.claimed_time else "?"
        )
        lines.append(
            f"Sceau «\u00a0{seal.field}\u00a0»\u00a0: {seal.signer}, le {when}, "
            f"certificat {seal.fingerprint[:23]}…"
        )
    verdict = "VALIDE" if report.valid else f"INVALIDE — {report.reason}"
    lines.append(f"Vérification\u00a0: {verdict}")
    return "\n".join(lines)
