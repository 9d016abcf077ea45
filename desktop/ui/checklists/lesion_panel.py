"""Lesions on the body diagram: the diagram, an editor beside it and the numbered list."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.medical.bodymap import clock_hour, clock_point, load_bodymap
from desktop.core.medical.catalog import load_catalog
from desktop.core.medical.lesions import (
    Lesion,
    Position,
    add_lesion,
    describe_lesion,
    describe_position,
    markers,
    remove_lesion,
    replace_lesion,
)
from desktop.core.medical.validation import FieldError
from desktop.ui.checklists.body_diagram import BodyDiagram
from desktop.ui.checklists.common import FieldErrors, with_error
from desktop.ui.widgets import MUTED_STYLE, button

NO_POSITION = "Cliquez sur le schéma à l'endroit de la lésion."


class LesionPanel(QWidget):
    """Edits a list of lesions; emits `lesions_changed` with the new list after each change."""

    lesions_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None, type_options=None):
        """`type_options`: [(value, label)] from the form's body_markers field; without
        them the catalog's free vocabulary is offered (editable)."""
        super().__init__(parent)
        self.bodymap = load_bodymap()
        catalog = load_catalog()
        self._lesions: list[Lesion] = []
        self._position: Position | None = None
        self._editing: int | None = None

        self.diagram = BodyDiagram(bodymap=self.bodymap)
        self.diagram.position_picked.connect(self._picked)
        self.diagram.marker_clicked.connect(self.select)

        self.errors = FieldErrors()
        self.heading = QLabel("<b>Nouvelle lésion</b>")
        self.type_box = QComboBox()
        self.type_labels = dict(type_options or ())
        if type_options:
            for value, text in type_options:
                self.type_box.addItem(text, value)
            self.type_box.setPlaceholderText("Choisir le type…")
        else:
            self.type_box.setEditable(True)
            for value in catalog.lesion_types:
                self.type_box.addItem(value, value)
            self.type_box.lineEdit().setPlaceholderText("ecchymose, plaie, morsure…")
        self.type_box.setCurrentIndex(-1)
        self.type_box.setAccessibleName("Type de lésion")
        self.colour_box = QComboBox()
        self.colour_box.setEditable(True)
        self.colour_box.addItems(["", *catalog.lesion_colours])
        self.colour_box.setAccessibleName("Teinte")
        self.length = _size_box("Longueur")
        self.width_ = _size_box("Largeur")
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText("Aspect, bords, forme, ancienneté apparente…")
        self.description.setFixedHeight(54)
        self.description.setAccessibleName("Description de la lésion")
        self.position_label = QLabel(NO_POSITION)
        self.position_label.setWordWrap(True)
        self.position_label.setStyleSheet(MUTED_STYLE)
        self.clock = QSpinBox()
        self.clock.setRange(1, 12)
        self.clock.setSuffix(" h")
        self.clock.setAccessibleName("Position sur le cadran horaire")
        self.clock.setToolTip("Position sur le cadran horaire (12 h : antérieur).")
        self.clock.valueChanged.connect(self._clock_changed)
        self.clock_row = QWidget()
        clock_lay = QHBoxLayout(self.clock_row)
        clock_lay.setContentsMargins(0, 0, 0, 0)
        clock_lay.addWidget(QLabel("Cadran :"))
        clock_lay.addWidget(self.clock)
        clock_lay.addStretch(1)
        self.clock_row.setVisible(False)

        size_row = QHBoxLayout()
        size_row.addWidget(self.length)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.width_)
        size_widget = QWidget()
        size_widget.setLayout(size_row)
        size_row.setContentsMargins(0, 0, 0, 0)

        position_box = QWidget()
        pos_lay = QVBoxLayout(position_box)
        pos_lay.setContentsMargins(0, 0, 0, 0)
        pos_lay.setSpacing(2)
        pos_lay.addWidget(self.position_label)
        pos_lay.addWidget(self.clock_row)
        pos_lay.addWidget(self.errors.make("position"))
        pos_lay.addWidget(self.errors.make("heure"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Position :", position_box)
        form.addRow("Type :", with_error(self.type_box, self.errors.make("type")))
        form.addRow("Taille :", with_error(size_widget, self.errors.make("taille")))
        form.addRow("Teinte :", self.colour_box)
        form.addRow("Description :", self.description)
        self.errors.make("numero")
        self.errors.make("*")
        form.addRow(self.errors.labels["numero"])
        form.addRow(self.errors.labels["*"])

        self.add_button = button("Ajouter la lésion", self.submit)
        self.add_button.setDefault(True)
        self.new_button = button("Nouvelle lésion", self.new_lesion)
        self.delete_button = button("Supprimer", self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        editor = QGroupBox("Lésion")
        ed_lay = QVBoxLayout(editor)
        ed_lay.addWidget(self.heading)
        ed_lay.addLayout(form)
        ed_lay.addLayout(buttons)

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Lésions relevées")
        self.list.itemSelectionChanged.connect(self._list_selected)
        listed = QGroupBox("Lésions relevées")
        list_lay = QVBoxLayout(listed)
        list_lay.addWidget(self.list)

        side = QVBoxLayout()
        side.addWidget(editor)
        side.addWidget(listed, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side.setContentsMargins(0, 0, 0, 0)
        side_widget.setMinimumWidth(360)
        side_widget.setMaximumWidth(480)

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.diagram, 3)
        lay.addWidget(side_widget, 2)
        self._refresh()

    # -- data -----------------------------------------------------------------------------
    @property
    def lesions(self) -> list[Lesion]:
        return list(self._lesions)

    def set_lesions(self, lesions: list[Lesion]) -> None:
        self._lesions = list(lesions)
        self.new_lesion()
        self._refresh()

    def draft(self) -> Lesion:
        return Lesion(
            number=None,
            type=self._type_value(),
            position=self._position,
            length_mm=self.length.value() or None,
            width_mm=self.width_.value() or None,
            colour=self.colour_box.currentText().strip(),
            description=self.description.toPlainText().strip(),
        )

    def _type_value(self) -> str:
        if self.type_box.isEditable():
            text = self.type_box.currentText().strip()
            index = self.type_box.findText(text)
            return self.type_box.itemData(index) if index >= 0 else text
        return self.type_box.currentData() or ""

    def set_type(self, value: str) -> None:
        index = self.type_box.findData(value)
        if index < 0 and self.type_box.isEditable():
            self.type_box.setEditText(value)
        else:
            self.type_box.setCurrentIndex(index)

    # -- actions --------------------------------------------------------------------------
    def submit(self) -> bool:
        """Add the lesion being typed (or save the one being edited). False if refused."""
        try:
            if self._editing is None:
                lesions = add_lesion(self._lesions, self.draft(), self.bodymap)
            else:
                lesions = replace_lesion(self._lesions, self._editing, self.draft(), self.bodymap)
        except FieldError as err:
            self.errors.show(err.issues)  # nothing typed is cleared
            return False
        self._lesions = lesions
        self.new_lesion()
        self._refresh()
        self.lesions_changed.emit(self.lesions)
        return True

    def new_lesion(self) -> None:
        self._editing = None
        self._position = None
        self.errors.clear()
        self.type_box.setCurrentIndex(-1)
        if self.type_box.isEditable():
            self.type_box.setEditText("")
        self.colour_box.setCurrentIndex(0)
        self.length.setValue(0)
        self.width_.setValue(0)
        self.description.setPlainText("")
        self.heading.setText("<b>Nouvelle lésion</b>")
        self.add_button.setText("Ajouter la lésion")
        self.delete_button.setEnabled(False)
        self.list.clearSelection()
        self.diagram.set_selected(None)
        self._show_position()

    def select(self, number: int) -> None:
        lesion = next((x for x in self._lesions if x.number == number), None)
        if lesion is None:
            return
        self._editing = number
        self.errors.clear()
        self._position = lesion.position
        self.set_type(lesion.type)
        self.colour_box.setEditText(lesion.colour)
        self.length.setValue(lesion.length_mm or 0)
        self.width_.setValue(lesion.width_mm or 0)
        self.description.setPlainText(lesion.description)
        self.heading.setText(f"<b>Lésion n°\u00a0{number}</b> (modification)")
        self.add_button.setText("Enregistrer la lésion")
        self.delete_button.setEnabled(True)
        self.diagram.set_selected(number)
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == number and not item.isSelected():
                self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
        self._show_position()

    def delete_selected(self) -> None:
        if self._editing is None:
            return
        self._lesions = remove_lesion(self._lesions, self._editing)
        self.new_lesion()
        self._refresh()
        self.lesions_changed.emit(self.lesions)

    # -- internals ------------------------------------------------------------------------
    def _picked(self, view: str, nx: float, ny: float) -> None:
        self._position = Position.at(view, nx, ny, self.bodymap)
        self.errors.labels["position"].setVisible(False)
        self._show_position()

    def _clock_changed(self, hour: int) -> None:
        pos = self._position
        if pos is None or not self.bodymap.view(pos.view).is_clock or pos.clock == hour:
            return
        radius = max(0.08, ((pos.x - 0.5) ** 2 + (pos.y - 0.5) ** 2) ** 0.5)
        x, y = clock_point(hour, radius)
        self._position = Position(pos.view, round(x, 4), round(y, 4), clock_hour(x, y))
        self._show_position()

    def _show_position(self) -> None:
        pos = self._position
        if pos is None:
            self.position_label.setText(NO_POSITION)
            self.position_label.setStyleSheet(MUTED_STYLE)
            self.clock_row.setVisible(False)
            self.diagram.set_pending(None)
            return
        self.position_label.setText(describe_position(pos, self.bodymap))
        self.position_label.setStyleSheet("")
        is_clock = self.bodymap.view(pos.view).is_clock
        self.clock_row.setVisible(is_clock)
        if is_clock and pos.clock:
            self.clock.blockSignals(True)
            self.clock.setValue(pos.clock)
            self.clock.blockSignals(False)
        self.diagram.set_pending((pos.view, pos.x, pos.y) if self._editing is None else None)
        if self._editing is not None:
            shown = [m for m in markers(self._lesions) if m[0] != self._editing]
            self.diagram.set_markers([*shown, (self._editing, pos.view, pos.x, pos.y)])

    def _refresh(self) -> None:
        self.diagram.set_markers(markers(self._lesions))
        self.list.blockSignals(True)
        self.list.clear()
        for lesion in self._lesions:
            item = QListWidgetItem(describe_lesion(lesion, self.bodymap, self.type_labels))
            item.setData(Qt.ItemDataRole.UserRole, lesion.number)
            self.list.addItem(item)
        if not self._lesions:
            item = QListWidgetItem("Aucune lésion relevée.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.list.blockSignals(False)

    def _list_selected(self) -> None:
        items = self.list.selectedItems()
        if items and items[0].data(Qt.ItemDataRole.UserRole) is not None:
            self.select(int(items[0].data(Qt.ItemDataRole.UserRole)))


def _size_box(name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 1000)
    box.setDecimals(0)
    box.setSuffix(" mm")
    box.setSpecialValueText("—")
    box.setAccessibleName(f"{name} en millimètres")
    box.setToolTip(f"{name} en millimètres (« — » : non mesurée).")
    return box
