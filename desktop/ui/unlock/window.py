"""The French unlock window (also the lock screen), and the way to the first-run flow.

Imports only Qt and light modules: it is the first thing shown at start-up. The password
check (Argon2id, SQLCipher) runs in the vault worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLineEdit, QStackedWidget, QWidget

from desktop.ui.tasks import SessionInfo, error_message
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
from desktop.ui.widgets import title as title_label

TAGLINE = "Audition des mineurs victimes · coffre chiffré · procès-verbaux scellés"


class UnlockForm(QWidget):
    """Identifiant + mot de passe -> SessionInfo (through the worker)."""

    unlocked = Signal(object)
    recovery_requested = Signal()
    enrol_requested = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.heading = title_label("Déverrouiller Trame")
        self.intro = label("Saisissez votre identifiant et votre mot de passe.", MUTED_STYLE)
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setPlaceholderText("identifiant (vide : administrateur)")
        self.login.setAccessibleName("Identifiant")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Mot de passe")
        form = QFormLayout()
        form.addRow("&Identifiant :", self.login)
        form.addRow("&Mot de passe :", self.password)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("unlock_error")
        self.error.setVisible(False)
        self.busy = BusyIndicator("Vérification du mot de passe…")
        self.submit = button("&Déverrouiller", self._submit, tip="Ouvrir le coffre")
        self.submit.setToolTip("Ouvrir le coffre (Entrée)")
        self.submit.setDefault(True)
        self.recovery = button(
            "Clé de &secours…", self.recovery_requested.emit, tip="Ouvrir avec une clé de secours"
        )
        self.recovery.setFlat(True)
        self.enrol = button(
            "Première connexion d'un &médecin…",
            self.enrol_requested.emit,
            tip="Créer le compte du premier médecin avec le code remis par l'administrateur",
        )
        self.enrol.setObjectName("enrol_doctor")
        self.enrol.setFlat(True)
        self.login.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self._submit)
        self.setLayout(
            vbox(
                self.heading,
                self.intro,
                12,
                form,
                self.error,
                self.busy,
                hbox(self.recovery, self.enrol, None, self.submit),
                spacing=8,
            )
        )

    def set_locked(self, login: str) -> None:
        self.heading.setText("Trame est verrouillé")
        self.intro.setText(
            "Tout ce qui avait été saisi est enregistré. Saisissez votre mot de passe "
            "pour reprendre là où vous en étiez."
        )
        self.login.setText(login)
        self.password.clear()
        self.error.setVisible(False)
        self.password.setFocus()

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        password = self.password.text()
        if not password:
            self._show_error("Saisissez votre mot de passe.")
            return
        self._set_busy(True)
        self.ctx.tasks.unlock(self.login.text().strip(), password, parent=self).success(
            self._done
        ).failure(self._failed).run()

    def _done(self, info: SessionInfo) -> None:
        self._set_busy(False)
        self.password.clear()
        self.error.setVisible(False)
        self.unlocked.emit(info)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(error_message(exc))
        self.password.clear()
        self.password.setFocus()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.login, self.password, self.submit, self.recovery, self.enrol):
            w.setEnabled(not busy)


class UnlockWindow(QWidget):
    """The first window: unlock, or create the vault when there is none yet."""

    unlocked = Signal(object)  # SessionInfo
    first_paint = Signal()

    def __init__(self, ctx, first_run: bool = False):
        super().__init__()
        self.ctx = ctx
        self.setObjectName("unlock_window")
        self.setWindowTitle("Trame — déverrouillage")
        self._painted = False
        self.stack = QStackedWidget()
        self.form = UnlockForm(ctx)
        self.form.unlocked.connect(self.unlocked.emit)
        self.form.recovery_requested.connect(self._recovery)
        self.form.enrol_requested.connect(self._enrol)
        self.stack.addWidget(self.form)
        card = QFrame()
        card.setObjectName("card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(620)
        card.setMinimumWidth(460)
        card.setLayout(vbox(self.stack, margin=24))
        brand = title_label("Trame", 22)
        brand.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        tagline = label(TAGLINE, MUTED_STYLE)
        tagline.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setLayout(
            vbox(None, brand, tagline, 16, hbox(None, card, None), None, margin=24, spacing=8)
        )
        self.resize(760, 520)
        if first_run:
            self.show_first_run()
        else:
            self.form.login.setFocus()

    def show_first_run(self) -> None:
        from desktop.ui.unlock.first_run import FirstRunFlow

        flow = FirstRunFlow(self.ctx)
        flow.finished.connect(self._first_run_done)
        self.stack.addWidget(flow)
        self.stack.setCurrentWidget(flow)
        self.setWindowTitle("Trame — premier démarrage")
        flow.start()

    def _first_run_done(self, info: SessionInfo) -> None:
        self.stack.setCurrentWidget(self.form)
        self.setWindowTitle("Trame — déverrouillage")
        self.unlocked.emit(info)

    def show_locked(self, login: str) -> None:
        self.stack.setCurrentWidget(self.form)
        self.setWindowTitle("Trame — verrouillé")
        self.form.set_locked(login)

    def _recovery(self, medical: bool = False) -> None:
        from desktop.ui.unlock.recovery import RecoveryDialog

        dialog = RecoveryDialog(self.ctx, self)
        dialog.medical.setChecked(medical)
        dialog.unlocked.connect(self.unlocked.emit)
        dialog.open()

    def _enrol(self) -> None:
        from desktop.ui.unlock.enrol import EnrolDialog

        dialog = EnrolDialog(self.ctx, self)
        dialog.enrolled.connect(self._enrolled)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _enrolled(self, login: str) -> None:
        self.form.login.setText(login)
        self.form.password.setFocus()

    def open_medical_recovery(self) -> None:
        """The guided path to the first médecin account (finding M5): the recovery dialog,
        « médicale » already ticked."""
        self._recovery(medical=True)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint.emit()
