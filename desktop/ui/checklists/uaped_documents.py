"""The « Rapport UAPED » box of the coordination screen: its state, « Aperçu », « Signer et
sceller… ».

The coordination account has no case screen: its report is signed and sealed here, by its
author (issue 16), with the same core calls as the case screen's « Documents » box
(desktop.core.documents.preview / seal, desktop.core.documents.uaped), run in the worker.
The form is saved first (`before`), so the report is the one on screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QMessageBox

from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, vbox


class UapedReportBox(QGroupBox):
    sealed = Signal(object)  # the sealed vault Document
    loaded = Signal(object)  # its row (desktop.core.documents.uaped.uaped_row), read again

    def __init__(self, ctx, record_id: int, before: Callable[[], None] = lambda: None):
        super().__init__("Rapport UAPED")
        self.ctx, self.record_id, self._before = ctx, record_id, before
        self.row = None
        self.setObjectName("uaped_report_box")
        self.state = label("", MUTED_STYLE)
        self.state.setObjectName("uaped_report_state")
        self.preview_button = button("Aperçu du rapport", self.preview, None, "Aperçu du rapport")
        self.preview_button.setObjectName("uaped_report_preview")
        self.seal_button = button(
            "Signer et sceller…",
            self.seal,
            None,
            "Signer le rapport sur l'écran, puis le sceller avec votre certificat",
        )
        self.seal_button.setObjectName("uaped_report_seal")
        row = hbox(self.state, self.preview_button, self.seal_button)
        row.setStretchFactor(self.state, 1)
        self.setLayout(vbox(row))
        self.reload()

    def reload(self) -> None:
        from desktop.core.documents.uaped import uaped_row

        rid = self.record_id
        self.ctx.tasks.op(lambda s: uaped_row(s, rid), parent=self).success(self._show).run()

    def _show(self, row) -> None:
        self.row = row
        self.state.setText(f"{row.state_label.capitalize()} — {row.detail}")
        self.seal_button.setEnabled(row.state == "brouillon")
        self.loaded.emit(row)

    def preview(self) -> None:
        from desktop.core.documents import preview

        self._before()
        rid = self.record_id
        self.ctx.tasks.op(lambda s: preview(s, rid), parent=self).success(self._preview).run()

    def _preview(self, p) -> None:
        from desktop.ui.preview.dialog import PreviewDialog

        dialog = PreviewDialog(p, self, on_seal=self.seal)
        dialog.view.ctx = self.ctx  # printing renders in the worker
        self.ctx.events.locked.connect(dialog.forget)  # issue 15: no PV kept while locked
        self.preview_dialog = dialog
        dialog.open()

    def seal(self) -> None:
        from desktop.core.documents import seal_certificate

        if self.row is not None and self.row.state != "brouillon":  # e.g. its key, once sealed
            self.ctx.show_error(
                "Ce rapport est déjà scellé : il ne se modifie plus. Son aperçu reste ouvert "
                "(Ctrl+Maj+O).",
                self,
            )
            return
        self._before()
        self.ctx.tasks.op(seal_certificate, parent=self).success(self._confirm).run()

    def _confirm(self, cert) -> None:
        if cert is None:  # her first seal: the guided creation (her name), then the seal
            from desktop.ui.admin.certs_page import CreateCertificateDialog

            dialog = CreateCertificateDialog(self.ctx, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(self.seal)
            dialog.open()
            return
        from desktop.ui.cases.uaped_seal_dialog import UapedSealDialog

        title = self.row.title if self.row else "le rapport UAPED"
        dialog = UapedSealDialog(self, title, cert.subject)
        dialog.accepted.connect(lambda: self._seal(dialog.signature_png(), dialog.quality()))
        self.sign_dialog = dialog
        dialog.open()

    def _seal(self, png: bytes | None, quality: str) -> None:
        from desktop.core.documents import seal

        rid = self.record_id
        self.ctx.tasks.op(lambda s: seal(s, rid, "", png, quality), parent=self).success(
            self._sealed
        ).failure(lambda exc: self.ctx.show_error(exc, self)).run()

    def _sealed(self, doc) -> None:
        title = self.row.title if self.row else doc.title  # as listed: « Rapport UAPED du … »
        self.reload()
        self.sealed.emit(doc)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("Document scellé")
        box.setText(f"« {title} » est signé, scellé et gardé dans le coffre.")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
