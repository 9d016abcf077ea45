"""« Ajouter une mention » : a sealed mention complémentaire to a sealed document (issue 16).

    dialog = AddendumDialog(parent, title="PV d'audition n° 17", author="Camille DURAND")
    dialog.accepted.connect(lambda: use(dialog.values()))   # nature, quoted, text, signers
    dialog.open()

A sealed document is never edited: the mention names it, quotes the passage it corrects,
and carries its author's handwritten signature; desktop.core.seal.addendum seals it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from desktop.core.pv.addendum import NATURES
from desktop.ui.signing.panel import SignaturePanel

ROLE = "auteur de la mention"


class AddendumDialog(QDialog):
    def __init__(self, parent=None, title: str = "", author: str = ""):
        super().__init__(parent)
        self.setObjectName("addendum_dialog")
        self.setWindowTitle("Ajouter une mention complémentaire")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(
            f"Le document « {title} » est scellé : il ne change plus. La mention s'y ajoute, "
            "le désigne par son identifiant et son empreinte, et est scellée à son tour."
        )
        intro.setWordWrap(True)
        self.nature = QComboBox()
        self.nature.setObjectName("addendum_nature")
        for key, label in NATURES.items():
            self.nature.addItem(label, key)
        self.quoted = QLineEdit()
        self.quoted.setObjectName("addendum_quoted")
        self.quoted.setPlaceholderText("Passage du document visé, mot pour mot (facultatif)")
        self.text = QPlainTextEdit()
        self.text.setObjectName("addendum_text")
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("Texte de la mention")
        self.signature = SignaturePanel(name=author, quality=ROLE)
        self.signature.set_status("signe")
        self.hint = QLabel("")
        self.hint.setObjectName("addendum_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #a40000;")
        form = QFormLayout()
        form.addRow("&Nature :", self.nature)
        form.addRow("&Passage visé :", self.quoted)
        form.addRow("&Mention :", self.text)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton("&Sceller la mention", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Signature de l'auteur de la mention :"))
        layout.addWidget(self.signature, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def problems(self) -> list[str]:
        out = []
        if not self.text.toPlainText().strip():
            out.append("Écrivez le texte de la mention.")
        out += self.signature.problems()
        if self.signature.status() != "signe":
            out.append("L'auteur de la mention la signe : tracez sa signature.")
        return out

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.hint.setText("\n".join(problems))
            return
        super().accept()

    def values(self) -> dict:
        """The arguments of desktop.core.seal.addendum.create_addendum (besides the ids)."""
        return {
            "nature": self.nature.currentData(),
            "quoted": self.quoted.text().strip(),
            "text": self.text.toPlainText().strip(),
            "signers": (self.signature.signer(ROLE),),
        }
