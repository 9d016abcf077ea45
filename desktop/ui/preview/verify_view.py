"""The verify screen: a verifier report shown as VALIDE / INVALIDE with each seal.

panel = VerifyPanel()
panel.set_report(report)      # desktop.core.seal.verify.verify_pdf(...) run in a worker
panel.set_unreadable(message) # the French message of Unreadable
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

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
