"""« Vérifier un export »: pick a bundle folder (and, if any, the recording) and see the
verdict of `trame verify-bundle`, piece by piece (desktop.core.admin.bundle_check).

The check needs no key: it runs in the worker only to stay off the GUI thread; the
verification is audited with its outcome (`export.verify`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from desktop.ui.admin.common import OK_STYLE, choose_path, fill, form_row, read_only_table
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, title, vbox
from desktop.ui.widgets import fr_label as label

OUTCOME = {0: "valide", 1: "invalide", 2: "illisible"}


class VerifyExportPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("verify_export_page")
        self.verdict = None
        self.folder = QLineEdit()
        self.folder.setObjectName("verify_folder")
        self.folder.setPlaceholderText("Dossier « Trame-… » reçu ou exporté")
        self.folder.returnPressed.connect(self.verify)
        self.recording = QLineEdit()
        self.recording.setObjectName("verify_recording")
        self.recording.setPlaceholderText("Facultatif : fichier de l'enregistrement audiovisuel")
        self.recording.returnPressed.connect(self.verify)
        form = QFormLayout()
        form_row(
            form,
            "D&ossier de l'export :",
            self.folder,
            hbox(self.folder, button("C&hoisir…", self._choose_folder, tip="Choisir le dossier")),
        )
        form_row(
            form,
            "&Enregistrement :",
            self.recording,
            hbox(
                self.recording,
                button("Choisir &le fichier…", self._choose_recording, tip="Choisir le fichier"),
            ),
        )
        self.go = button("&Vérifier", self.verify, tip="Vérifier empreintes et sceaux")
        self.go.setObjectName("verify_go")
        self.headline = label("")
        self.headline.setObjectName("verify_headline")
        self.table = read_only_table(["", "Pièce", "Résultat"], "verify_table", stretch=2)
        self.setLayout(
            vbox(
                title("Vérifier un export"),
                label(
                    "Recalcule l'empreinte SHA-256 de chaque pièce, vérifie chaque sceau et le "
                    "bordereau, et nomme chaque pièce modifiée, retirée ou ajoutée. Aucun mot "
                    "de passe n'est nécessaire : c'est la vérification que fera le destinataire.",
                    MUTED_STYLE,
                ),
                form,
                hbox(None, self.go),
                self.headline,
                self.table,
                margin=16,
                spacing=10,
            )
        )

    def page_title(self) -> str:
        return "Vérifier un export"

    def initial_focus(self):
        return self.folder

    def _choose_folder(self) -> None:
        choose_path(
            self,
            "Dossier de l'export",
            lambda p: self.folder.setText(str(p)),
            folder=True,
            directory=self.folder.text(),
        )

    def _choose_recording(self) -> None:
        choose_path(self, "Enregistrement", lambda p: self.recording.setText(str(p)))

    def verify(self) -> None:
        from desktop.core.admin.bundle_check import check_bundle

        text = self.folder.text().strip()
        if not text:
            self._headline("Indiquez le dossier de l'export à vérifier.", ERROR_STYLE)
            self.folder.setFocus()
            return
        folder = Path(text).expanduser()
        rec_text = self.recording.text().strip()
        recording = Path(rec_text).expanduser() if rec_text else None
        self.go.setEnabled(False)
        self._headline("Vérification des empreintes et des sceaux…", MUTED_STYLE)
        self.table.setRowCount(0)

        def job(s):
            verdict = check_bundle(folder, recording=recording)
            s.audit.append(s.user_id, "export.verify", OUTCOME[verdict.exit_code])
            return verdict

        self.ctx.tasks.op(job, parent=self).success(self._shown).failure(self._failed).run()

    def _headline(self, text: str, style: str) -> None:
        self.headline.setStyleSheet(style)
        self.headline.setText(text)

    def _shown(self, verdict) -> None:
        self.verdict = verdict
        self.go.setEnabled(True)
        self._headline(verdict.headline, OK_STYLE if verdict.valid else ERROR_STYLE)
        fill(
            self.table,
            [
                ("✔" if x.ok else "✘", x.name, "conforme" if x.ok else x.reason)
                for x in verdict.lines
            ],
        )
        for row, line in enumerate(verdict.lines):
            self.table.item(row, 0).setForeground(QColor("#1f5f1f" if line.ok else "#a40000"))

    def _failed(self, exc) -> None:
        self.go.setEnabled(True)
        self._headline(error_message(exc), ERROR_STYLE)
