"""« Première connexion d'un médecin… » (issue 15): the first médecin types the enrolment
code the administrator gave him, chooses his identifiant and password, and sees the medical
recovery key once, in this dialog only (desktop.core.vault.enrolment.enrol_first_doctor runs
in the worker: Argon2 and SQLCipher never on the UI thread)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QStackedWidget, QWidget

from desktop.ui.tasks import _kdf_from_env, error_message
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    WARNING_STYLE,
    BusyIndicator,
    button,
    hbox,
    vbox,
)
from desktop.ui.widgets import fr_label as label


def _secret(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class EnrolDialog(QDialog):
    enrolled = Signal(str)  # the médecin's identifiant, to pre-fill the unlock form

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._login = ""
        self.setWindowTitle("Trame — première connexion d'un médecin")
        self.code = QLineEdit()
        self.code.setObjectName("enrol_code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.code.setMinimumWidth(420)
        self.login = QLineEdit()
        self.login.setObjectName("enrol_login")
        self.password = _secret("enrol_password")
        self.confirm = _secret("enrol_confirm")
        form = QFormLayout()
        form.addRow("&Code d'inscription :", self.code)
        form.addRow("&Identifiant :", self.login)
        form.addRow("&Mot de passe :", self.password)
        form.addRow("Co&nfirmation :", self.confirm)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("enrol_error")
        self.error.setVisible(False)
        self.busy = BusyIndicator("Création du compte médical et de la base médicale…")
        self.ok = button("&Créer mon compte", self._submit, tip="Créer le compte médical")
        self.ok.setDefault(True)
        cancel = button("Annuler", self.reject, tip="Fermer sans rien créer (Échap)")
        for field, nxt in ((self.code, self.login), (self.login, self.password)):
            field.returnPressed.connect(nxt.setFocus)
        self.password.returnPressed.connect(self.confirm.setFocus)
        # Entrée in the confirmation field: the dialog's default button (« Créer mon compte »)
        cancel.setAutoDefault(False)
        ask = QWidget()
        ask.setLayout(
            vbox(
                label(
                    "Saisissez le code d'inscription remis par l'administrateur, puis "
                    "choisissez votre identifiant et votre mot de passe. La base médicale "
                    "et sa clé de secours sont créées ici, pour vous seul."
                ),
                label("Les tirets et les espaces du code sont facultatifs.", MUTED_STYLE),
                form,
                self.error,
                self.busy,
                hbox(None, cancel, self.ok),
                spacing=8,
            )
        )
        self.key = QLineEdit()
        self.key.setObjectName("enrol_recovery_key")
        self.key.setReadOnly(True)
        self.key.setFont(QFont("monospace", 12))
        done = button(
            "J'ai &recopié la clé", self._close, tip="Fermer : la clé ne sera plus montrée"
        )
        done.setAutoDefault(False)  # a hidden button must never catch Entrée
        self.copied = done
        self.kept = label(
            "Échap ne ferme pas cette fenêtre : la clé de secours ne sera plus jamais "
            "affichée. Recopiez-la, puis cliquez « J'ai recopié la clé ».",
            ERROR_STYLE,
        )
        self.kept.setObjectName("enrol_key_kept")
        self.kept.setVisible(False)
        shown = QWidget()
        shown.setLayout(
            vbox(
                label("CLÉ DE SECOURS MÉDICALE — pour vous seul, affichée une seule fois :"),
                self.key,
                label(
                    "Recopiez-la sur papier et gardez-la sous clé. Elle seule permet de "
                    "rouvrir la base médicale si vous oubliez votre mot de passe ; "
                    "l'administrateur ne l'a pas.",
                    WARNING_STYLE,
                ),
                self.kept,
                hbox(None, done),
                spacing=8,
            )
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(ask)
        self.stack.addWidget(shown)
        self.setLayout(vbox(self.stack, margin=16))

    def _submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self._show_error("Les deux mots de passe diffèrent.")
            return
        code, login, password = self.code.text(), self.login.text(), self.password.text()
        home = self.ctx.tasks.home

        def job(_):
            from desktop.core.vault import Vault
            from desktop.core.vault.enrolment import enrol_first_doctor

            return enrol_first_doctor(Vault(home, _kdf_from_env()), code, login, password)

        self.busy.setVisible(True)
        self.ok.setEnabled(False)
        self.ctx.tasks.call(job, parent=self).success(self._done).failure(self._failed).run()

    def _done(self, result) -> None:
        self.busy.setVisible(False)
        for field in (self.code, self.password, self.confirm):
            field.clear()
        self._login = result.login
        self.key.setText(result.medical_recovery_code)
        self.stack.setCurrentIndex(1)
        self.ok.setDefault(False)
        self.copied.setDefault(True)
        self.copied.setFocus()
        self.setWindowTitle("Trame — clé de secours médicale")

    def _failed(self, exc: BaseException) -> None:
        self.busy.setVisible(False)
        self.ok.setEnabled(True)
        self._show_error(error_message(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def reject(self) -> None:
        """Échap and the window's close button: close freely before the account exists; on
        the key page (shown once) they only say how to leave, so the key is never lost."""
        if self.stack.currentIndex() == 1:
            self.kept.setVisible(True)
            self.copied.setFocus()
            return
        super().reject()

    def _close(self) -> None:
        self.key.clear()  # shown once
        self.enrolled.emit(self._login)
        self.accept()
