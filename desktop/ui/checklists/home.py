"""Start screen of a checklist role: the cases, the checklists of the selected case, « New »."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, title, vbox

STATUS_TEXT = {"brouillon": "en cours", "termine": "terminée", "transmis": "CMI transmis"}


class ChecklistHome(QWidget):
    """`load(s, case_id)` runs in the worker and returns [(record_id, text)] for the case;
    `create(s, case_id, person_id)` creates a record and returns its id."""

    def __init__(
        self,
        ctx,
        host,
        heading: str,
        intro: str,
        record_page: str,
        load: Callable,
        create: Callable,
        side: Callable[[int], QWidget] | None = None,
        new_label: str = "Nouvelle checklist",
        parent=None,
    ):
        super().__init__(parent)
        self.ctx, self.host = ctx, host
        self.record_page = record_page
        self._load, self._create, self._side = load, create, side
        self.cases = QTableWidget(0, 3)
        self.cases.setObjectName("checklist_cases")
        self.cases.setHorizontalHeaderLabels(("N° de procédure", "Service", "Statut"))
        self.cases.verticalHeader().setVisible(False)
        self.cases.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cases.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cases.setTabKeyNavigation(False)  # Tab leaves the table, as in the case list
        header = self.cases.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.cases.itemSelectionChanged.connect(self._case_selected)
        self.records = QListWidget()
        self.records.setObjectName("checklist_records")
        self.records.itemActivated.connect(lambda _i: self.open_selected())
        self.victim = QComboBox()
        self.victim.setObjectName("checklist_victim")
        self.victim.setMinimumContentsLength(22)
        self.victim.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.new_button = button(new_label, self.create_record)
        self.open_button = button("Ouvrir", self.open_selected, None, "Ouvrir (Entrée)")
        self.side_box = QWidget()
        self.side_box.setLayout(vbox())
        self.side_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        records_box = QGroupBox("Checklists du dossier")
        records_box.setLayout(
            vbox(
                self.records,
                hbox(self.open_button, None),
                hbox(label("Mineur :", wrap=False), self.victim, self.new_button),
            )
        )
        self.setLayout(
            vbox(
                title(heading),
                label(intro, MUTED_STYLE),
                hbox(
                    vbox(label("Dossiers", wrap=False), self.cases),
                    vbox(records_box, self.side_box),
                ),
                margin=12,
            )
        )
        self.reload()

    def initial_focus(self) -> QWidget:
        """The cases' table: ↓ chooses the case, Tab reaches its checklists and « Nouvelle »."""
        return self.cases

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        self.ctx.tasks.op(lambda s: s.cases.list(), parent=self).success(self._cases).run()

    def _cases(self, cases) -> None:
        self.cases.setRowCount(len(cases))
        for r, c in enumerate(cases):
            for col, text in enumerate((c.procedure_number, c.service, c.status)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.cases.setItem(r, col, item)
        if cases and not self.cases.selectedItems():
            self.cases.selectRow(0)
        self._case_selected()

    @property
    def case_id(self) -> int | None:
        items = self.cases.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _case_selected(self) -> None:
        case_id = self.case_id
        self.new_button.setEnabled(case_id is not None)
        if case_id is None:
            self.records.clear()
            return
        load = self._load

        def job(s):
            victims = [p for p in s.persons.for_case(case_id) if p.role == "victime"]
            return load(s, case_id), victims

        self.ctx.tasks.op(job, parent=self).success(
            lambda v, cid=case_id: self._records(cid, *v)
        ).run()

    def _records(self, case_id, records, victims) -> None:
        if case_id != self.case_id:
            return
        self.records.clear()
        for rid, text in records:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rid)
            self.records.addItem(item)
        if not records:
            item = QListWidgetItem("Aucune checklist pour ce dossier.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.records.addItem(item)
        else:
            self.records.setCurrentRow(0)
        self.victim.clear()
        for p in victims:
            self.victim.addItem(p.display_name or f"Victime n° {p.id}", p.id)
        self.victim.addItem("Mineur non encore enregistré", None)
        layout = self.side_box.layout()
        while layout.count():
            w = layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        if self._side is not None:
            layout.addWidget(self._side(case_id))

    def create_record(self) -> None:
        case_id, person_id = self.case_id, self.victim.currentData()
        if case_id is None:
            return
        create = self._create
        self.ctx.tasks.op(lambda s: create(s, case_id, person_id), parent=self).success(
            lambda rid: self.host.open_page(self.record_page, record_id=rid)
        ).run()

    def open_selected(self) -> None:
        item = self.records.currentItem()
        rid = item.data(Qt.ItemDataRole.UserRole) if item else None
        if rid is not None:
            self.host.open_page(self.record_page, record_id=rid)
