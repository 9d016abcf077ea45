"""The review list of a pseudonymised copy: one checkable line per candidate name, a field
to add a name the tools missed, « Sceller la copie » / « Annuler ».

The candidates are computed in the worker (desktop.core.export.review.review_candidates);
this dialog only shows them and returns the names the officer kept.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, title, vbox

KINDS = {"personne": "personne", "lieu": "lieu", "nom propre": "nom propre"}


class ReviewDialog(QDialog):
    """Shows `candidates` (desktop.core.export.review.Candidate); `confirmed()` after accept."""

    def __init__(self, candidates, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("review_dialog")
        self.setWindowTitle("Relecture avant diffusion")
        self.setMinimumSize(560, 460)
        heading = title("Relecture avant diffusion", 14)
        intro = label(
            "Avant de sceller la copie pseudonymisée, vérifiez les mots ci-dessous : noms et "
            "lieux relevés dans les déclarations qui ne figurent pas parmi les personnes du "
            "dossier. Chaque mot coché sera remplacé par ses initiales. Décochez ce qui n'est "
            "pas un nom ; ajoutez tout nom oublié.",
            MUTED_STYLE,
        )
        self.list = QListWidget()
        self.list.setObjectName("review_list")
        for c in candidates:
            self._add_item(c.text, f"{c.kind}, {c.count} fois ({c.source})", c.suggested)
        self.empty = label("Aucun nom propre supplémentaire relevé.", MUTED_STYLE)
        self.empty.setVisible(not candidates)
        self.extra = QLineEdit()
        self.extra.setObjectName("review_add_text")
        self.extra.setPlaceholderText("Nom ou surnom à pseudonymiser en plus")
        self.extra.returnPressed.connect(self.add_name)
        self.add = button("Ajouter", self.add_name)
        self.add.setObjectName("review_add")
        self.seal = button("Sceller la copie", self.accept)
        self.seal.setObjectName("review_seal")
        self.cancel = button("Annuler", self.reject)
        for b in (self.add, self.seal, self.cancel):  # Enter in the field adds, never seals
            b.setAutoDefault(False)
            b.setDefault(False)
        self.setLayout(
            vbox(
                heading,
                intro,
                self.list,
                self.empty,
                hbox(self.extra, self.add),
                hbox(None, self.cancel, self.seal),
                margin=14,
                spacing=8,
            )
        )

    def _add_item(self, text: str, detail: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(f"{text} — {detail}")
        item.setData(Qt.UserRole, text)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        self.list.addItem(item)
        return item

    def add_name(self) -> None:
        name = " ".join(self.extra.text().split())
        if name:
            self._add_item(name, "ajouté à la relecture", True)
            self.empty.setVisible(False)
            self.extra.clear()

    def shown(self) -> list[str]:
        """Every name listed, ticked or not."""
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]

    def confirmed(self) -> list[str]:
        """The ticked names, to pseudonymise as well."""
        return [
            self.list.item(i).data(Qt.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.Checked
        ]
