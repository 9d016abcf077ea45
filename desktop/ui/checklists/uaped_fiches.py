"""The UAPED screen's « Fiches de signalement »: new, open, preview, seal, print.

The case screen's documents box (desktop.ui.cases.documents.DocumentsBox) with the fiches
of the case only (desktop.core.documents.fiche_uaped.uaped_fiches): the same preview (missing
items first), the same seal with the account's certificate (created on first use), the same
print path. The fiche opens on the same step-form view as the officer's (FichePage). No
export here: the procedure file is the investigators'.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.cases.documents import DocumentsBox
from desktop.ui.widgets import button

FICHE_PAGE = "checklist.uaped.fiche"


class UapedFichesBox(DocumentsBox):
    """`home`: the UAPED home (ChecklistHome): its host opens pages, its « Mineur » list
    says for whom a new fiche is."""

    def __init__(self, ctx, home, case_id: int):
        super().__init__(ctx, home, case_id)
        self.setTitle("Fiches de signalement")
        self.setObjectName("uaped_fiches")
        for action in self.actions_by_name.values():
            # the keys and the menu entries are the home's, made once (uaped_home.UapedHome):
            # a new box per selected case must not pile up ambiguous shortcuts
            home.removeAction(action)
            action.setShortcut("")
            action.deleteLater()
        for name in ("export", "verify"):
            self.buttons.pop(name).hide()
        self.buttons["fiche"].setText("Nouvelle fiche de signalement…")
        self.open_button = button(
            "Ouvrir", self.open_selected, None, self.actions_by_name["open"].toolTip()
        )
        self.open_button.setObjectName("document_open")
        self.layout().itemAt(1).layout().insertWidget(0, self.open_button)
        chain = [self.table, self.open_button]  # Tab as shown: « Ouvrir » first, left to right
        chain += [self.buttons[k] for k in ("preview", "seal", "print", "fiche")]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.table.setToolTip("Entrée : aperçu de la fiche sélectionnée")
        self.actions_by_name = {}
        self.reload()

    def reload(self) -> None:
        from desktop.core.documents.fiche_uaped import uaped_fiches

        case_id = self.case_id
        self.ctx.tasks.op(lambda s: uaped_fiches(s, case_id), parent=self).success(
            self._loaded
        ).run()

    def new_fiche(self) -> None:
        """The home's (UapedHome.new_fiche): it outlives this box, rebuilt at each reload."""
        self.view.new_fiche()

    def open_selected(self) -> None:
        row = self.current()
        if row is not None:
            self.view.host.open_page(FICHE_PAGE, record_id=row.record_id)

    def _need_current(self):
        row = self.current()
        if row is None:
            self.ctx.show_error(
                "Aucune fiche de signalement dans ce dossier : commencez-en une avec « Nouvelle "
                "fiche de signalement… » (Ctrl+Maj+N).",
                self.view,
            )
        return row

    def _show_missing(self, record_id: int, kind: str, missing: tuple[str, ...]) -> None:
        """The case screen's message, with her way out: the fiche itself (she has no case
        screen to go back to)."""
        from PySide6.QtWidgets import QMessageBox

        super()._show_missing(record_id, kind, missing)
        box = self.missing_box
        box.setText(box.text() + "\n\nComplétez la fiche, puis scellez-la de nouveau (Ctrl+Maj+S).")
        ok = box.button(QMessageBox.StandardButton.Ok)
        ok.setText("Compléter la fiche")
        host = self.view.host
        box.accepted.connect(lambda: host.open_page(FICHE_PAGE, record_id=record_id))
