"""Accounts (list, create, reset a password, disable) and the idle-lock delay.

What each role may do is decided by the vault (an administrator creates police and UAPED
accounts; only a médecin creates medical accounts); refusals come back as French messages.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.ui.tasks import error_message
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    button,
    hbox,
    title,
    vbox,
)
from desktop.ui.widgets import (
    fr_label as label,
)

IDLE_SETTING = "ui.verrouillage_minutes"
MEDICAL_HINT = (
    "Un compte médecin est créé par un médecin : l'administrateur n'a jamais accès aux données "
    "médicales. Le premier médecin s'inscrit lui-même avec un code que vous lui remettez "
    "(« trame users enrol-medical », puis lui : « trame users enrol-doctor ») ; sa clé de "
    "secours médicale n'est montrée qu'à lui. Ensuite, un médecin (ou la clé de secours "
    "médicale) crée les autres : verrouillez et ouvrez avec cette clé."
)
ROLE_TEXT = {
    "administrateur": "Administrateur",
    "enqueteur": "Enquêteur (OPJ/APJ)",
    "uaped": "Coordination UAPED",
    "medecin": "Médecin (UMJ)",
}


def load_idle_setting(ctx) -> None:
    """After an unlock: apply the vault's idle-lock delay (5 minutes when never set)."""

    def done(minutes) -> None:
        if isinstance(minutes, int) and 1 <= minutes <= 120:
            ctx.settings.idle_lock_seconds = minutes * 60

    ctx.tasks.op(lambda s: s.settings.get(IDLE_SETTING)).success(done).failure(
        lambda _e: None
    ).run()


class AccountsPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("accounts_page")
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("accounts_table")
        self.table.setHorizontalHeaderLabels(["Identifiant", "Rôle", "État"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)

        self.login = QLineEdit()
        self.login.setObjectName("new_login")
        self.role = QComboBox()
        self.role.setObjectName("new_role")
        for code, text in ROLE_TEXT.items():
            if code != "administrateur":
                self.role.addItem(text, code)
        self.password = QLineEdit()
        self.password.setObjectName("new_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("12 caractères au moins")
        self.login.returnPressed.connect(self.role.setFocus)
        self.password.returnPressed.connect(self.create_account)  # Entrée creates the account
        self.role.currentIndexChanged.connect(self._role_changed)
        self.medical_hint = label(MEDICAL_HINT, MUTED_STYLE)
        self.medical_hint.setObjectName("medical_hint")
        self.medical_hint.setVisible(False)
        self.medical_path = button(
            "Verrouiller et ouvrir avec la clé médicale…",
            self.open_medical_recovery,
            None,
            "Verrouiller Trame puis ouvrir avec la clé de secours médicale",
        )
        self.medical_path.setObjectName("medical_path")
        self.medical_path.setVisible(False)
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login)
        form.addRow("&Rôle :", self.role)
        form.addRow("Mot de &passe provisoire :", self.password)
        self.message = label("", MUTED_STYLE)
        self.message.setObjectName("accounts_message")
        self.create = button("&Créer le compte", self.create_account, None, "Créer le compte")
        self.reset = button(
            "Nouveau mot de passe…",
            self.reset_password,
            None,
            "Remplacer le mot de passe du compte sélectionné",
        )
        self.disable = button(
            "Désactiver", self.disable_account, None, "Désactiver le compte sélectionné"
        )
        new_box = QGroupBox("Nouveau compte")
        new_box.setLayout(vbox(form, self.medical_hint, hbox(self.medical_path, None, self.create)))

        self.idle = QSpinBox()
        self.idle.setObjectName("idle_minutes")
        self.idle.setRange(1, 120)
        self.idle.setSuffix(" min")
        self.idle.setValue(max(1, ctx.settings.idle_lock_seconds // 60))
        save_idle = button("Enregistrer", self.save_idle, None, "Enregistrer le délai")
        idle_box = QGroupBox("Verrouillage automatique")
        idle_box.setLayout(
            vbox(
                hbox(
                    label("Verrouiller après", wrap=False),
                    self.idle,
                    label("sans activité.", wrap=False),
                    None,
                    save_idle,
                ),
                label(
                    "Un avertissement s'affiche 30 secondes avant ; la saisie en cours "
                    "l'annule. Ctrl+L verrouille à tout moment.",
                    MUTED_STYLE,
                ),
            )
        )
        zone_box = self._zone_box()
        self.setLayout(
            vbox(
                title("Comptes et réglages"),
                hbox(
                    vbox(self.table, hbox(self.reset, self.disable, None)),
                    vbox(new_box, idle_box, zone_box, None),
                    spacing=16,
                ),
                self.message,
                margin=16,
                spacing=10,
            )
        )
        self.users: list = []
        self.refresh()

    def page_title(self) -> str:
        return "Comptes et réglages"

    def page_shown(self) -> None:
        self.refresh()

    def initial_focus(self):
        return self.login

    def _role_changed(self, _index: int) -> None:
        """M5: a médecin account is created by a médecin; say how to get the first one."""
        medical = self.role.currentData() == "medecin" and self.ctx.role == "administrateur"
        self.medical_hint.setVisible(medical)
        self.medical_path.setVisible(medical)
        self.create.setEnabled(not medical)

    def open_medical_recovery(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.ctx.request_lock()

        def open_dialog() -> None:
            for w in QApplication.topLevelWidgets():
                if w.isVisible() and hasattr(w, "open_medical_recovery"):
                    w.open_medical_recovery()
                    return

        QTimer.singleShot(0, open_dialog)

    def refresh(self) -> None:
        self.ctx.tasks.op(lambda s: s.users.list(), parent=self).success(self._loaded).run()

    def _loaded(self, users) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            for col, text in enumerate(
                (
                    user.login,
                    ROLE_TEXT.get(user.role, user.role),
                    "désactivé" if user.disabled else "actif",
                )
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1f5f1f;")
        self.message.setText(text)

    def _selected(self):
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def create_account(self) -> None:
        login, role, password = (
            self.login.text().strip(),
            self.role.currentData(),
            self.password.text(),
        )

        def done(_user) -> None:
            self.login.clear()
            self.password.clear()
            self._say(
                f"Compte « {login} » créé. Communiquez le mot de passe provisoire de vive voix : "
                "il devra être changé à la première connexion."
            )
            self.refresh()

        def job(s):
            from desktop.core.passwords import mark_temporary

            user = s.add_user(login, password, role)
            mark_temporary(s, login)  # to be replaced at first login (M6)
            return user

        self.ctx.tasks.op(job, parent=self).success(done).failure(
            lambda e: self._say(error_message(e), True)
        ).run()

    def reset_password(self) -> None:
        user = self._selected()
        password = self.password.text()
        if user is None:
            return self._say("Sélectionnez d'abord un compte dans la liste.", True)
        if not password:
            return self._say(
                "Saisissez le nouveau mot de passe dans « Mot de passe provisoire ».", True
            )

        def job(s):
            from desktop.core.passwords import mark_temporary

            s.change_password(user.login, password)
            mark_temporary(s, user.login)

        self.ctx.tasks.op(job, parent=self).success(
            lambda _v: (
                self.password.clear(),
                self._say(
                    f"Mot de passe de « {user.login} » remplacé : provisoire, il sera changé "
                    "à la prochaine connexion."
                ),
            )
        ).failure(lambda e: self._say(error_message(e), True)).run()

    def disable_account(self) -> None:
        user = self._selected()
        if user is None:
            return self._say("Sélectionnez d'abord un compte dans la liste.", True)
        self.ctx.tasks.op(lambda s: s.disable_user(user.login), parent=self).success(
            lambda _v: (self._say(f"Compte « {user.login} » désactivé."), self.refresh())
        ).failure(lambda e: self._say(error_message(e), True)).run()

    def _zone_box(self) -> QGroupBox:
        """The service's time zone (issue 18): every printed date and time uses it."""
        from PySide6.QtWidgets import QComboBox

        from desktop.core import servicetime

        self.zone = QComboBox()
        self.zone.setObjectName("service_zone")
        self.zone.addItems(servicetime.known_zones())
        self.zone.setCurrentText(servicetime.service_zone_name())
        save = button("Enregistrer", self.save_zone, None, "Enregistrer le fuseau du service")
        box = QGroupBox("Fuseau horaire du service")
        box.setLayout(
            vbox(
                hbox(self.zone, None, save),
                label(
                    "Heure imprimée sur les PV, certificats, rapports et sceaux ; nommée quand "
                    "ce n'est pas Paris (services d'outre-mer).",
                    MUTED_STYLE,
                ),
            )
        )
        return box

    def save_zone(self) -> None:
        from desktop.core import servicetime

        name = self.zone.currentText()
        self.ctx.tasks.op(lambda s: servicetime.save_setting(s, name), parent=self).success(
            lambda _v: self._say(f"Fuseau horaire du service : {servicetime.zone_mention()}.")
        ).failure(lambda e: self._say(error_message(e), True)).run()

    def save_idle(self) -> None:
        minutes = self.idle.value()

        def done(_v) -> None:
            self.ctx.settings.idle_lock_seconds = minutes * 60
            self._say(f"Verrouillage automatique après {minutes} min sans activité.")

        self.ctx.tasks.op(lambda s: s.settings.set(IDLE_SETTING, minutes), parent=self).success(
            done
        ).failure(lambda e: self._say(error_message(e), True)).run()
