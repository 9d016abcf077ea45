"""The verify screen: a verifier report shown as VALIDE / INVALIDE with each seal.

panel = VerifyPanel()
panel.set_report(report)      # desktop.core.seal.verify.verify_pdf(...) run in a worker
panel.set_unreadable(message) # the French message of Unreadable
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desktop.core.seal.report_text import report_lines

VALID_STYLE = "font-weight: bold; font-size: 16px; color: #1a6b1a;"
INVALID_STYLE = "font-weight: bold; font-size: 16px; color: #a40000;"


class VerifyPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Détail de la vérification")
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addWidget(self.details, 1)

    def set_report(self, report) -> None:
        lines = report_lines(report)
        self.verdict.setText(lines[0])
        self.verdict.setStyleSheet(VALID_STYLE if report.valid else INVALID_STYLE)
        self.details.setPlainText("\n".join(lines[1:]))

    def set_unreadable(self, message: str) -> None:
        self.verdict.setText(f"ILLISIBLE — {message}")
        self.verdict.setStyleSheet(INVALID_STYLE)
        self.details.setPlainText("")


class VerdictDialog(QDialog):
    """« Vérifier un document… »: the verdict of desktop.core.documents.verify_file."""

    def __init__(self, verdict, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("verdict_dialog")
        self.setWindowTitle("Vérification du document")
        self.verdict = verdict
        self.file = QLabel(f"Fichier : {verdict.path}")
        self.file.setWordWrap(True)
        self.panel = VerifyPanel(self)
        self.panel.verdict.setText(verdict.lines[0])
        self.panel.verdict.setStyleSheet(VALID_STYLE if verdict.valid else INVALID_STYLE)
        self.panel.details.setPlainText("\n".join(verdict.lines[1:]))
        close = QPushButton("&Fermer")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file)
        layout.addWidget(self.panel, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(720, 420)
