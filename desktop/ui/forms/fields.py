"""One widget per field type of the form definitions (desktop.core.formspec).

Every editor exposes `value()` (the JSON stored in the vault), `set_value(v)` (no signal)
and a `changed` signal. A typed value that does not parse (a date « 32/13 ») is kept as the
raw text — saved as a draft — and its French message is shown under the field.

Other packages may provide the editor of a type by a module listed in EXTERNAL_EDITORS with
`create(field, env) -> QWidget` (the widget has value / set_value / changed).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QWidget,
)

from desktop.core.formspec.dates import format_quantity_fr, partial_date_fr
from desktop.core.formspec.model import SIGNATURE_STATUSES, Field
from desktop.core.formspec.validate import is_empty, normalize_input
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    LongTextEdit,
    button,
    hbox,
    make_action,
    plain_text,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)

EXTERNAL_EDITORS = {
    "signature": "desktop.ui.signing.field_editor",
    "body_markers": "desktop.ui.checklists.field_editor",
}
NOW_SHORTCUT = "Ctrl+;"


@dataclass
class FieldEnv:
    """What editors may need besides the field: the case's persons, the clock."""

    persons: list = field(default_factory=list)
    now: datetime | None = None


# -- display of stored values -----------------------------------------------------------------


def display_text(f: Field, value: Any) -> str:
    """A stored value as the officer typed it, the French way."""
    if value is None:
        return ""
    if f.type == "date" and partial_date_fr(value):
        return partial_date_fr(value)
    if f.type == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
        y, m, d = value.split("-")
        return f"{d}/{m}/{y}"
    if f.type == "datetime" and isinstance(value, str) and len(value) >= 16 and value[4] == "-":
        y, m, d = value[:10].split("-")
        return f"{d}/{m}/{y} {value[11:16]}"
    if f.type == "time" and isinstance(value, str):
        return value
    return str(value)


def computed_text(f: Field, value: Any) -> str:
    if value is None:
        return "— (calculé quand les informations nécessaires sont saisies)"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int | float):
        return format_quantity_fr(value, f.unit)
    return f"{value}\u00a0{f.unit}" if f.unit else str(value)


# -- editors ----------------------------------------------------------------------------------


class LineEditor(QLineEdit):
    """text, integer, date, time, datetime."""

    changed = Signal()
    parse_error = Signal(str)

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        self.env = env
        self._error: str | None = None
        if f.placeholder:
            self.setPlaceholderText(f.placeholder)
        elif f.type == "date" and f.constraints.approximate:
            self.setPlaceholderText("ex. 26/11/2026, juin 2026 ou 2026 si seule l'année est connue")
        elif f.type == "date":
            self.setPlaceholderText("ex. 26/11/2026 ou 26 novembre 2026")
        elif f.type == "time":
            self.setPlaceholderText("ex. 14h30")
        elif f.type == "datetime":
            self.setPlaceholderText("ex. 26/11/2026 14h30")
        if f.type in ("time", "datetime", "date"):
            action = make_action(
                self,
                "Maintenant",
                self.set_now,
                NOW_SHORTCUT,
                "Mettre la date et l'heure actuelles",
            )
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            when = "aujourd'hui" if f.type == "date" else "maintenant"
            self.setToolTip(f"Ctrl+; : {when}")
        self.textEdited.connect(lambda _t: self.changed.emit())
        self.editingFinished.connect(self._finished)

    def set_now(self) -> None:
        now = self.env.now or datetime.now()
        text = {
            "date": now.strftime("%d/%m/%Y"),
            "time": now.strftime("%H:%M"),
            "datetime": now.strftime("%d/%m/%Y %H:%M"),
        }[self.f.type]
        self.setText(text)
        self.changed.emit()

    def value(self) -> Any:
        text = self.text()
        if self.f.type == "text":
            return text if text.strip() else None
        value, error = normalize_input(self.f, text)
        self._error = error
        if error:
            return text  # kept as typed: a draft with its message
        return value

    def set_value(self, value: Any) -> None:
        self.setText(display_text(self.f, value))

    def parse_message(self) -> str | None:
        if self.f.type == "text":
            return None
        _value, error = normalize_input(self.f, self.text())
        return error

    def _finished(self) -> None:
        message = self.parse_message()
        self.parse_error.emit(message or "")


class TextEditor(LongTextEdit):
    """long_text, verbatim: Tab moves to the next field."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        self.setTabChangesFocus(True)
        self.setMinimumHeight(64 if f.type == "long_text" else 90)
        self.setMaximumHeight(160)
        if f.placeholder:
            self.setPlaceholderText(f.placeholder)
        elif f.type == "verbatim":
            self.setPlaceholderText("Les mots du mineur, tels qu'il les dit")
        if f.type == "verbatim":
            font = self.font()
            font.setItalic(True)
            self.setFont(font)
        self.textChanged.connect(self.changed.emit)

    def value(self) -> Any:
        text = plain_text(self)
        return text if text.strip() else None

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setPlainText("" if value is None else str(value))
        self.blockSignals(False)


class ComboEditor(QComboBox):
    """choice, yes_no_unknown, person_ref."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        self.addItem("—", None)
        if f.type == "yes_no_unknown":
            for value, text in (("oui", "Oui"), ("non", "Non"), ("inconnu", "Ne sait pas")):
                self.addItem(text, value)
        elif f.type == "person_ref":
            for p in env.persons:
                if f.person_role and p.role != f.person_role:
                    continue
                pseudo = p.details.get("pseudonyme")
                text = p.display_name or f"Personne n° {p.id}"
                if pseudo:
                    text += f" «\u00a0{pseudo}\u00a0»"
                self.addItem(text, p.id)
        else:
            for option in f.options:
                self.addItem(option.label, option.value)
                if option.help:
                    self.setItemData(self.count() - 1, option.help, Qt.ItemDataRole.ToolTipRole)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        self.activated.connect(lambda _i: self.changed.emit())

    def value(self) -> Any:
        return self.currentData()

    def set_value(self, value: Any) -> None:
        index = self.findData(value)
        if index < 0 and value is not None:
            self.addItem(f"{value} (valeur inconnue)", value)
            index = self.count() - 1
        self.setCurrentIndex(max(0, index))


class CheckEditor(QCheckBox):
    """yes_no: None until touched, then True / False."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__("Oui")
        self.f = f
        self._touched = False
        self.clicked.connect(self._clicked)

    def _clicked(self, _checked: bool) -> None:
        self._touched = True
        self.changed.emit()

    def value(self) -> Any:
        return self.isChecked() if self._touched else None

    def set_value(self, value: Any) -> None:
        self._touched = value is not None
        self.setChecked(bool(value))


class MultiEditor(QWidget):
    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[str, QCheckBox]] = []
        columns = 2 if len(f.options) > 4 else 1
        for i, option in enumerate(f.options):
            box = QCheckBox(option.label)
            if option.help:
                box.setToolTip(option.help)
            box.clicked.connect(lambda _c: self.changed.emit())
            grid.addWidget(box, i // columns, i % columns)
            self.boxes.append((option.value, box))

    def value(self) -> Any:
        chosen = [v for v, b in self.boxes if b.isChecked()]
        return chosen or None

    def set_value(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for v, b in self.boxes:
            b.setChecked(v in chosen)

    def setFocus(self, *args) -> None:  # noqa: N802 - Qt override
        if self.boxes:
            self.boxes[0][1].setFocus(*args)


class SignatureEditor(QWidget):
    """Fallback editor of a signer's status (the drawn signature belongs to desktop.ui.signing)."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        self.status = QComboBox()
        self.status.addItem("—", None)
        for code, text in SIGNATURE_STATUSES.items():
            self.status.addItem(text, code)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Nom du signataire")
        self.motif = QLineEdit()
        self.motif.setPlaceholderText("Motif (refus, impossibilité…)")
        self._extra: dict = {}
        for w in (self.status,):
            w.activated.connect(lambda _i: self.changed.emit())
        for w in (self.name, self.motif):
            w.textEdited.connect(lambda _t: self.changed.emit())
        self.setLayout(hbox(self.status, self.name, self.motif))

    def value(self) -> Any:
        out = dict(self._extra)
        status = self.status.currentData()
        if status:
            out["status"] = status
        else:
            out.pop("status", None)
        for key, w in (("name", self.name), ("motif", self.motif)):
            if w.text().strip():
                out[key] = w.text()
            else:
                out.pop(key, None)
        return out or None

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        self._extra = {k: v for k, v in value.items() if k not in ("status", "name", "motif")}
        self.status.setCurrentIndex(max(0, self.status.findData(value.get("status"))))
        self.name.setText(value.get("name", ""))
        self.motif.setText(value.get("motif", ""))

    def setFocus(self, *args) -> None:  # noqa: N802 - Qt override
        self.status.setFocus(*args)


class KeptValue(QWidget):
    """A type this screen does not edit: the stored value is kept untouched."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv, text: str):
        super().__init__()
        self._value = None
        self.setLayout(vbox(label(text, MUTED_STYLE)))

    def value(self) -> Any:
        return self._value

    def set_value(self, value: Any) -> None:
        self._value = value


class RepeatEditor(QWidget):
    """A repeatable group: one box per row with its sub-fields; add / remove rows."""

    changed = Signal()

    def __init__(self, f: Field, env: FieldEnv):
        super().__init__()
        self.f = f
        self.env = env
        self.rows: list[dict[str, FieldRow]] = []
        self._extras: list[dict] = []
        self.container = QWidget()
        self.container.setLayout(vbox(spacing=8))
        noun = f.item_label or "ligne"
        self.add_button = button(f"Ajouter : {noun}", self.add_row, None, f"Ajouter : {noun}")
        self.add_button.setToolTip(f"Ajouter : {noun} (Ctrl+Maj+Insér. dans le groupe)")
        add = make_action(self, "Ajouter une ligne", self.add_row, "Ctrl+Shift+Ins")
        add.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.setLayout(vbox(self.container, hbox(self.add_button, None)))

    def add_row(self, values: dict | None = None, emit: bool = True) -> None:
        index = len(self.rows)
        noun = self.f.item_label or "Ligne"
        box = QGroupBox(f"{noun[:1].upper()}{noun[1:]} n° {index + 1}")
        rows: dict[str, FieldRow] = {}
        layout = vbox(spacing=4)
        for sub in self.f.fields:
            row = FieldRow(sub, self.env)
            row.editor.changed.connect(self.changed.emit)
            rows[sub.id] = row
            layout.addWidget(row)
            if values and sub.id in values:
                row.editor.set_value(values[sub.id])
        remove = button("Supprimer cette ligne", lambda i=index: self.remove_row(i))
        remove.setToolTip("Supprimer cette ligne")
        layout.addLayout(hbox(None, remove))
        box.setLayout(layout)
        self.container.layout().addWidget(box)
        self.rows.append(rows)
        self._extras.append({k: v for k, v in (values or {}).items() if str(k).startswith("_")})
        if emit:
            first = next(iter(rows.values()), None)
            if first is not None:
                first.editor.setFocus()
            self.changed.emit()

    def remove_row(self, index: int) -> None:
        values = self.value() or []
        if 0 <= index < len(values):
            del values[index]
        self.set_value(values)
        self.changed.emit()

    def value(self) -> Any:
        out = []
        for rows, extra in zip(self.rows, self._extras, strict=True):
            item = dict(extra)
            for fid, row in rows.items():
                v = row.editor.value()
                if not is_empty(v):
                    item[fid] = v
            out.append(item)
        return out or None

    def set_value(self, value: Any) -> None:
        layout = self.container.layout()
        while layout.count():
            w = layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.rows, self._extras = [], []
        for item in value if isinstance(value, list) else []:
            self.add_row(item if isinstance(item, dict) else {}, emit=False)

    def set_row_visibility(self, visible: list[set[str]]) -> None:
        for rows, shown in zip(self.rows, visible, strict=False):
            for fid, row in rows.items():
                row.setVisible(fid in shown)

    def setFocus(self, *args) -> None:  # noqa: N802 - Qt override
        if self.rows:
            next(iter(self.rows[0].values())).editor.setFocus(*args)
        else:
            self.add_button.setFocus(*args)


#: the one editor table: field type -> editor class (desktop.core.formspec.types: the types)
EDITORS: dict[str, type] = {
    **dict.fromkeys(("text", "integer", "date", "time", "datetime"), LineEditor),
    **dict.fromkeys(("long_text", "verbatim"), TextEditor),
    **dict.fromkeys(("choice", "yes_no_unknown", "person_ref"), ComboEditor),
    "yes_no": CheckEditor,
    "multi_choice": MultiEditor,
    "repeat": RepeatEditor,
    "signature": SignatureEditor,
}
KEPT_TEXT = {"body_markers": "Repères saisis sur le schéma corporel (écran médical)."}


def make_editor(f: Field, env: FieldEnv) -> QWidget:
    """The editor of a field: a package's own (EXTERNAL_EDITORS) when it is installed, else
    the table's; a type without editor keeps its stored value untouched."""
    module_name = EXTERNAL_EDITORS.get(f.type)
    if module_name:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if not module_name.startswith(exc.name or "\0"):
                raise
        else:
            return module.create(f, env)
    editor = EDITORS.get(f.type)
    return editor(f, env) if editor else KeptValue(f, env, KEPT_TEXT.get(f.type, ""))


class FieldRow(QFrame):
    """Label (with * when required), editor, help (collapsible), French error message.

    `editor` replaces the one of the type table (the medical screens' body diagram and
    numbered samples): any widget with value() / set_value(v) / changed."""

    def __init__(self, f: Field, env: FieldEnv, editor: QWidget | None = None):
        super().__init__()
        self.f = f
        self.setObjectName(f"field_{f.id}")
        required = " *" if f.required else ""
        self.caption = label(f"{f.label}{required}")
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.help = label(
            "\n".join(t for t in (f.help, f"En mots simples : {f.plain}" if f.plain else "") if t),
            MUTED_STYLE,
        )
        self.help.setVisible(bool(f.help or f.plain))
        self.scripts = label(
            "\n".join(
                f"« {p} »".replace("« ", "«\u00a0").replace(" »", "\u00a0»") for p in f.prompts
            ),
            "color: #1f3f6f;",
        )
        self.scripts.setVisible(bool(f.prompts))
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("field_error")
        self.error.setVisible(False)
        if f.type == "computed":
            self.editor = label("", wrap=True)
            self.editor.changed = None
        elif f.type == "info":
            self.editor = label("", wrap=True)
            self.editor.changed = None
        else:
            self.editor = editor if editor is not None else make_editor(f, env)
            self.caption.setBuddy(self.editor)
            self.editor.setAccessibleName(f.label)
        line = self.editor
        self.now_button = None
        if isinstance(self.editor, LineEditor):
            self.editor.parse_error.connect(self.show_parse_error)
            if f.type in ("time", "datetime"):  # issue 13: « Heure » fields get « maintenant »
                self.now_button = QToolButton()
                self.now_button.setText("Maintenant")
                self.now_button.setObjectName("now_button")
                self.now_button.setToolTip(
                    f"Mettre l'heure actuelle ({shortcut_text(NOW_SHORTCUT)})"
                )
                self.now_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+; at the keyboard
                self.now_button.clicked.connect(self.editor.set_now)
                line = hbox(self.editor, self.now_button, spacing=4)
        self.setLayout(vbox(self.caption, line, self.help, self.scripts, self.error, spacing=2))

    def set_help_visible(self, visible: bool) -> None:
        self.help.setVisible(visible and bool(self.f.help or self.f.plain))
        self.scripts.setVisible(visible and bool(self.f.prompts))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def show_parse_error(self, message: str) -> None:
        if message:
            self.show_error(message)

    def set_computed(self, value: Any) -> None:
        self.editor.setText(computed_text(self.f, value))


class WheelGuard(QObject):
    """The mouse wheel over a drop-down or a spin box that has not the focus scrolls the page
    instead of silently changing the answer (issue 13, M1; PITFALLS: StrongFocus + ignore)."""

    def guard(self, root: QWidget) -> None:
        """Guard every combo and spin box under `root` (call again after adding rows)."""
        for kind in (QComboBox, QAbstractSpinBox):
            for w in root.findChildren(kind):
                if w.property("wheel_guarded"):
                    continue
                w.setProperty("wheel_guarded", True)
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Wheel or obj.hasFocus():
            return False
        parent = obj.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QCoreApplication.sendEvent(parent.verticalScrollBar(), event)
        return True


def shortcut_text(seq: str) -> str:
    return QKeySequence(seq).toString(QKeySequence.SequenceFormat.NativeText)
