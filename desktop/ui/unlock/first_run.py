"""First run: create the administrator, then show the two recovery keys once, clearly."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QStackedWidget, QWidget

from desktop.ui.tasks import error_message
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    WARNING_STYLE,
    BusyIndicator,
    button,
    hbox,
    title,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)

MIN_PASSWORD = 12  # repeated from desktop.core.vault (not imported before the window shows)


class FirstRunFlow(QStackedWidget):
    finished = Signal(object)  # SessionInfo of the new administrator

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._info = None
        self.create = QWidget()
        self.login = QLineEdit("admin")
        self.login.setObjectName("first_login")
        self.password = QLineEdit()
        self.password.setObjectName("first_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("first_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login)
        form.addRow("&Mot de passe :", self.password)
        form.addRow("&Confirmation :", self.confirm)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("first_error")
        self.error.setVisible(False)
        self.busy = BusyIndicator("Création du coffre chiffré…")
        self.submit = button("Créer le &coffre", self._submit, tip="Créer le coffre")
        self.submit.setToolTip("Créer le coffre (Entrée)")
        self.submit.setDefault(True)
        self.suggest = button(
            "Proposer une &phrase de passe",
            self._suggest,
            tip="Six mots français tirés au hasard, affichés pour être recopiés",
        )
        self.suggest.setObjectName("first_suggest")
        self.login.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.confirm.setFocus)
        self.confirm.returnPressed.connect(self._submit)
        self.create.setLayout(
            vbox(
                title("Premier démarrage"),
                label(
                    "Aucun coffre n'existe encore sur cet ordinateur. Créez le compte "
                    "administrateur : il pourra ensuite créer les comptes des enquêteurs et "
                    "de la coordination UAPED.",
                ),
                label(
                    f"Le mot de passe doit compter au moins {MIN_PASSWORD} caractères et ne pas "
                    "se deviner (pas de mots courants, de suites de touches ni de dates) ; une "
                    "phrase de plusieurs mots sans lien entre eux est plus facile à retenir et "
                    "plus sûre.",
                    MUTED_STYLE,
                ),
                form,
                hbox(self.suggest, None),
                self.error,
                self.busy,
                hbox(None, self.submit),
                spacing=8,
            )
        )
        self.addWidget(self.create)
        self.keys = RecoveryKeysPage()
        self.keys.confirmed.connect(self._keys_written)
        self.addWidget(self.keys)

    def _suggest(self) -> None:
        """Fill both fields with a generated French passphrase, shown so it can be copied."""
        from desktop.core.vault.policy import generate_passphrase

        phrase = generate_passphrase()
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Normal)
            field.setText(phrase)
        self.error.setVisible(False)
        self.password.setFocus()

    def _keys_written(self) -> None:
        self.keys.show_keys("", "")  # shown once: not kept on screen behind a lock
        self.finished.emit(self._info)

    def start(self) -> None:
        self.setCurrentWidget(self.create)
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        if len(self.password.text()) < MIN_PASSWORD:
            return self._show_error(
                f"Mot de passe trop court ({len(self.password.text())} caractères) : il en "
                f"faut au moins {MIN_PASSWORD}."
            )
        if self.password.text() != self.confirm.text():
            self.confirm.clear()
            self.confirm.setFocus()
            return self._show_error("Les deux mots de passe diffèrent. Saisissez-les à nouveau.")
        self.error.setVisible(False)  # no stale « trop court » while the vault is created
        self._set_busy(True)
        self.ctx.tasks.create_vault(self.login.text().strip(), self.password.text(), self).success(
            self._created
        ).failure(self._failed).run()

    def _created(self, value) -> None:
        result, info = value
        self._set_busy(False)
        self.password.clear()
        self.confirm.clear()
        for field in (self.password, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self._info = info
        self.keys.show_keys(result.recovery_code, result.medical_recovery_code)
        self.setCurrentWidget(self.keys)
        self.keys.check.setFocus()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(error_message(exc))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.login, self.password, self.confirm, self.submit):
            w.setEnabled(not busy)


class RecoveryKeysPage(QWidget):
    """The administrator's recovery key, shown once; the user confirms having written it
    down. No medical key exists yet: the first médecin enrols himself (issue 15)."""

    confirmed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSize(15)
        mono.setBold(True)
        self.admin_key = label("", wrap=False)
        self.medical_key = label("", wrap=False)
        for key in (self.admin_key, self.medical_key):
            key.setFont(mono)
            key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            key.setStyleSheet("background: #fff8dc; padding: 8px; border: 1px solid #c8b560;")
        self.admin_key.setObjectName("recovery_key")
        self.medical_key.setObjectName("medical_recovery_key")
        self.medical_key.setVisible(False)  # never shown here since issue 15
        self.check = QCheckBox("J'ai recopié la clé sur papier et je la range à part.")
        self.check.setObjectName("keys_written")
        self.next = button("&Continuer", self.confirmed.emit, tip="Ouvrir Trame")
        self.next.setToolTip("Ouvrir Trame (Entrée)")
        self.next.setEnabled(False)
        self.next.setDefault(True)
        self.check.toggled.connect(self.next.setEnabled)
        for k in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # setDefault does nothing outside a dialog
            enter = QShortcut(QKeySequence(k), self)
            enter.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            enter.activated.connect(lambda: self.next.isEnabled() and self.next.click())
        self.setLayout(
            vbox(
                title("Clé de secours — à recopier maintenant"),
                label(
                    "Cette clé ne sera plus jamais affichée. Recopiez-la à la main, sans "
                    "photo ni fichier, et rangez-la dans un lieu sûr.",
                    WARNING_STYLE,
                ),
                label("Clé de secours de l'administrateur (mot de passe oublié) :"),
                self.admin_key,
                label(
                    "Le côté médical n'existe pas encore : le premier médecin de l'UMJ crée "
                    "lui-même son compte avec un code d'inscription que vous lui remettez "
                    "(« trame users enrol-medical »). La clé médicale et la clé de secours "
                    "médicale sont alors créées et montrées à lui seul : les comptes de police "
                    "et l'administrateur n'ont jamais accès aux données médicales.",
                    MUTED_STYLE,
                ),
                self.medical_key,
                8,
                self.check,
                hbox(None, self.next),
                spacing=8,
            )
        )

    def show_keys(self, admin: str, medical: str) -> None:
        self.admin_key.setText(admin)
        self.medical_key.setText(medical)
        self.check.setChecked(False)
