"""« Sceller le PV de renseignement »: the officer signs it on the pad, then it is sealed.

    dialog = RenseignementSealDialog(parent, title, certificate_subject)
    dialog.accepted.connect(lambda: seal(dialog.signature_png()))

The PV de renseignement (préconisations 18 and 19) is the officer's own document: the only
signature is hers or his, drawn here as on the PV's signature pad. « Sceller » stays
disabled until something is drawn. Nothing is written to disk.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

from desktop.ui.signing import SignaturePad
from desktop.ui.widgets import MUTED_STYLE, label


class RenseignementSealDialog(QDialog):
    def __init__(self, parent, title: str, certificate_subject: str):
        super().__init__(parent)
        self.setObjectName("renseignement_seal_dialog")
        self.setWindowTitle("Sceller le PV de renseignement")
        self.pad = SignaturePad()
        self.pad.setAccessibleName("Signature de l'officier")
        self.buttons = QDialogButtonBox()
        self.seal_button = self.buttons.addButton(
            "&Sceller", QDialogButtonBox.ButtonRole.AcceptRole
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
        lay.addWidget(label("Votre signature (officier rédacteur) :"))
        lay.addWidget(self.pad)
        lay.addWidget(
            label(
                "Signez dans le cadre avec la souris, le doigt ou le stylet ; elle est imprimée "
                "sur le PV de renseignement.",
                MUTED_STYLE,
            )
        )
        lay.addWidget(self.buttons)

    def signature_png(self) -> bytes | None:
        """The drawn signature (PNG), None while the pad is empty."""
        return self.pad.to_png()
