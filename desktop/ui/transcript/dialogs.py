"""Small dialogs of the transcript: reason of a pause or resumption, words for a cued prompt."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QPlainTextEdit

from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label

PAUSE_REASONS = (
    "Pause demandée par le mineur",
    "Besoin du mineur (boisson, toilettes, repos)",
    "Concertation avec l'enquêteur observateur",
    "Mineur en pleurs ou en détresse",
    "Incident technique de l'enregistrement",
)
RESUME_REASONS = (
    "Le mineur est prêt à reprendre",
    "Fin de la concertation",
    "Incident technique résolu",
)


def prompt_layout(hint, field, error, cancel, ok):
    """The layout of the panel's short dialogs: a hint, the field, its error, the buttons."""
    return vbox(hint, field, error, hbox(None, cancel, ok), margin=16, spacing=8)


class ReasonDialog(QDialog):
    """The reason of a pause (required) or of a resumption (optional)."""

    chosen = Signal(str)

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.kind = kind
        pause = kind == "pause"
        self.setWindowTitle("Suspendre l'audition" if pause else "Reprendre l'audition")
        self.reason = QComboBox()
        self.reason.setObjectName("reason")
        self.reason.setEditable(True)
        self.reason.addItems(PAUSE_REASONS if pause else RESUME_REASONS)
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText(
            "Motif (choisissez ou écrivez)" if pause else "Motif (facultatif)"
        )
        self.reason.setMinimumWidth(440)
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        ok = button("&Suspendre" if pause else "&Reprendre", self._submit)
        ok.setToolTip("Valider (Entrée)")
        ok.setDefault(True)
        cancel = button("Annuler", self.reject)
        cancel.setToolTip("Annuler (Échap)")
        self.setLayout(
            prompt_layout(
                label(
                    "L'heure est notée automatiquement."
                    if pause
                    else "L'heure de reprise est notée automatiquement.",
                    MUTED_STYLE,
                ),
                self.reason,
                self.error,
                cancel,
                ok,
            )
        )
        self.reason.setFocus()

    def _submit(self) -> None:
        text = self.reason.currentText().strip()
        if self.kind == "pause" and not text:
            self.error.setText("Indiquez le motif de la suspension.")
            self.error.setVisible(True)
            return
        self.accept()
        self.chosen.emit(text)


class ObservationDialog(QDialog):
    """The officer's observation (silence, tears, a gesture): printed in italics in the PV."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Observation de l'enquêteur")
        self.text = QLineEdit()
        self.text.setObjectName("observation")
        self.text.setPlaceholderText("Ex. : la mineure pleure ; elle désigne l'hôtel sur le plan")
        self.text.setMinimumWidth(480)
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        ok = button("&Noter", self._submit)
        ok.setToolTip("Noter l'observation (Entrée)")
        ok.setDefault(True)
        cancel = button("Annuler", self.reject)
        cancel.setToolTip("Annuler (Échap)")
        self.setLayout(
            prompt_layout(
                label("L'heure est notée automatiquement.", MUTED_STYLE),
                self.text,
                self.error,
                cancel,
                ok,
            )
        )
        self.text.setFocus()

    def _submit(self) -> None:
        text = self.text.text().strip()
        if not text:
            self.error.setText("Écrivez l'observation.")
            self.error.setVisible(True)
            return
        self.accept()
        self.chosen.emit(text)


class CuePicker(QDialog):
    """Select the minor's own words in an earlier answer (Maj+flèches), then Entrée."""

    chosen = Signal(str)

    def __init__(self, answers: list[str], parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Parle-moi plus de « … »")
        self.text = QPlainTextEdit()
        self.text.setObjectName("cue_text")
        self.text.setReadOnly(True)
        self.text.setPlainText("\n\n".join(a.strip() for a in answers[-30:]))
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.setMinimumSize(560, 280)

        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        ok = button("&Reprendre ces mots", self._submit)
        ok.setToolTip("Insérer la relance (Entrée)")
        ok.setDefault(True)
        cancel = button("Annuler", self.reject)
        cancel.setToolTip("Annuler (Échap)")
        self.setLayout(
            prompt_layout(
                label(
                    "Sélectionnez les mots du mineur (Maj + flèches, ou à la souris) puis "
                    "appuyez sur Entrée.",
                    MUTED_STYLE,
                ),
                self.text,
                self.error,
                cancel,
                ok,
            )
        )
        self.text.setFocus()

    def _submit(self) -> None:
        words = self.text.textCursor().selectedText().replace("\u2029", " ").strip()
        if not words:
            self.error.setText("Sélectionnez d'abord des mots dans une réponse.")
            self.error.setVisible(True)
            return
        self.accept()
        self.chosen.emit(words)
