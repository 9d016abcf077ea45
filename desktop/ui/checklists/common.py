"""Small helpers shared by the checklist widgets: a field with its error line."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.ui.widgets import ERROR_STYLE


class FieldErrors:
    """Error labels placed next to fields, addressed by the core's field ids."""

    def __init__(self):
        self.labels: dict[str, QLabel] = {}

    def make(self, field: str) -> QLabel:
        lab = QLabel("")
        lab.setWordWrap(True)
        lab.setStyleSheet(ERROR_STYLE)
        lab.setVisible(False)
        lab.setObjectName(f"erreur_{field}")
        lab.setAccessibleName(f"Erreur : {field}")
        self.labels[field] = lab
        return lab

    def show(self, issues) -> None:
        """Show each issue next to its field; issues for unknown fields go to '*'."""
        self.clear()
        texts: dict[str, list[str]] = {}
        for issue in issues:
            key = issue.field if issue.field in self.labels else "*"
            texts.setdefault(key, []).append(issue.message)
        for key, messages in texts.items():
            lab = self.labels.get(key)
            if lab is not None:
                lab.setText(" ".join(messages))
                lab.setVisible(True)

    def clear(self) -> None:
        for lab in self.labels.values():
            lab.setText("")
            lab.setVisible(False)

    def text(self, field: str) -> str:
        lab = self.labels.get(field)
        return lab.text() if lab is not None and not lab.isHidden() else ""


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    lay.addWidget(widget)
    lay.addWidget(error)
    return box
