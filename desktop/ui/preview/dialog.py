"""« Aperçu du PV »: the document rendered in the worker, shown from memory.

    PreviewDialog(preview, parent, on_seal=callable).open()

`preview` is a desktop.core.documents.Preview. When the document cannot be sealed yet, what
is missing is listed first, above the pages; a sealed document shows the verifier's lines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget

from desktop.ui.preview.viewer import PdfPreview
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, label, make_action, vbox

MISSING_TITLE = "Ce document ne peut pas encore être scellé. Il manque :"


class PreviewDialog(QDialog):
    def __init__(self, preview, parent=None, on_seal=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("preview_dialog")
        self.preview_data = preview
        self.setWindowTitle(f"Aperçu — {preview.title}")
        self.view = PdfPreview(self)
        self.view.setObjectName("pdf_preview")
        self.missing_title = label(MISSING_TITLE, ERROR_STYLE)
        self.missing = QListWidget()
        self.missing.setObjectName("missing_list")
        self.missing.addItems(list(preview.missing))
        rows = max(1, self.missing.count())
        self.missing.setFixedHeight(min(140, 8 + rows * max(18, self.missing.sizeHintForRow(0))))
        for w in (self.missing_title, self.missing):
            w.setVisible(bool(preview.missing))
        state = (
            "Document scellé : il ne change plus."
            if preview.sealed
            else "Projet : complet, prêt à être scellé."
            if not preview.missing
            else ""
        )
        self.state = label(state, MUTED_STYLE)
        self.state.setVisible(bool(state))
        self.seal_button = button("&Sceller…", self._seal, None, "Sceller ce document")
        self.seal_button.setObjectName("preview_seal")
        self.seal_button.setVisible(on_seal is not None and preview.sealable)
        self._on_seal = on_seal
        self.print_button = button("&Imprimer…", self.view.print_dialog, None, "Imprimer")
        self.print_button.setObjectName("preview_print")
        make_action(self, "Imprimer", self.view.print_dialog, "Ctrl+P", "Imprimer le document")
        close = button("&Fermer", self.reject, None, "Fermer l'aperçu (Échap)")
        self.setLayout(
            vbox(
                self.missing_title,
                self.missing,
                self.state,
                self.view,
                hbox(self.seal_button, None, self.print_button, close),
                margin=10,
                spacing=6,
            )
        )
        # the verdict on screen, the verifier's detail (seals, fingerprints) in the tooltip:
        # the pages keep the room at 1366×768
        verdict = preview.seals[0] if preview.seals else ""
        self.view.set_pdf(preview.pdf, preview.title, preview.sealed, verdict)
        self.view.notice.setToolTip("\n".join(preview.seals))
        self.view.print_button.setVisible(False)  # the dialog's own button prints
        self.resize(900, 700)

    def forget(self) -> None:
        """At lock (issue 15, connected by the owner to ctx.events.locked): the PV leaves
        the dialog — QtPdf's document, the bytes, what is missing, the title — and the
        dialog closes; the unlock does not show it again (it is opened anew from the case
        screen). tests/adversary/test_adv_lock_preview.py."""
        self.view.clear()
        self.preview_data = None
        self.missing.clear()
        self.view.notice.setToolTip("")
        self.setWindowTitle("Aperçu")
        self.reject()

    def _seal(self) -> None:
        if self._on_seal is not None:
            self.accept()
            self._on_seal()
