"""Table model of the case list (rows are desktop.core.hearing.cases.CaseRow)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.core.hearing.cases import STATUS_LABELS, CaseRow

COLUMNS = ("N° de procédure", "Date", "Service", "Statut", "Victimes")
VICTIMS = 4


_ROOT = QModelIndex()


class CaseTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[CaseRow] = []

    def set_rows(self, rows: list[CaseRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return row.procedure_number
        if col == 1:
            return row.date
        if col == 2:
            return row.service
        if col == 3:
            return STATUS_LABELS.get(row.status, row.status)
        if col == VICTIMS:
            return row.victims or ""
        return None

    def case_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None
