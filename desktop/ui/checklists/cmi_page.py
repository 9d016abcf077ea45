"""What officers see of a medical examination: « examen réalisé le …, CMI transmis le … » and
the sealed CMI (save, print, verify). Reads the case database only: never the medical record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem, QWidget

from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, title, vbox


def load_cmis(s, case_id: int):
    from desktop.core.documents.medical.transmit import transmissions

    return transmissions(s, case_id)


class CmiCasePage(QWidget):
    def __init__(self, ctx, host, case_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.host, self.case_id = ctx, host, case_id
        self.setObjectName("cmi_case_page")
        self.list = QListWidget()
        self.list.setObjectName("cmi_list")
        self.result = label("", MUTED_STYLE)
        self.result.setObjectName("cmi_verify_result")
        self.save_button = button("Enregistrer le PDF…", self.save_pdf)
        self.print_button = button("Imprimer…", self.print_pdf)
        self.verify_button = button("Vérifier le sceau", self.verify)
        for b in (self.save_button, self.print_button, self.verify_button):
            b.setEnabled(False)  # until the list is loaded
        back = button("← Dossier", host.back, None, "Revenir au dossier")
        self.setLayout(
            vbox(
                hbox(back, title("Examens médicaux", 15), None),
                label(
                    "Seul le certificat médical initial, scellé par le médecin, est transmis au "
                    "dossier d'enquête ; le dossier médical reste couvert par le secret médical "
                    "(art. L.1110-4 CSP).",
                    MUTED_STYLE,
                ),
                self.list,
                hbox(self.save_button, self.print_button, self.verify_button, None),
                self.result,
                margin=12,
            )
        )
        self.reload()

    def page_title(self) -> str:
        return "Examens médicaux"

    def page_shown(self) -> None:
        self.reload()

    def reload(self) -> None:
        cid = self.case_id
        self.ctx.tasks.op(lambda s: load_cmis(s, cid), parent=self).success(self._show).run()

    def _show(self, sent) -> None:
        self.list.clear()
        for t in sent:
            item = QListWidgetItem(t.summary() + ".")
            item.setData(Qt.ItemDataRole.UserRole, t.document_id)
            self.list.addItem(item)
        if not sent:
            item = QListWidgetItem("Aucun certificat médical transmis pour ce dossier.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        else:
            self.list.setCurrentRow(len(sent) - 1)
        for b in (self.save_button, self.print_button, self.verify_button):
            b.setEnabled(bool(sent))

    @property
    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _document_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _with_pdf(self, then) -> None:
        doc_id = self._document_id()
        if doc_id is not None:
            self.ctx.tasks.op(lambda s: s.documents.content(doc_id), parent=self).success(
                then
            ).run()

    def save_pdf(self) -> None:
        def save(pdf: bytes) -> None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Enregistrer le certificat médical", "certificat-medical.pdf", "PDF (*.pdf)"
            )
            if path:
                from pathlib import Path

                from desktop.core.vault.fsutil import atomic_write

                # Off the GUI thread; a full disk leaves no partial file and a French message.
                self.ctx.tasks.call(lambda _: atomic_write(Path(path), pdf), parent=self).run()

        self._with_pdf(save)

    def print_pdf(self) -> None:
        from desktop.ui.checklists.printing import print_pdf

        self._with_pdf(lambda pdf: print_pdf(pdf, "Certificat médical initial", self))

    def verify(self) -> None:
        doc_id = self._document_id()
        if doc_id is None:
            return

        def job(s):
            from desktop.core.seal.verify import verify_pdf

            return verify_pdf(s.documents.content(doc_id))

        self.ctx.tasks.op(job, parent=self).success(self._verified).run()

    def _verified(self, report) -> None:
        if report.valid:
            from desktop.core.seal.report_text import identity_line

            # integrity, then identity: only the trust list says who sealed (issue 16)
            who = identity_line(report.seals[-1]) if report.seals else ""
            self.result.setText(f"VALIDE — document non modifié depuis son sceau ; {who}.")
            self.result.setStyleSheet("color: #1f5f1f;")
        else:
            self.result.setText(f"INVALIDE — {report.reason}")
            self.result.setStyleSheet("color: #a40000;")
