"""Home page: the case list, full-text search inside the vault, filters, new case."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QWidget,
)

from desktop.core.hearing.cases import STATUS_LABELS, search_cases, services
from desktop.ui.models.cases import VICTIMS, CaseTableModel
from desktop.ui.widgets import (
    MUTED_STYLE,
    button,
    hbox,
    make_action,
    title,
    vbox,
    with_key,
)
from desktop.ui.widgets import (
    fr_label as label,
)

SEARCH_DELAY_MS = 150


class CaseListPage(QWidget):
    opened = Signal(int)  # case id

    def __init__(self, ctx, host=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.setObjectName("case_list")
        self._generation = 0
        self.show_names = False

        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setPlaceholderText("Rechercher : n° de procédure, nom, pseudonyme, téléphone…")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(with_key("Rechercher dans les dossiers", "Ctrl+F"))
        self.status = QComboBox()
        self.status.setObjectName("status_filter")
        self.status.addItem("Tous les statuts", None)
        for code, text in STATUS_LABELS.items():
            self.status.addItem(text, code)
        self.status.setToolTip("Filtrer par statut")
        self.service = QComboBox()
        self.service.setObjectName("service_filter")
        self.service.addItem("Tous les services", None)
        self.service.setToolTip("Filtrer par service")
        self.service.setMinimumContentsLength(18)

        self.names_button = button(
            "Afficher les noms",
            self.toggle_names,
            "Ctrl+M",
            "Afficher ou masquer les noms des victimes",
        )
        self.names_button.setObjectName("toggle_names")
        self.names_button.setCheckable(True)
        self.new_button = button("&Nouveau dossier…", self.new_case, "Ctrl+N", "Créer un dossier")
        self.new_button.setObjectName("new_case")

        self.model = CaseTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in enumerate((190, 110, 360, 120, 320)):
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.setColumnHidden(VICTIMS, True)
        self.table.setToolTip("Entrée : ouvrir le dossier sélectionné")
        self.count = label("", MUTED_STYLE)
        self.count.setObjectName("case_count")

        make_action(
            self, "Rechercher", self._focus_search, "Ctrl+F", "Rechercher dans les dossiers"
        )
        self.table.activated.connect(lambda index: self._open_row(index.row()))

        self.search.textChanged.connect(self._schedule)
        self.search.returnPressed.connect(self._search_enter)
        for k in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):  # from the search into the list
            into = QShortcut(QKeySequence(k), self.search)
            into.setContext(Qt.ShortcutContext.WidgetShortcut)
            into.activated.connect(self._into_list)
        self.status.currentIndexChanged.connect(self._schedule)
        self.service.currentIndexChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        self.setLayout(
            vbox(
                hbox(title("Dossiers"), None, self.names_button, self.new_button),
                hbox(self.search, self.status, self.service),
                self.table,
                self.count,
                margin=16,
                spacing=8,
            )
        )
        ctx.events.locked.connect(self._forget)  # issue 15: no name kept while locked
        ctx.events.unlocked.connect(self._refill)
        self.refresh()
        self._load_services()

    def _forget(self) -> None:
        """At lock: the rows (victims' names) and the search (a name, a phone number) go;
        `setText` also drops the search box's undo history. A search still running is
        dropped by the generation (tests/adversary/test_adv_lock_case_list.py)."""
        self._generation += 1
        self._timer.stop()
        self.model.set_rows([])
        blocked = self.search.blockSignals(True)
        try:
            self.search.setText("")
        finally:
            self.search.blockSignals(blocked)
        self.count.setText("")

    def _refill(self, _info=None) -> None:
        # the same account is back (another one: a new window); a page under another one
        # searches again when shown (page_shown)
        if self.isVisible():
            self.refresh()

    # -- page protocol ---------------------------------------------------------------------------
    def page_title(self) -> str:
        return "Dossiers"

    def page_shown(self) -> None:
        self.refresh()

    def initial_focus(self):
        return self.search

    # -- behaviour -------------------------------------------------------------------------------
    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _into_list(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self._reselect(None)
            self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def _search_enter(self) -> None:
        self._timer.stop()
        self.refresh(then_focus_table=True)

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def refresh(self, then_focus_table: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        query = self.search.text()
        status = self.status.currentData()
        service = self.service.currentData()
        names = self.show_names

        def job(s):
            return search_cases(s.cases_db, query, status=status, service=service, with_names=names)

        def done(rows) -> None:
            if generation != self._generation:
                return  # an older search finished after a newer one was typed
            selected = self._selected_id()
            self.model.set_rows(rows)
            self.count.setText(self._count_text(len(rows), bool(query or status or service)))
            self._reselect(selected)
            if then_focus_table and rows:
                self.table.setFocus()

        self.ctx.tasks.op(job, parent=self).success(done).run()

    def _count_text(self, n: int, filtered: bool) -> str:
        if n == 0:
            return (
                "Aucun dossier ne correspond à la recherche."
                if filtered
                else "Aucun dossier. Créez-en un avec « Nouveau dossier » (Ctrl+N)."
            )
        noun = "dossier" if n == 1 else "dossiers"
        return f"{n} {noun}" + (" trouvés" if filtered and n > 1 else " trouvé" if filtered else "")

    def _load_services(self) -> None:
        def done(names: list[str]) -> None:
            current = self.service.currentData()
            self.service.blockSignals(True)
            self.service.clear()
            self.service.addItem("Tous les services", None)
            for name in names:
                self.service.addItem(name, name)
            index = self.service.findData(current)
            self.service.setCurrentIndex(max(0, index))
            self.service.blockSignals(False)

        self.ctx.tasks.op(lambda s: services(s.cases_db), parent=self).success(done).run()

    def toggle_names(self) -> None:
        self.show_names = not self.show_names
        self.names_button.setChecked(self.show_names)
        self.names_button.setText("Masquer les noms" if self.show_names else "Afficher les noms")
        self.table.setColumnHidden(VICTIMS, not self.show_names)
        self.refresh()

    def _selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def _reselect(self, case_id: int | None) -> None:
        row = 0
        if case_id is not None:
            row = next((i for i, r in enumerate(self.model.rows) if r.id == case_id), 0)
        if self.model.rows:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_row(index.row())

    def _open_row(self, row: int) -> None:
        case_id = self.model.case_id(row)
        if case_id is None:
            return
        self.opened.emit(case_id)
        if self.host is not None:
            self.host.open_case(case_id)

    def new_case(self) -> None:
        from desktop.ui.cases.dialogs import NewCaseDialog

        dialog = NewCaseDialog(
            self.ctx, [self.service.itemData(i) for i in range(1, self.service.count())], self
        )
        dialog.created.connect(self._created)
        dialog.open()

    def _created(self, case_id: int) -> None:
        self._load_services()
        self.refresh()
        if self.host is not None:
            self.host.open_case(case_id)
