"""« Changer mon mot de passe » (any user), and the forced change of a temporary password.

    PasswordChangeDialog(ctx, forced=False, parent=main).open()

Forced (first login with a password given by the administrator): no way around it but to
change it or to lock Trame; Échap does not close it. The work is
desktop.core.passwords.change_own_password, in the worker (Argon2).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, label, title, vbox

FORCED_TEXT = (
    "Votre mot de passe vous a été donné par l'administrateur : il est provisoire. "
    "Choisissez maintenant un mot de passe connu de vous seul (12 caractères au moins, une "
    "phrase de plusieurs mots est idéale)."
)


class PasswordChangeDialog(QDialog):
    changed = Signal()

    def __init__(self, ctx, forced: bool = False, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.forced = forced
        self.setObjectName("password_change")
        self.setWindowTitle("Changer mon mot de passe")
        self.setModal(True)
        self.current = QLineEdit()
        self.current.setObjectName("current_password")
        self.new = QLineEdit()
        self.new.setObjectName("new_password")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirm_password")
        for edit in (self.current, self.new, self.confirm):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        if not forced:
            form.addRow("Mot de passe &actuel :", self.current)
        form.addRow("&Nouveau mot de passe :", self.new)
        form.addRow("&Confirmation :", self.confirm)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("password_error")
        self.error.setVisible(False)
        self.ok = button("&Changer le mot de passe", self._submit)
        self.ok.setObjectName("password_ok")
        self.ok.setDefault(True)
        other = (
            button("&Verrouiller", self._lock, None, "Verrouiller Trame sans changer")
            if forced
            else button("Annuler", self.reject, None, "Annuler (Échap)")
        )
        self.setLayout(
            vbox(
                title("Changer mon mot de passe", 14),
                label(FORCED_TEXT, MUTED_STYLE) if forced else None,
                form,
                self.error,
                hbox(None, other, self.ok),
                margin=14,
                spacing=8,
            )
        )
        self.setMinimumWidth(480)
        (self.new if forced else self.current).setFocus()

    def _submit(self) -> None:
        from desktop.core.passwords import change_own_password

        current = None if self.forced else self.current.text()
        new, confirm = self.new.text(), self.confirm.text()
        self.ok.setEnabled(False)
        self.error.setVisible(False)
        self.ctx.tasks.op(
            lambda s: change_own_password(s, current, new, confirm), parent=self
        ).success(self._done).failure(self._failed).run()

    def _done(self, _value) -> None:
        self.changed.emit()
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.error.setText(error_message(exc))
        self.error.setVisible(True)

    def _lock(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.ctx.request_lock()

    def reject(self) -> None:  # Échap: closes a voluntary change only
        if not self.forced:
            super().reject()
