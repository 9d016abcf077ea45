"""Open the vault with a printed recovery key (administrator's or medical)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit

from desktop.ui.tasks import error_message
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    BusyIndicator,
    button,
    hbox,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)


class RecoveryDialog(QDialog):
    unlocked = Signal(object)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.setWindowTitle("Trame — clé de secours")
        self.code = QLineEdit()
        self.code.setObjectName("recovery_code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setMinimumWidth(420)
        self.medical = QCheckBox("Clé de secours &médicale")
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        self.busy = BusyIndicator("Vérification de la clé…")
        self.ok = button("&Ouvrir", self._submit, tip="Ouvrir avec cette clé")
        self.ok.setToolTip("Ouvrir avec cette clé (Entrée)")
        self.ok.setDefault(True)
        cancel = button("Annuler", self.reject, tip="Fermer sans ouvrir")
        cancel.setToolTip("Fermer sans ouvrir (Échap)")
        self.code.returnPressed.connect(self._submit)
        self.setLayout(
            vbox(
                label("Saisissez la clé de secours recopiée à la création du coffre."),
                label("Les tirets et les espaces sont facultatifs.", MUTED_STYLE),
                self.code,
                self.medical,
                self.error,
                self.busy,
                hbox(None, cancel, self.ok),
                margin=16,
                spacing=8,
            )
        )

    def _submit(self) -> None:
        self.busy.setVisible(True)
        self.ok.setEnabled(False)
        self.ctx.tasks.unlock_recovery(
            self.code.text(), self.medical.isChecked(), parent=self
        ).success(self._done).failure(self._failed).run()

    def _done(self, info) -> None:
        self.accept()
        self.unlocked.emit(info)

    def _failed(self, exc) -> None:
        self.busy.setVisible(False)
        self.ok.setEnabled(True)
        self.error.setText(error_message(exc))
        self.error.setVisible(True)
