"""The « Documents » box of the case screen: each PV / fiche with its state and its actions.

« Aperçu du PV », « Sceller », « Imprimer », « Exporter vers la procédure », « Vérifier un
document… »: each is one call of desktop.core.documents through the worker (ctx.tasks);
this module only shows the results. The actions are QActions with shortcuts, also listed
in the main window's « Documents » menu while the case screen is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.ui.widgets import button, hbox, make_action, vbox

SHORTCUTS = {
    "preview": "Ctrl+Shift+O",
    "seal": "Ctrl+Shift+S",
    "print": "Ctrl+P",
    "export": "Ctrl+Shift+E",
    "verify": "Ctrl+Shift+V",
    "fiche": "Ctrl+Shift+N",
    "open": "Ctrl+O",
    "addendum": "Ctrl+Shift+M",
}


class DocumentsBox(QGroupBox):
    """The case's documents (table) and the actions on the selected one."""

    changed = Signal()  # a document was sealed or exported
    loaded = Signal()  # the rows (and their states) were read again

    def __init__(self, ctx, view, case_id: int):
        super().__init__("Documents")
        self.ctx = ctx
        self.view = view  # the CaseView: parent of dialogs, owner of the shortcuts
        self.case_id = case_id
        self.rows: list = []
        self.setObjectName("documents_box")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("documents_table")
        self.table.setHorizontalHeaderLabels(["Document", "État", "Dates"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.preview())
        self.table.setToolTip("Entrée : aperçu du document sélectionné")
        self.actions_by_name = {
            "preview": make_action(
                view, "&Aperçu du PV", self.preview, SHORTCUTS["preview"], "Aperçu du document"
            ),
            "seal": make_action(
                view, "&Sceller…", self.seal, SHORTCUTS["seal"], "Sceller le document"
            ),
            "print": make_action(
                view, "&Imprimer…", self.print, SHORTCUTS["print"], "Imprimer le document"
            ),
            "export": make_action(
                view,
                "&Exporter vers la procédure…",
                self.export,
                SHORTCUTS["export"],
                "Exporter les pièces scellées vers la procédure",
            ),
            "verify": make_action(
                view,
                "&Vérifier un document…",
                self.verify,
                SHORTCUTS["verify"],
                "Vérifier le sceau d'un fichier PDF",
            ),
            "open": make_action(
                view,
                "&Ouvrir le formulaire",
                self.open_selected,
                SHORTCUTS["open"],
                "Ouvrir le formulaire du document (audition ou fiche)",
            ),
            "fiche": make_action(
                view,
                "&Nouvelle fiche de signalement…",
                self.new_fiche,
                SHORTCUTS["fiche"],
                "Nouvelle fiche de signalement (préconisation 5)",
            ),
            "addendum": make_action(  # issue 16: a sealed document is completed, never edited
                view,
                "Ajouter une &mention…",
                self.add_addendum,
                SHORTCUTS["addendum"],
                "Ajouter une mention complémentaire scellée au document scellé",
            ),
        }
        names = {"preview": "Aperçu", "seal": "Sceller…", "print": "Imprimer…"}
        self.buttons = {
            key: button(text, getattr(self, key), None, self.actions_by_name[key].toolTip())
            for key, text in names.items()
        }
        self.buttons["export"] = button(
            "Exporter…", self.export, None, self.actions_by_name["export"].toolTip()
        )
        self.buttons["verify"] = button(
            "Vérifier un fichier…", self.verify, None, self.actions_by_name["verify"].toolTip()
        )
        self.buttons["fiche"] = button(
            "Nouvelle fiche de signalement…",
            self.new_fiche,
            None,
            self.actions_by_name["fiche"].toolTip(),
        )
        for key, b in self.buttons.items():
            b.setObjectName(f"document_{key}")
        self.setLayout(vbox(self.table, hbox(*self.buttons.values(), None)))

    def menu_actions(self) -> list:
        return list(self.actions_by_name.values())

    # -- data ------------------------------------------------------------------------------
    def reload(self) -> None:
        from desktop.core.documents import case_documents

        case_id = self.case_id
        self.ctx.tasks.op(lambda s: case_documents(s, case_id), parent=self).success(
            self._loaded
        ).run()

    def _loaded(self, rows) -> None:
        selected = self.current()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            for col, text in enumerate((r.title, r.state_label, r.detail)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.record_id)
                self.table.setItem(i, col, item)
        if rows:
            keys = [r.key for r in rows]
            keep = keys.index(selected.key) if selected and selected.key in keys else -1
            own = [i for i, r in enumerate(rows) if not r.kind]  # not an annex (renseignement)
            self.table.selectRow(keep if keep >= 0 else (own[-1] if own else len(rows) - 1))
        has = bool(rows)
        for key in ("preview", "seal", "print"):
            self.buttons[key].setEnabled(has)
        self.loaded.emit()

    def current(self):
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select_record(self, record_id: int) -> None:
        for i, r in enumerate(self.rows):
            if r.record_id == record_id:
                self.table.selectRow(i)

    def _need_current(self):
        row = self.current()
        if row is None:
            self.ctx.show_error(
                "Aucun document dans ce dossier : commencez une audition ou une fiche.", self.view
            )
        return row

    # -- actions ---------------------------------------------------------------------------
    def preview(self) -> None:
        row = self._need_current()
        if row is None:
            return
        from desktop.core.documents import preview

        rid, kind = row.record_id, row.kind
        self.ctx.tasks.op(lambda s: preview(s, rid, kind), parent=self).success(
            self._show_preview
        ).run()

    def _show_preview(self, p) -> None:
        from desktop.ui.preview.dialog import PreviewDialog

        dialog = PreviewDialog(p, self.view, on_seal=lambda: self._seal_record(p.record_id, p.kind))
        dialog.view.ctx = self.ctx  # printing renders in the worker
        self.ctx.events.locked.connect(dialog.forget)  # issue 15: no PV kept while locked
        self.preview_dialog = dialog
        dialog.open()

    def print(self) -> None:
        row = self._need_current()
        if row is None:
            return
        from desktop.core.documents import preview

        rid, kind = row.record_id, row.kind
        self.ctx.tasks.op(lambda s: preview(s, rid, kind, purpose="print"), parent=self).success(
            self._print
        ).run()

    def _print(self, p) -> None:
        from desktop.ui.preview.printing import print_pdf

        # from memory, pages rendered in the worker; the outcome in the status bar
        print_pdf(self.ctx, p.pdf, p.title, self.view)

    def seal(self) -> None:
        row = self._need_current()
        if row is not None:
            self._seal_record(row.record_id, row.kind)

    def _seal_record(self, record_id: int, kind: str = "") -> None:
        """What is missing first (issue 13); the certificate and the question only after."""
        from desktop.core.documents import seal_certificate, seal_missing

        def job(s):
            return seal_missing(s, record_id, kind), seal_certificate(s)

        self.ctx.tasks.op(job, parent=self).success(
            lambda got: (
                self._show_missing(record_id, kind, got[0])
                if got[0]
                else self._confirm_seal(record_id, got[1], kind)
            )
        ).failure(self._seal_failed).run()

    def _show_missing(self, record_id: int, kind: str, missing: tuple[str, ...]) -> None:
        row = next((r for r in self.rows if r.key == (record_id, kind)), None)
        n = len(missing)
        count = "1 élément manque" if n == 1 else f"{n} éléments manquent"
        lines = "\n".join(f"– {m}" for m in missing)
        box = QMessageBox(QMessageBox.Icon.Warning, "Document incomplet", "", parent=self.view)
        box.setObjectName("seal_missing")
        box.setText(
            f"« {row.title if row else 'Document'} » : le document ne peut pas encore être "
            f"scellé, {count}.\n\n{lines}"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("Revenir au dossier")
        self.missing_box = box
        box.open()

    def _confirm_seal(self, record_id: int, cert, kind: str = "") -> None:
        if cert is None:  # first seal of this account: the guided creation, then the seal
            from desktop.ui.admin.certs_page import CreateCertificateDialog

            dialog = CreateCertificateDialog(self.ctx, self.view)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self._seal_record(record_id, kind))
            dialog.open()
            return
        row = next((r for r in self.rows if r.key == (record_id, kind)), None)
        if kind:  # the PV de renseignement: the officer signs on the pad, then it is sealed
            self._sign_and_seal(record_id, kind, row.title if row else "", cert.subject)
            return
        if row is not None and row.form_id == "checklist_uaped":  # its author signs (issue 16)
            from desktop.core.seal.publish import require_uaped_session

            self.ctx.tasks.op(require_uaped_session, parent=self).success(
                lambda _: self._author_signs_and_seals(record_id, row.title, cert.subject)
            ).failure(self._seal_failed).run()
            return
        box = QMessageBox(self.view)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Sceller le document")
        box.setText(
            f"Sceller « {row.title if row else 'ce document'} » avec le certificat de "
            f"{cert.subject} ? Une fois scellé, le document ne change plus."
        )
        yes = box.addButton("&Sceller", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(box.buttons()[-1])
        box.buttonClicked.connect(lambda b: b is yes and self._do_seal(record_id))
        box.open()

    def _sign_and_seal(self, record_id: int, kind: str, title: str, subject: str) -> None:
        from desktop.ui.cases.renseignement_dialog import RenseignementSealDialog

        dialog = RenseignementSealDialog(self.view, title or "ce document", subject)
        dialog.accepted.connect(lambda: self._do_seal(record_id, kind, dialog.signature_png()))
        self.renseignement_dialog = dialog
        dialog.open()

    def _author_signs_and_seals(self, record_id: int, title: str, subject: str) -> None:
        from desktop.ui.cases.uaped_seal_dialog import UapedSealDialog

        dialog = UapedSealDialog(self.view, title, subject)
        dialog.accepted.connect(
            lambda: self._do_seal(record_id, "", dialog.signature_png(), dialog.quality())
        )
        self.uaped_dialog = dialog
        dialog.open()

    def _do_seal(
        self, record_id: int, kind: str = "", png: bytes | None = None, quality: str = ""
    ) -> None:
        from desktop.core.documents import seal

        self.ctx.tasks.op(lambda s: seal(s, record_id, kind, png, quality), parent=self).success(
            self._sealed
        ).failure(self._seal_failed).run()

    def _sealed(self, doc) -> None:
        self.reload()
        self.changed.emit()
        self._message("Document scellé", f"« {doc.title} » est scellé et gardé dans le coffre.")

    def _seal_failed(self, exc: BaseException) -> None:
        self.ctx.show_error(exc, self.view)

    def export(self) -> None:
        from desktop.ui.export.dialog import ExportDialog

        dialog = ExportDialog(self.ctx, self.case_id, self.view)
        dialog.finished_export.connect(lambda _r: (self.reload(), self.changed.emit()))
        self.export_dialog = dialog
        dialog.open()

    def new_fiche(self) -> None:
        """Create the fiche, pre-filled from the case, and open it (the selected victim)."""
        from desktop.core.documents.fiche import new_fiche

        case_id, person_id = self.case_id, self.view.selected_victim_id()
        self.ctx.tasks.op(lambda s: new_fiche(s, case_id, person_id), parent=self).success(
            self._fiche_created
        ).run()

    def _fiche_created(self, record_id: int) -> None:
        self.reload()
        self.view.host.open_page("fiche", record_id=record_id)

    def open_selected(self) -> None:
        """Reopen the selected document's form (hearing or fiche; a CMI has none here)."""
        row = self.current()
        if row is not None and row.form_id in ("audition_mineur", "fiche_signalement"):
            page = "hearing" if row.form_id == "audition_mineur" else "fiche"
            self.view.host.open_page(page, record_id=row.record_id)

    def verify(self) -> None:
        dialog = QFileDialog(self.view, "Vérifier un document scellé")
        dialog.setObjectName("verify_file_dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["Documents PDF (*.pdf)", "Tous les fichiers (*)"])
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._verify_path)
        dialog.open()

    def _verify_path(self, path: str) -> None:
        from desktop.core.documents import verify_file

        self.ctx.tasks.call(lambda _: verify_file(path), parent=self).success(
            self._show_verdict
        ).run()

    def _show_verdict(self, verdict) -> None:
        from desktop.ui.preview.verify_view import VerdictDialog

        dialog = VerdictDialog(verdict, self.view)
        self.verdict_dialog = dialog
        dialog.open()

    def add_addendum(self) -> None:
        """« Ajouter une mention » on the selected sealed document (issue 16)."""
        from desktop.ui.signing.addendum_dialog import AddendumDialog

        row = self._need_current()
        if row is None:
            return
        if row.document_id is None:
            self.ctx.show_error(
                "Ce document n'est pas scellé : corrigez-le directement. Une mention "
                "complémentaire ne s'ajoute qu'à un document scellé.",
                self.view,
            )
            return
        dialog = AddendumDialog(self.view, row.title)
        doc_id = row.document_id
        dialog.accepted.connect(lambda: self._seal_addendum(doc_id, dialog.values()))
        self.addendum_dialog = dialog
        dialog.open()

    def _seal_addendum(self, doc_id: int, values: dict) -> None:
        from desktop.core.seal.addendum import create_addendum

        self.ctx.tasks.op(lambda s: create_addendum(s, doc_id, **values), parent=self).success(
            self._addendum_sealed
        ).failure(self._seal_failed).run()

    def _addendum_sealed(self, doc) -> None:
        self.reload()
        self.changed.emit()
        self._message(
            "Mention scellée",
            f"« {doc.title} » est scellée et gardée dans le coffre ; elle accompagne le "
            "document dans l'export.",
        )

    def _message(self, title: str, text: str) -> None:
        box = QMessageBox(self.view)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(title)
        box.setText(text)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
