"""« Sceller le rapport UAPED »: its author, the coordination UAPED account, signs on the pad.

    dialog = UapedSealDialog(parent, title, certificate_subject)
    dialog.accepted.connect(lambda: seal(dialog.signature_png(), dialog.quality()))

The report is signed by the holder of the account that seals it, under the name of her
sealing certificate (issue 16); she states her quality, printed beside the signature.
« Sceller » stays disabled until something is drawn. Nothing is written to disk.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout

from desktop.ui.signing import SignaturePad
from desktop.ui.widgets import MUTED_STYLE, label

DEFAULT_QUALITY = "coordination de l'UAPED"  # desktop.core.documents.uaped.DEFAULT_QUALITY


class UapedSealDialog(QDialog):
    def __init__(self, parent, title: str, certificate_subject: str):
        super().__init__(parent)
        self.setObjectName("uaped_seal_dialog")
        self.setWindowTitle("Signer et sceller le rapport UAPED")
        self.pad = SignaturePad()
        self.pad.setAccessibleName("Signature de l'auteur du rapport")
        self.quality_edit = QLineEdit(DEFAULT_QUALITY)
        self.quality_edit.setObjectName("uaped_quality")
        self.quality_edit.setMaxLength(120)
        self.quality_edit.setAccessibleName("Qualité de l'auteur du rapport")
        self.buttons = QDialogButtonBox()
        self.seal_button = self.buttons.addButton(
            "&Signer et sceller", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.seal_button.setEnabled(False)
        self.pad.changed.connect(lambda: self.seal_button.setEnabled(not self.pad.is_empty()))
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                f"Sceller « {title} » avec le certificat de {certificate_subject} ? "
                "Une fois scellé, le document ne change plus."
            )
        )
        form = QFormLayout()
        form.addRow("Auteur du rapport :", label(certificate_subject))
        form.addRow("&Qualité :", self.quality_edit)
        lay.addLayout(form)
        lay.addWidget(label("Votre signature :"))
        lay.addWidget(self.pad)
        lay.addWidget(
            label(
                "Signez dans le cadre avec la souris, le doigt ou le stylet ; votre nom, votre "
                "qualité, la date et l'heure sont imprimés avec elle sur le rapport.",
                MUTED_STYLE,
            )
        )
        lay.addWidget(self.buttons)

    def signature_png(self) -> bytes | None:
        """The drawn signature (PNG), None while the pad is empty."""
        return self.pad.to_png()

    def quality(self) -> str:
        """The quality as typed (the core folds spaces, an empty one is the default)."""
        return self.quality_edit.text()
