"""Start a hearing: choose the minor heard; the record is pre-filled from the case."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog

from desktop.core.records import RecordKind, start_record
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label


def create_hearing(ctx, s, case_id: int, person_id: int | None) -> int:
    """In the worker: the record, with what the case already knows (core use case)."""
    return start_record(s, RecordKind.AUDITION, case_id, person_id, form=ctx.form)


class NewHearingDialog(QDialog):
    created = Signal(int)  # record id

    def __init__(self, ctx, case_id: int, victims: list, show_names: bool, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.case_id = case_id
        self.setWindowTitle("Nouvelle audition")
        self.person = QComboBox()
        self.person.setObjectName("hearing_person")
        for p in victims:
            pseudo = p.details.get("pseudonyme")
            name = p.display_name if show_names and p.display_name else ""
            text = name or (f"«\u00a0{pseudo}\u00a0»" if pseudo else f"Victime n° {p.id}")
            if name and pseudo:
                text += f" «\u00a0{pseudo}\u00a0»"
            self.person.addItem(text, p.id)
        self.person.addItem("Mineur non encore enregistré dans le dossier", None)
        self.person.setMinimumWidth(380)
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        self.ok = button("&Commencer", self._submit)
        self.ok.setToolTip("Créer l'audition et l'ouvrir (Entrée)")
        self.ok.setDefault(True)
        cancel = button("Annuler", self.reject)
        cancel.setToolTip("Annuler (Échap)")
        self.setLayout(
            vbox(
                label("Mineur entendu :"),
                self.person,
                label(
                    "Le service, le n° de procédure et ce que le dossier sait du mineur sont "
                    "repris dans la trame.",
                    MUTED_STYLE,
                ),
                self.error,
                hbox(None, cancel, self.ok),
                margin=16,
                spacing=8,
            )
        )
        self.person.setFocus()

    def _submit(self) -> None:
        self.ok.setEnabled(False)
        person_id = self.person.currentData()
        case_id = self.case_id
        ctx = self.ctx
        ctx.tasks.op(lambda s: create_hearing(ctx, s, case_id, person_id), parent=self).success(
            self._done
        ).failure(self._failed).run()

    def _done(self, record_id: int) -> None:
        self.accept()
        self.created.emit(record_id)

    def _failed(self, exc) -> None:
        self.ok.setEnabled(True)
        self.error.setText(error_message(exc))
        self.error.setVisible(True)
