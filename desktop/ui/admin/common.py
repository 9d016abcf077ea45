"""Small pieces shared by the administration screens: French dates and sizes, read-only
tables, the bridge that carries progress from the worker to the GUI thread."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop.core.servicetime import shown_datetime

OK_STYLE = "color: #1f5f1f;"
NBSP = "\u00a0"


class ProgressBridge(QObject):
    """Emitted from the worker thread, delivered on the GUI thread (queued signal)."""

    progressed = Signal(float, str)

    def report(self, fraction: float, message: str) -> None:
        self.progressed.emit(float(fraction), message)


def fr_datetime(dt: datetime | None, seconds: bool = False) -> str:
    """« 30/11/2026 à 14:05 » in the service zone, as « Enregistré à »; « — » when unknown."""
    return shown_datetime(dt, seconds)


def fr_date(dt: datetime | None) -> str:
    """« 30/11/2026 » in the service zone; « — » when unknown."""
    return shown_datetime(dt, time=False)


def fr_size(n: int) -> str:
    """« 512 octets », « 3,4 Kio », « 12,0 Mio » (binary units, French decimal comma)."""
    if n < 1024:
        return f"{n}{NBSP}octets"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f}{NBSP}Kio".replace(".", ",")
    if n < 1024**3:
        return f"{n / 1024 / 1024:.1f}{NBSP}Mio".replace(".", ",")
    return f"{n / 1024**3:.2f}{NBSP}Gio".replace(".", ",")


def read_only_table(headers: list[str], name: str, stretch: int | None = None) -> QTableWidget:
    """A row-selecting, non-editable table; Tab leaves it (keyboard users)."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


def form_row(form, text: str, buddy, field=None) -> None:
    """A QFormLayout row whose label's mnemonic (« &Destination : ») focuses `buddy`, even
    when the field is a layout (line edit + « Choisir… »)."""
    from PySide6.QtWidgets import QLabel

    lab = QLabel(text)
    lab.setBuddy(buddy)
    form.addRow(lab, field if field is not None else buddy)


def fill(table: QTableWidget, rows: list[tuple], tips: list[str] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(str(text))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if tips and tips[r]:
                item.setToolTip(tips[r])
            table.setItem(r, c, item)
    if rows and table.currentRow() < 0:
        table.selectRow(0)


def choose_path(
    parent,
    caption: str,
    callback,
    *,
    save: bool = False,
    folder: bool = False,
    name_filter: str = "",
    directory: str = "",
):
    """A Qt file dialog opened window-modal (never a blocking static call): `callback(path)`
    gets the chosen path. Returns the dialog (keyboard users type the path in it)."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    dialog = QFileDialog(parent, caption, directory)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if folder:
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    elif save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    if name_filter:
        dialog.setNameFilter(name_filter)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Choisir")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Annuler")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "Nom :")
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, "Dans :")
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, "Type :")
    dialog.fileSelected.connect(lambda path: path and callback(Path(path)))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
