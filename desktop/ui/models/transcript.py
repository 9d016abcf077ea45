"""Table model of the live transcript (rows are vault TranscriptEntry values)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop.core.hearing.corrections import versions, voided
from desktop.core.hearing.marks import phase_text, warning_labels
from desktop.core.hearing.transcript import (
    format_offset,
    parse_time,
    question_type_label,
    speaker_code,
    speaker_label,
)
from desktop.core.servicetime import shown_time

COLUMNS = ("N°", "Heure", "Enreg.", "Loc.", "Type", "Question", "Réponse", "Phase")
QUESTION, ANSWER, PHASE = 5, 6, 7
TYPE = 4
EVENT_TEXT = {
    "fin_enregistrement": "Fin de l'enregistrement audiovisuel",
    "reprise_enregistrement": "Reprise de l'enregistrement audiovisuel",
    "debut": "Début de l'audition",
    "fin": "Fin de l'audition",
    "pause": "Audition suspendue",
    "reprise": "Reprise de l'audition",
    "note": "Note",
    "observation": "Observation de l'enquêteur",
}
MAX_CELL = 600  # characters shown in a cell; the whole text stays in the vault and editor


def _short(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + " […]"


def _short_phase(label: str) -> str:
    """« Protocole NICHD : phase déclarative » -> « Phase déclarative » (the column is
    narrow; the tooltip gives the whole label)."""
    tail = label.rsplit(" : ", 1)[-1]
    return tail[:1].upper() + tail[1:]


_ROOT = QModelIndex()


class TranscriptModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list = []
        self.meta: dict = {}
        self.phase_label = None  # phase id -> French label (the hearing form's), once known

    def set_phase_label(self, label_of) -> None:
        """The form's `phase_label`: the Phase column shows labels instead of ids."""
        if label_of is not self.phase_label:
            self.phase_label = label_of
            if self.entries:
                self.dataChanged.emit(
                    self.index(0, PHASE), self.index(len(self.entries) - 1, PHASE)
                )

    def set_meta(self, meta: dict) -> None:
        """The record's meta: annulled and rectified entries are shown as such (M3)."""
        self.meta = dict(meta or {})
        if self.entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.entries) - 1, len(COLUMNS) - 1)
            )

    def set_entries(self, entries: list) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def append(self, entry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def replace(self, entry) -> None:
        for row, e in enumerate(self.entries):
            if e.id == entry.id:
                self.entries[row] = entry
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                2: "Position sur l'enregistrement audiovisuel",
                3: "Locuteur",
                PHASE: "Phase du protocole NICHD en cours quand l'entrée a été écrite",
            }.get(section)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == PHASE:  # shown where the phase changes, like a heading
                opens = self.opens_phase(index.row())
                return _short_phase(phase_text(e.phase, self.phase_label)) if opens else ""
            return self._text(e, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3:
                return speaker_label(e.speaker)
            if col == TYPE and e.kind == "qr":
                return self._type_tip(e)
            if col == PHASE:
                return "Phase NICHD : " + phase_text(e.phase, self.phase_label)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and (e.kind != "qr" or self._voided(e)):
            return QColor("#555555")
        if role == Qt.ItemDataRole.FontRole and self._voided(e) and col in (QUESTION, ANSWER):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == 4 and e.question_type == "suggestive":
            return QColor("#a40000")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return None

    def _type_tip(self, e) -> str:
        """The question type, and the warnings shown while it was typed (issue 13)."""
        tip = question_type_label(e.question_type)
        labels = warning_labels(getattr(e, "warnings", None))
        if labels:
            tip += "\nAlertes affichées à la saisie : " + ", ".join(labels) + "."
        return tip

    def opens_phase(self, row: int) -> bool:
        """Whether the entry of `row` starts a phase (its recorded phase differs from the
        last one recorded before it)."""
        phase = getattr(self.entries[row], "phase", None)
        if not phase:
            return False
        for e in reversed(self.entries[:row]):
            if getattr(e, "phase", None):
                return e.phase != phase
        return True

    def _voided(self, e) -> bool:
        return e.kind == "qr" and voided(self.meta, e.id) is not None

    def _text(self, e, col: int) -> str:
        if col == 0:
            return str(e.seq)
        if col == 1:
            return shown_time(parse_time(e.wall_time))
        if col == 2:
            return format_offset(e.recording_offset_ms)
        if col == 3:
            return speaker_code(e.speaker) if e.speaker else ""
        if e.kind != "qr":
            if col == QUESTION:
                text = EVENT_TEXT.get(e.kind, e.kind)
                return (
                    f"{text} — motif : {e.note}"
                    if e.note and e.kind not in ("note", "observation")
                    else (f"{text} : {e.note}" if e.note else text)
                )
            return ""
        if col == 4:
            if self._voided(e):
                return "annulée"
            mark = " (rectifiée)" if versions(self.meta, e.id) else ""
            alert = "⚠ " if getattr(e, "warnings", None) else ""  # issue 13: see the tooltip
            return alert + (question_type_label(e.question_type) if e.question_type else "") + mark
        if col == QUESTION:
            return _short(e.question)
        if col == ANSWER:
            return _short(e.answer)
        return ""
