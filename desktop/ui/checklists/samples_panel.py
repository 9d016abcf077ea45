"""Samples: a numbered list, its form with errors next to the fields, printable labels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.medical.catalog import load_catalog
from desktop.core.medical.clock import Clock, format_date, format_time, system_clock
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.labels import labels_pdf
from desktop.core.medical.samples import (
    Sample,
    add_sample,
    label_for,
    next_number,
    remove_sample,
)
from desktop.core.medical.validation import FieldError
from desktop.ui.checklists.common import FieldErrors, with_error
from desktop.ui.widgets import button

COLUMNS = ("N°", "Prélèvement", "Date", "Heure", "Précision")


class SamplesPanel(QWidget):
    samples_changed = Signal(list)

    def __init__(
        self,
        clock: Clock = system_clock,
        facts: Callable[[], FactsTime] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.clock = clock
        self.facts = facts or FactsTime.unknown
        self.victim_ref = ""
        self.procedure = ""
        self._samples: list[Sample] = []
        catalog = load_catalog()
        self.errors = FieldErrors()

        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setAccessibleName("Numéro du prélèvement")
        self.site = QComboBox()
        for s in catalog.sample_sites:
            self.site.addItem(s.label, s.id)
        self.site.setCurrentIndex(-1)
        self.site.setPlaceholderText("Choisir le site…")
        self.site.setAccessibleName("Site du prélèvement")
        self.taken = QDateTimeEdit()
        self.taken.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.taken.setCalendarPopup(True)
        self.taken.setAccessibleName("Date et heure du prélèvement")
        self.detail = QLineEdit()
        self.detail.setPlaceholderText("2 écouvillons secs, zone cutanée, vêtement…")
        self.detail.setAccessibleName("Précision")

        form = QFormLayout()
        form.addRow("Numéro :", with_error(self.number, self.errors.make("numero")))
        form.addRow("Prélèvement :", with_error(self.site, self.errors.make("site")))
        form.addRow("Prélevé le :", with_error(self.taken, self.errors.make("preleve_le")))
        form.addRow("Précision :", with_error(self.detail, self.errors.make("precision")))
        form.addRow(self.errors.make("*"))
        self.add_button = button("Ajouter le prélèvement", self.submit)
        form.addRow(self.add_button)
        entry = QGroupBox("Nouveau prélèvement")
        entry.setLayout(form)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Prélèvements numérotés")
        self.remove_button = button("Supprimer le prélèvement", self.remove_selected)
        self.print_button = button("Imprimer les étiquettes…", self.print_labels)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        listed = QGroupBox("Prélèvements (numérotés dans l'ordre, pour les scellés)")
        list_lay = QVBoxLayout(listed)
        list_lay.addWidget(self.table)
        list_lay.addLayout(row)

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        entry.setMaximumWidth(440)
        lay.addWidget(entry, 2)
        lay.addWidget(listed, 3)
        self._reset_form()
        self._refresh()

    # -- data -----------------------------------------------------------------------------
    @property
    def samples(self) -> list[Sample]:
        return list(self._samples)

    def set_samples(self, samples: list[Sample]) -> None:
        self._samples = list(samples)
        self._reset_form()
        self._refresh()

    def draft(self) -> Sample:
        taken = self.taken.dateTime().toPython()
        now = self.clock()
        return Sample(
            number=self.number.value(),
            site=self.site.currentData() or "",
            taken_at=taken.replace(tzinfo=now.tzinfo) if isinstance(taken, datetime) else None,
            detail=self.detail.text().strip(),
        )

    # -- actions --------------------------------------------------------------------------
    def submit(self) -> bool:
        try:
            samples = add_sample(self._samples, self.draft(), now=self.clock(), facts=self.facts())
        except FieldError as err:
            self.errors.show(err.issues)
            return False
        self._samples = samples
        self._reset_form()
        self._refresh()
        self.samples_changed.emit(self.samples)
        return True

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        number = int(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))
        self._samples = remove_sample(self._samples, number)
        self._reset_form()
        self._refresh()
        self.samples_changed.emit(self.samples)

    def labels_bytes(self) -> bytes:
        labels = [label_for(s, self.victim_ref, self.procedure) for s in self._samples]
        return labels_pdf(labels)

    def print_labels(self) -> None:
        from desktop.ui.checklists.printing import print_pdf

        print_pdf(self.labels_bytes(), "Étiquettes de prélèvements", self)

    # -- internals ------------------------------------------------------------------------
    def _reset_form(self) -> None:
        self.errors.clear()
        self.number.setValue(next_number(self._samples))
        self.site.setCurrentIndex(-1)
        self.detail.setText("")
        now = self.clock()
        self.taken.setDateTime(QDateTime(now.replace(tzinfo=None, second=0, microsecond=0)))

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._samples))
        catalog = load_catalog()
        for r, s in enumerate(self._samples):
            values = (
                str(s.number),
                catalog.site_label(s.site),
                format_date(s.taken_at) if s.taken_at else "",
                format_time(s.taken_at) if s.taken_at else "",
                s.detail,
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, s.number)
                self.table.setItem(r, c, item)
        self.print_button.setEnabled(bool(self._samples))
        self.remove_button.setEnabled(bool(self._samples))
