"""One case: its status, its persons (names hidden by default), its hearings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.core.hearing.cases import PERSON_ROLE_LABELS, STATUS_LABELS
from desktop.core.vault.reads import record_read
from desktop.ui import pages as page_registry
from desktop.ui.widgets import (
    MUTED_STYLE,
    button,
    hbox,
    make_action,
    title,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)

HEARING_KIND = "audition"
RECORD_STATUS = {"brouillon": "en cours", "termine": "terminée", "signe": "signée"}
DOCUMENT_STATUS = {"scelle": "PV scellé", "exporte": "PV scellé et exporté"}  # wins over the above


class CaseView(QWidget):
    def __init__(self, ctx, host, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.case_id = case_id
        self.case = None
        self.persons: list = []
        self.hearings: list = []
        self.show_names = False
        self.setObjectName("case_view")

        self.heading = title("Dossier")
        self.subtitle = label("", MUTED_STYLE, wrap=False)  # one line: a wrapped one got cut
        self.status = QComboBox()
        self.status.setObjectName("case_status")
        for code, text in STATUS_LABELS.items():
            self.status.addItem(text, code)
        self.status.setToolTip("Statut du dossier")
        self.status.activated.connect(self._status_changed)

        self.person_table = QTableWidget(0, 5)
        self.person_table.setObjectName("person_table")
        self.person_table.setHorizontalHeaderLabels(
            ["Rôle", "Nom", "Pseudonyme", "Téléphones", "Naissance"]
        )
        self.person_table.verticalHeader().setVisible(False)
        self.person_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.person_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.person_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.person_table.setTabKeyNavigation(False)
        self.person_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.person_table.horizontalHeader().setStretchLastSection(True)
        self.person_table.activated.connect(lambda _i: self.edit_person())
        self.person_table.setToolTip("Entrée : modifier la personne sélectionnée")
        self.add_person_button = button(
            "Ajouter une &personne…", self.add_person, "Ctrl+Shift+P", "Ajouter une personne"
        )
        self.add_person_button.setObjectName("add_person")
        self.edit_person_button = button(
            "Modifier…", self.edit_person, "F2", "Modifier la personne"
        )
        self.names_button = button(
            "Afficher les noms", self.toggle_names, "Ctrl+M", "Afficher ou masquer les noms"
        )
        self.names_button.setObjectName("toggle_names")
        self.names_button.setCheckable(True)
        persons_box = QGroupBox("Personnes")
        persons_box.setLayout(
            vbox(
                self.person_table,
                hbox(self.add_person_button, self.edit_person_button, None, self.names_button),
            )
        )

        self.hearing_list = QListWidget()
        self.hearing_list.setObjectName("hearing_list")
        self.hearing_list.itemActivated.connect(lambda _i: self.open_hearing())
        self.hearing_list.setToolTip("Entrée : reprendre l'audition sélectionnée")
        self.new_hearing_button = button(
            "Nouvelle a&udition…", self.new_hearing, "Ctrl+Shift+A", "Commencer une audition"
        )
        self.new_hearing_button.setObjectName("new_hearing")
        self.open_hearing_button = button(
            "Reprendre", self.open_hearing, None, "Reprendre l'audition sélectionnée (Entrée)"
        )
        hearings_box = QGroupBox("Auditions")
        hearings_box.setLayout(
            vbox(
                self.hearing_list,
                hbox(self.new_hearing_button, self.open_hearing_button, None),
            )
        )
        extra = [
            button(
                spec.title,
                lambda s=spec: self.host.open_page(s.id, case_id=self.case_id),
                spec.shortcut,
                spec.tip or spec.title,
            )
            for spec in page_registry.for_role(getattr(host, "specs", []), ctx.role, "case")
        ]
        self.back_button = button("← Dossiers", self._back, None, "Revenir à la liste (Alt+Gauche)")
        make_action(self, "Actualiser", self.reload, "F5", "Actualiser le dossier")
        from desktop.ui.cases.documents import DocumentsBox

        self.documents = DocumentsBox(ctx, self, case_id)
        self.documents.loaded.connect(self._fill_hearings)  # a sealed PV is no hearing « en cours »
        self.setLayout(
            vbox(
                hbox(self.back_button, None),
                hbox(
                    vbox(self.heading, self.subtitle),
                    None,
                    label("Statut :", wrap=False),
                    self.status,
                ),
                hbox(persons_box, hearings_box, spacing=12),
                self.documents,
                hbox(*extra, None) if extra else None,
                margin=16,
                spacing=10,
            )
        )
        ctx.events.locked.connect(self._forget)  # issue 15: no names kept while locked
        ctx.events.unlocked.connect(self._refill)
        self.reload()

    def _forget(self) -> None:
        """At lock: the persons and the widgets that show them (names, pseudonyms, phones,
        dates of birth in the table; « Audition du … — NAME » in the list) are emptied
        (tests/adversary/test_adv_lock_case_view.py); `_refill` loads them again."""
        self.persons = []
        self.hearings = []
        self.person_table.clearContents()
        self.person_table.setRowCount(0)
        self.hearing_list.clear()

    def _refill(self, _info=None) -> None:
        if self.window().isVisible():  # the same account is back (another one: a new window)
            self.reload()

    # -- page protocol ---------------------------------------------------------------------------
    def page_title(self) -> str:
        return f"Dossier {self.case.procedure_number}" if self.case else "Dossier"

    def page_shown(self) -> None:
        self.reload()

    def read_event(self) -> tuple[str, int]:
        return "case.open", self.case_id

    def menu_actions(self) -> tuple[str, list]:
        """The main window's page menu while this page is shown."""
        return "D&ocuments", self.documents.menu_actions()

    def initial_focus(self):
        return self.hearing_list if self.hearing_list.count() else self.add_person_button

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        case_id = self.case_id

        def job(s):
            case = s.cases.get(case_id)  # the opening is logged by the main window
            return case, s.persons.for_case(case_id), s.records.for_case(case_id, HEARING_KIND)

        self.ctx.tasks.op(job, parent=self).success(self._loaded).run()
        self.documents.reload()

    def _loaded(self, value) -> None:
        self.case, self.persons, self.hearings = value
        if self.case is None:
            self.heading.setText("Dossier introuvable")
            return
        self.heading.setText(f"Dossier {self.case.procedure_number}")
        y, m, d = self.case.created_at[:10].split("-")
        service = self.case.service or "service non renseigné"
        self.subtitle.setText(f"{service} · créé le {d}/{m}/{y}")
        self.status.setCurrentIndex(max(0, self.status.findData(self.case.status)))
        self._fill_persons()
        self._fill_hearings()
        if hasattr(self.host, "refresh_title"):
            self.host.refresh_title()

    def _fill_persons(self) -> None:
        row_before = self.person_table.currentRow()
        self.person_table.setRowCount(len(self.persons))
        for row, p in enumerate(self.persons):
            name = (p.display_name or "—") if self.show_names else "••••••"
            birth = ""
            if p.birth_date:
                y, m, d = p.birth_date.split("-")
                birth = f"{d}/{m}/{y}" if self.show_names else "••/••/" + y
            values = [
                PERSON_ROLE_LABELS.get(p.role, p.role),
                name,
                p.details.get("pseudonyme", ""),
                " ; ".join(p.details.get("telephones", []))
                if self.show_names
                else ("••••••" if p.details.get("telephones") else ""),
                birth,
            ]
            for col, text in enumerate(values):
                self.person_table.setItem(row, col, QTableWidgetItem(text))
        if self.persons:
            self.person_table.selectRow(min(max(row_before, 0), len(self.persons) - 1))

    def _person_name(self, person_id: int | None) -> str:
        person = next((p for p in self.persons if p.id == person_id), None)
        if person is None:
            return ""
        pseudo = person.details.get("pseudonyme")
        if self.show_names and person.display_name:
            return person.display_name
        return f"«\u00a0{pseudo}\u00a0»" if pseudo else f"victime n° {person.id}"

    def _fill_hearings(self) -> None:
        current = self.hearing_list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        sealed = {r.record_id: r.state for r in self.documents.rows if not r.kind}
        self.hearing_list.clear()
        for record in self.hearings:
            y, m, d = record.created_at[:10].split("-")
            who = self._person_name(record.person_id)
            status = DOCUMENT_STATUS.get(sealed.get(record.id), "") or RECORD_STATUS.get(
                record.status, record.status
            )
            text = f"Audition du {d}/{m}/{y}" + (f" — {who}" if who else "") + f" ({status})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            self.hearing_list.addItem(item)
        if self.hearings:
            ids = [r.id for r in self.hearings]
            row = ids.index(keep) if keep in ids else len(ids) - 1
            self.hearing_list.setCurrentRow(row)

    # -- actions ---------------------------------------------------------------------------------
    def _back(self) -> None:
        if hasattr(self.host, "back"):
            self.host.back()

    def _status_changed(self, _index: int) -> None:
        status = self.status.currentData()
        case_id = self.case_id
        self.ctx.tasks.op(lambda s: s.cases.set_status(case_id, status), parent=self).run()

    def toggle_names(self) -> None:
        self.show_names = not self.show_names
        self.names_button.setChecked(self.show_names)
        self.names_button.setText("Masquer les noms" if self.show_names else "Afficher les noms")
        if self.show_names:  # art. 25 directive 2016/680: showing names is a consultation
            case_id = self.case_id
            self.ctx.tasks.op(lambda s: record_read(s, "case.names", case_id), parent=self).run()
        self._fill_persons()
        self._fill_hearings()

    def add_person(self) -> None:
        from desktop.ui.cases.dialogs import PersonDialog

        dialog = PersonDialog(self.ctx, self.case_id, None, self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()

    def edit_person(self) -> None:
        row = self.person_table.currentRow()
        if not 0 <= row < len(self.persons):
            return
        from desktop.ui.cases.dialogs import PersonDialog

        dialog = PersonDialog(self.ctx, self.case_id, self.persons[row], self)
        dialog.saved.connect(lambda _id: self.reload())
        dialog.open()

    def new_hearing(self) -> None:
        from desktop.ui.cases.new_hearing import NewHearingDialog

        victims = [p for p in self.persons if p.role == "victime"]
        dialog = NewHearingDialog(self.ctx, self.case_id, victims, self.show_names, self)
        dialog.created.connect(self._hearing_created)
        dialog.open()

    def _hearing_created(self, record_id: int) -> None:
        self.reload()
        self.host.open_page("hearing", record_id=record_id)

    def selected_victim_id(self) -> int | None:
        """The victim selected in the persons table, else the case's first victim."""
        row = self.person_table.currentRow()
        if 0 <= row < len(self.persons) and self.persons[row].role == "victime":
            return self.persons[row].id
        return next((p.id for p in self.persons if p.role == "victime"), None)

    def open_hearing(self) -> None:
        item = self.hearing_list.currentItem()
        if item is not None:
            self.host.open_page("hearing", record_id=item.data(Qt.ItemDataRole.UserRole))
