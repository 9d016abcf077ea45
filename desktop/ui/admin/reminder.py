"""The reminder strip of the home screen: « Dernière sauvegarde il y a N jours ».

Shown above the home page (the first page of the main window) to the roles that may back
up, when desktop.core.admin.backups.backup_overdue says the last backup is too old.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QFrame

from desktop.ui.admin.common import fr_date
from desktop.ui.widgets import WARNING_STYLE, button, hbox
from desktop.ui.widgets import fr_label as label

BACKUP_ROLES = ("administrateur", "medecin")


class BackupReminder(QFrame):
    def __init__(self, ctx, host):
        super().__init__(host)
        self.ctx = ctx
        self.host = host
        self.setObjectName("backup_reminder")
        self.setStyleSheet("#backup_reminder { background: #fff4e0; border: 1px solid #e0b060; }")
        self.text = label("", WARNING_STYLE)
        self.text.setObjectName("backup_reminder_text")
        self.action = button(
            "Sau&vegarder maintenant…",
            lambda: host.open_page("admin.backup"),
            tip="Ouvrir « Sauvegarde et restauration »",
        )
        layout = hbox(self.text, self.action, margin=8)
        layout.setStretchFactor(self.text, 1)
        self.setLayout(layout)
        self.overdue = None
        self.setVisible(False)
        host.stack.currentChanged.connect(lambda _i: self.refresh())

    def refresh(self) -> None:
        if not self._on_home():
            self.setVisible(False)
        if self.ctx.role not in BACKUP_ROLES:
            return
        from desktop.core.admin.backups import backup_overdue

        self.ctx.tasks.op(backup_overdue, parent=self).success(self._show).failure(
            lambda _e: None
        ).run()

    def _show(self, overdue) -> None:
        self.overdue = overdue
        if overdue is None:
            self.text.setText("")
        elif overdue.last is None:
            self.text.setText(
                "Aucune sauvegarde du coffre n'a encore été faite. Un ordinateur perdu ou un "
                "disque en panne emporterait tous les dossiers."
            )
        else:
            days = (datetime.now(UTC) - overdue.last).days
            self.text.setText(
                f"Dernière sauvegarde le {fr_date(overdue.last)}, il y a {days} jours "
                f"(rappel au-delà de {overdue.days} jours)."
            )
        self.setVisible(overdue is not None and self._on_home())

    def _on_home(self) -> bool:
        home = self.host.home_page()
        return home is not None and self.host.current_page() is home
