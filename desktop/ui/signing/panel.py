"""One signer: identity and quality printed next to the pad, and the structured outcome.

    panel = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    panel.changed.connect(save)
    panel.value()        # JSON of a `signature` answer (desktop.core.pv.signature) or None
    panel.set_value(v)   # shows a stored answer (image included), emits nothing
    panel.signer(role)   # desktop.core.pv.model.Signer, for documents without a form field
    panel.problems()     # French messages: drawn nothing but "signe", etc.

Refusal, inability and absence are states with their reason, never an empty drawing.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from desktop.core.pv.model import Signer
from desktop.core.pv.signature import decode_png, signature_answer, signer_from_answer
from desktop.ui.signing.pad import SignaturePad

STATUSES = (
    ("signe", "Signe"),
    ("refuse", "Refuse de signer"),
    ("ne_sait_pas_signer", "Ne sait pas signer"),
    ("ne_peut_pas_signer", "Ne peut pas signer"),
    ("absent", "Absent(e) au moment de la signature"),
)
REASON_HINT = {
    "refuse": "Motif déclaré du refus (facultatif)",
    "ne_sait_pas_signer": "Précision (facultative)",
    "ne_peut_pas_signer": "Raison de l'impossibilité (ex. bras plâtré)",
    "absent": "Circonstances (ex. partie avant la lecture)",
}


class SignaturePanel(QWidget):
    changed = Signal()

    def __init__(self, name: str = "", quality: str = "", parent=None, editable_name: bool = True):
        super().__init__(parent)
        self.pad = SignaturePad()
        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText("Prénom et NOM du signataire")
        self.name_edit.setReadOnly(not editable_name)
        self.name_edit.setAccessibleName("Nom du signataire")
        self.quality_label = QLabel(quality)
        self.quality_label.setWordWrap(True)
        self.status_buttons = QButtonGroup(self)
        self.status_buttons.setExclusive(True)
        self._radios: dict[str, QRadioButton] = {}
        for code, text in STATUSES:
            radio = QRadioButton(text)
            radio.setObjectName(f"status_{code}")
            self._radios[code] = radio
            self.status_buttons.addButton(radio)
            radio.toggled.connect(self._status_toggled)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setAccessibleName("Motif")
        self.reason.setEnabled(False)
        self.clear_button = QPushButton("Effacer")
        self.undo_button = QPushButton("Annuler le trait")
        self.redo_button = QPushButton("Rétablir le trait")
        self.clear_button.clicked.connect(self.pad.clear)
        self.undo_button.clicked.connect(self.pad.undo)
        self.redo_button.clicked.connect(self.pad.redo)
        self.hint = QLabel("")
        self.hint.setStyleSheet("color: #a40000;")
        self._signed_at: datetime | None = None
        self._stored_png: bytes | None = None  # the drawing loaded by set_value, as stored
        self._loading = False

        grid = QGridLayout(self)
        identity = QWidget()
        id_layout = QGridLayout(identity)
        id_layout.setContentsMargins(0, 0, 0, 0)
        id_layout.addWidget(QLabel("Signataire :"), 0, 0)
        id_layout.addWidget(self.name_edit, 1, 0)
        id_layout.addWidget(self.quality_label, 2, 0)
        for i, (code, _t) in enumerate(STATUSES):
            id_layout.addWidget(self._radios[code], 3 + i, 0)
        grid.addWidget(identity, 0, 0, 2, 1)
        grid.addWidget(self.pad, 0, 1, 1, 3)
        grid.addWidget(self.clear_button, 1, 1)
        grid.addWidget(self.undo_button, 1, 2)
        grid.addWidget(self.redo_button, 1, 3)
        grid.addWidget(self.reason, 2, 0, 1, 4)
        grid.addWidget(self.hint, 3, 0, 1, 4)
        grid.setColumnStretch(1, 1)

        self.pad.changed.connect(self._drawn)
        self.name_edit.textEdited.connect(lambda _t: self._emit())
        self.reason.textEdited.connect(lambda _t: self._emit())
        self._refresh()

    # -- state ----------------------------------------------------------------------------
    def status(self) -> str | None:
        for code, radio in self._radios.items():
            if radio.isChecked():
                return code
        return None

    def set_status(self, code: str | None) -> None:
        if code in self._radios:
            self._radios[code].setChecked(True)
        else:
            self.status_buttons.setExclusive(False)
            for radio in self._radios.values():
                radio.setChecked(False)
            self.status_buttons.setExclusive(True)
        self._refresh()

    def set_signer(self, name: str, quality: str = "") -> None:
        self.name_edit.setText(name)
        self.quality_label.setText(quality)

    def _status_toggled(self, checked: bool) -> None:
        if checked:
            if not self._loading and self.pad.shows_stored_only():
                # a stored drawing approved the act it was given for: a new act (a new time,
                # bound to today's text) needs a new drawing, never a replay of the old one
                self.pad.clear()
            self._signed_at = datetime.now().astimezone()
            self._refresh()
            self._emit()

    def _drawn(self) -> None:
        if not self.pad.is_empty() and self.status() is None and not self._loading:
            self._radios["signe"].setChecked(True)  # drawing means signing
        self._signed_at = datetime.now().astimezone()
        self._refresh()
        self._emit()

    def _emit(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _refresh(self) -> None:
        status = self.status()
        signing = status in (None, "signe")
        self.pad.set_drawing_enabled(signing)
        self.reason.setEnabled(not signing)
        self.reason.setPlaceholderText(REASON_HINT.get(status or "", "Motif"))
        self.undo_button.setEnabled(self.pad.can_undo())
        self.redo_button.setEnabled(self.pad.can_redo())
        self.clear_button.setEnabled(not self.pad.is_empty())
        problems = self.problems()
        self.hint.setText(problems[0] if problems else "")

    def problems(self) -> list[str]:
        out = []
        status = self.status()
        if not self.name_edit.text().strip():
            out.append("Indiquez le nom du signataire (il est imprimé à côté de la signature).")
        if status == "signe" and self.pad.is_empty():
            out.append("La personne signe : faites-la signer dans le cadre.")
        if status is None:
            out.append("Faites signer, ou indiquez le refus, l'impossibilité ou l'absence.")
        return out

    # -- value ----------------------------------------------------------------------------
    def value(self) -> dict | None:
        status = self.status()
        if status is None:
            return None
        png = self.pad.to_png() if status == "signe" else None
        if png is not None and self._stored_png and self.pad.shows_stored_only():
            # the very bytes that were stored: a re-encoded copy would look like a new act
            # to the core and refresh a stale signature (desktop.core.pv.binding)
            png = self._stored_png
        value = signature_answer(
            status,
            image_png=png,
            name=self.name_edit.text().strip(),
            motif="" if status == "signe" else self.reason.text().strip(),
            signed_at=self._signed_at,
        )
        return value

    def set_value(self, value: dict | None) -> None:
        self._loading = True
        try:
            value = value if isinstance(value, dict) else {}
            if value.get("name"):
                self.name_edit.setText(str(value["name"]))
            self.reason.setText(str(value.get("motif") or ""))
            self._stored_png = decode_png(value.get("image"))
            self.pad.show_png(self._stored_png)
            self.set_status(value.get("status"))
            when = value.get("signed_at")
            try:
                self._signed_at = datetime.fromisoformat(when) if when else None
            except ValueError:
                self._signed_at = None
        finally:
            self._loading = False
        self._refresh()

    def signer(self, role: str, initials_each_page: bool = False) -> Signer:
        """The PV model's Signer for this panel (used where no form field stores it)."""
        return signer_from_answer(
            self.value(),
            role=role,
            name=self.name_edit.text().strip(),
            quality=self.quality_label.text(),
            initials_each_page=initials_each_page,
        )
