"""The editor of a `signature` form field (wizard: desktop.ui.forms.fields.EXTERNAL_EDITORS).

`create(field, env)` returns a widget with `value()`, `set_value(v)` (no signal) and `changed`.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.signing.panel import SignaturePanel


class SignatureFieldEditor(QWidget):
    changed = Signal()

    def __init__(self, field, env=None):
        super().__init__()
        self.field = field
        self.panel = SignaturePanel(quality=getattr(field, "label", ""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.panel.changed.connect(self.changed)

    def value(self):
        return self.panel.value()

    def set_value(self, value) -> None:
        self.panel.set_value(value)

    def setFocus(self, *args) -> None:  # noqa: N802 - Qt override
        self.panel.pad.setFocus(*args)


def create(field, env=None) -> SignatureFieldEditor:
    return SignatureFieldEditor(field, env)
