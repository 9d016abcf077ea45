"""The editor of a `signature` form field (wizard: desktop.ui.forms.fields.EXTERNAL_EDITORS).

`create(field, env)` returns a widget with `value()`, `set_value(v)` (no signal) and `changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

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
        self._linked = False
        QTimer.singleShot(0, self._link_once)  # once placed in its row (hidden rows too)

    # -- M7: in a signers' group, the name is typed (or picked) once, in the row ----------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._link_once()

    def _link_once(self) -> None:
        if not self._linked and self.parentWidget() is not None:
            self._linked = True
            self._link_row()

    def _sibling(self, field_id: str):
        box = self.parentWidget()
        while box is not None and not isinstance(box, QGroupBox):
            box = box.parentWidget()
        if box is None:
            return None
        row = box.findChild(QWidget, f"field_{field_id}")
        return getattr(row, "editor", None)

    def _link_row(self) -> None:
        self._name_editor = self._sibling("nom")
        self._person_editor = self._sibling("personne")
        if self._name_editor is None:
            return
        self.panel.name_edit.setReadOnly(True)
        self.panel.name_edit.setToolTip("Le nom vient de « Prénom et nom » du signataire.")
        self._name_editor.changed.connect(self._sync_name)
        if self._person_editor is not None:  # keyboard arrows change the index, not `activated`
            signal = getattr(self._person_editor, "currentIndexChanged", None)
            (signal or self._person_editor.changed).connect(lambda *_: self._person_picked())
        self._sync_name()

    def _person_picked(self) -> None:
        """A person of the procedure picked: his name fills « Prénom et nom » if empty."""
        combo = self._person_editor
        if combo.value() is None or (self._name_editor.value() or "").strip():
            return
        name = combo.currentText().split(" «")[0].strip()
        if name and not name.startswith("Personne n°"):
            self._name_editor.set_value(name)
            self._name_editor.changed.emit()

    def _sync_name(self) -> None:
        name = str(self._name_editor.value() or "").strip()
        if self.panel.name_edit.text() != name:
            self.panel.name_edit.setText(name)
            self.panel._refresh()
            if self.panel.status() is not None:
                self.panel._emit()

    def value(self):
        return self.panel.value()

    def set_value(self, value) -> None:
        self.panel.set_value(value)

    def setFocus(self, *args) -> None:  # noqa: N802 - Qt override
        self.panel.pad.setFocus(*args)


def create(field, env=None) -> SignatureFieldEditor:
    return SignatureFieldEditor(field, env)
