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
    site_label,
)
from desktop.core.medical.validation import FieldError
from desktop.ui.checklists.common import FieldErrors, with_error
from desktop.ui.widgets import button

COLUMNS = ("N°", "Site", "Nature", "Date", "Heure", "Finalité")
Options = list[tuple[str, str]]


def _combo(options: Options, name: str, placeholder: str) -> QComboBox:
    box = QComboBox()
    for value, text in options:
        box.addItem(text, value)
    box.setCurrentIndex(-1)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    return box


class SamplesPanel(QWidget):
    samples_changed = Signal(list)

    def __init__(
        self,
        clock: Clock = system_clock,
        facts: Callable[[], FactsTime] | None = None,
        options: dict[str, Options] | None = None,
        parent: QWidget | None = None,
    ):
        """`options`: the form's choices for site, nature and finalite (value, label)."""
        super().__init__(parent)
        self.clock = clock
        self.facts = facts or FactsTime.unknown
        self.victim_ref = ""
        self.procedure = ""
        self._samples: list[Sample] = []
        options = dict(options or {})
        if not options.get("site"):
            options["site"] = [(s.id, s.label) for s in load_catalog().sample_sites]
        self.options = options
        self.names = {key: dict(values) for key, values in options.items()}
        self.errors = FieldErrors()

        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setAccessibleName("Numéro d'ordre du prélèvement")
        self.site = _combo(options["site"], "Site du prélèvement", "Choisir le site…")
        self.nature = _combo(options.get("nature", []), "Nature", "Écouvillon, tube…")
        self.purpose = _combo(options.get("finalite", []), "Finalité", "ADN, toxicologie…")
        self.taken = QDateTimeEdit()
        self.taken.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.taken.setCalendarPopup(True)
        self.taken.setAccessibleName("Date et heure du recueil")
        self.collected_by = QLineEdit()
        self.collected_by.setPlaceholderText("Nom et qualité (chaîne de possession)")
        self.collected_by.setAccessibleName("Recueilli par")
        self.kept = _combo(
            options.get("conservation", []), "Conservation", "Au froid, tube fluoré, au sec…"
        )

        form = QFormLayout()
        form.addRow("N° d'ordre :", with_error(self.number, self.errors.make("numero")))
        form.addRow("Site :", with_error(self.site, self.errors.make("site")))
        form.addRow("Nature :", with_error(self.nature, self.errors.make("nature")))
        form.addRow("Recueilli le :", with_error(self.taken, self.errors.make("recueilli_le")))
        form.addRow("Finalité :", self.purpose)
        form.addRow("Recueilli par :", self.collected_by)
        form.addRow("Conservation :", self.kept)
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
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Prélèvements numérotés")
        self.table.setMinimumHeight(150)
        self.remove_button = button("Supprimer le prélèvement", self.remove_selected)
        self.print_button = button("Imprimer les étiquettes…", self.print_labels)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        listed = QGroupBox("Prélèvements numérotés (étiquettes pour les scellés)")
        list_lay = QVBoxLayout(listed)
        list_lay.addWidget(self.table)
        list_lay.addLayout(row)

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        entry.setMaximumWidth(400)
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
        tz = self.clock().tzinfo
        return Sample(
            number=self.number.value(),
            site=self.site.currentData() or "",
            taken_at=taken.replace(tzinfo=tz) if isinstance(taken, datetime) else None,
            nature=self.nature.currentData() or "",
            purpose=self.purpose.currentData() or "",
            collected_by=self.collected_by.text().strip(),
            kept=self.kept.currentData() or "",
        )

    # -- actions --------------------------------------------------------------------------
    def submit(self) -> bool:
        try:
            samples = add_sample(
                self._samples,
                self.draft(),
                now=self.clock(),
                facts=self.facts(),
                sites=self.names["site"].keys(),
            )
        except FieldError as err:
            self.errors.show(err.issues)  # what was typed stays in the form
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
        labels = [label_for(s, self.victim_ref, self.procedure, self.names) for s in self._samples]
        return labels_pdf(labels)

    def print_labels(self) -> None:
        from desktop.ui.checklists.printing import print_pdf

        print_pdf(self.labels_bytes(), "Étiquettes de prélèvements", self)

    # -- internals ------------------------------------------------------------------------
    def _reset_form(self) -> None:
        self.errors.clear()
        self.number.setValue(next_number(self._samples))
        self.site.setCurrentIndex(-1)
        self.kept.setCurrentIndex(-1)  # « recueilli par » stays: usually the same doctor
        now = self.clock()
        self.taken.setDateTime(QDateTime(now.replace(tzinfo=None, second=0, microsecond=0)))

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._samples))
        for r, s in enumerate(self._samples):
            values = (
                str(s.number),
                site_label(s.site, self.names),
                self.names.get("nature", {}).get(s.nature, s.nature),
                format_date(s.taken_at) if s.taken_at else "",
                format_time(s.taken_at) if s.taken_at else "",
                self.names.get("finalite", {}).get(s.purpose, s.purpose),
            )
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, s.number)
                self.table.setItem(r, c, item)
        self.print_button.setEnabled(bool(self._samples))
        self.remove_button.setEnabled(bool(self._samples))
