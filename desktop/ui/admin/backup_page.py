"""« Sauvegarde et restauration »: back up to a folder or a removable drive (progress from
the worker), the previous backups with the audit head each carries, a checked restore, and
the delay after which the home screen reminds to back up.

Every call goes to desktop.core.admin.backups, the same functions as `trame backup` and
`trame restore`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QProgressBar,
    QSpinBox,
    QWidget,
)

from desktop.ui.admin.common import (
    OK_STYLE,
    ProgressBridge,
    choose_path,
    fill,
    form_row,
    fr_datetime,
    fr_size,
    read_only_table,
)
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, title, vbox
from desktop.ui.widgets import fr_label as label

FOLDER_SETTING = "sauvegarde.dossier"  # the last destination folder (a path, no personal data)


def head_text(seq: int | None, digest: str) -> str:
    if seq is None:
        return "non consignée (sauvegarde ancienne)"
    return f"entrée n° {seq} · {digest[:16]}"


class BackupPage(QWidget):
    def __init__(self, ctx, host=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.setObjectName("backup_page")
        self.backups: list = []
        self.running = False
        self._bridge = ProgressBridge(self)
        self._bridge.progressed.connect(self._on_progress)

        self.folder = QLineEdit()
        self.folder.setObjectName("backup_folder")
        self.folder.setPlaceholderText("Dossier ou clé USB où écrire la sauvegarde")
        self.folder.returnPressed.connect(self.start_backup)
        self.choose = button("C&hoisir…", self._choose_folder, tip="Choisir le dossier")
        self.go = button(
            "&Sauvegarder maintenant", self.start_backup, tip="Écrire une sauvegarde chiffrée"
        )
        self.go.setObjectName("backup_go")
        self.bar = QProgressBar()
        self.bar.setObjectName("backup_progress")
        self.bar.setRange(0, 100)
        self.bar.setVisible(False)
        self.step = label("", MUTED_STYLE)
        save_box = QGroupBox("Nouvelle sauvegarde")
        form = QFormLayout()
        form_row(form, "&Destination :", self.folder, hbox(self.folder, self.choose))
        save_box.setLayout(
            vbox(
                label(
                    "La sauvegarde est un fichier chiffré avec les clés du coffre : elle ne "
                    "s'ouvre qu'avec un mot de passe de ce coffre. La base médicale n'y figure "
                    "que si un compte médical la fait.",
                    MUTED_STYLE,
                ),
                form,
                hbox(self.bar, self.step, None, self.go),
            )
        )

        self.table = read_only_table(
            ["Date", "Taille", "Journal d'audit", "Contenu", "Fichier"], "backup_table", stretch=4
        )
        self.restore_button = button(
            "&Restaurer la sauvegarde choisie…",
            self.restore_selected,
            tip="Remplacer le coffre par la sauvegarde sélectionnée",
        )
        self.restore_file = button(
            "Restaurer depuis un f&ichier…",
            self._restore_from_file,
            tip="Choisir un fichier de sauvegarde",
        )
        list_box = QGroupBox("Sauvegardes précédentes")
        list_box.setLayout(vbox(self.table, hbox(self.restore_button, self.restore_file, None)))

        self.reminder = QSpinBox()
        self.reminder.setObjectName("backup_reminder_days")
        self.reminder.setRange(1, 90)
        self.reminder.setSuffix(" jours")
        self.reminder.setValue(7)
        save_reminder = button("&Enregistrer le délai", self.save_reminder)
        remind_box = QGroupBox("Rappel")
        remind_box.setLayout(
            vbox(
                hbox(
                    label("Rappeler sur l'écran d'accueil après", wrap=False),
                    self.reminder,
                    label("sans sauvegarde.", wrap=False),
                    None,
                    save_reminder,
                ),
                label(
                    "Le guide de sécurité de la CNIL demande des sauvegardes contrôlées des "
                    "postes nomades ; gardez-les hors de l'ordinateur (support rangé à part).",
                    MUTED_STYLE,
                ),
            )
        )
        self.message = label("")
        self.message.setObjectName("backup_message")
        self.setLayout(
            vbox(
                title("Sauvegarde et restauration"),
                save_box,
                list_box,
                remind_box,
                self.message,
                margin=16,
                spacing=10,
            )
        )
        self.refresh()

    # -- page protocol ------------------------------------------------------------------------
    def page_title(self) -> str:
        return "Sauvegarde et restauration"

    def page_shown(self) -> None:
        self.refresh()

    def initial_focus(self):
        return self.folder

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.core.admin import backups as core

        def load(s):
            return core.backup_history(s), core.reminder_days(s), s.settings.get(FOLDER_SETTING)

        self.ctx.tasks.op(load, parent=self).success(self._loaded).run()

    def _loaded(self, value) -> None:
        history, days, folder = value
        self.backups = history
        self.reminder.setValue(days)
        if folder and not self.folder.text():
            self.folder.setText(folder)
        rows, tips = [], []
        for b in history:
            place = str(b.path) if b.present else f"{b.path} (introuvable : support débranché ?)"
            rows.append(
                (
                    fr_datetime(b.created),
                    fr_size(b.size),
                    head_text(b.audit_seq, b.audit_hash),
                    "dossiers et médical" if b.medical else "dossiers",
                    place,
                )
            )
            tips.append(f"Empreinte de la tête du journal : {b.audit_hash}" if b.audit_hash else "")
        fill(self.table, rows, tips)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    # -- backup -------------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        choose_path(
            self,
            "Dossier de la sauvegarde",
            lambda path: self.folder.setText(str(path)),
            folder=True,
            directory=self.folder.text(),
        )

    def start_backup(self) -> None:
        if self.running:
            return
        text = self.folder.text().strip()
        if not text:
            self._say("Indiquez le dossier (ou la clé USB) où écrire la sauvegarde.", True)
            self.folder.setFocus()
            return
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self._say(f"Dossier introuvable : « {folder} ». Branchez le support ou créez-le.", True)
            return
        from desktop.core.admin import backups as core

        self.ctx.saver.flush()
        self.running = True
        self.go.setEnabled(False)
        self.bar.setValue(0)
        self.bar.setVisible(True)
        self._say("")
        report = self._bridge.report

        def job(s):
            info = core.create_backup(s, folder, report)
            s.settings.set(FOLDER_SETTING, str(folder))
            return info

        self.ctx.tasks.op(job, parent=self).success(self._backed_up).failure(self._failed).run()

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(fraction * 100))
        self.step.setText(message)

    def _backed_up(self, info) -> None:
        self.running = False
        self.go.setEnabled(True)
        self.bar.setVisible(False)
        self.step.setText("")
        self._say(
            f"Sauvegarde écrite : « {info.path} » ({fr_size(info.size)}), journal d'audit "
            f"jusqu'à l'entrée n° {info.audit_seq}."
        )
        self.refresh()
        reminder = getattr(self.host, "backup_reminder", None)
        if reminder is not None:
            reminder.refresh()

    def _failed(self, exc) -> None:
        self.running = False
        self.go.setEnabled(True)
        self.bar.setVisible(False)
        self.step.setText("")
        self._say(error_message(exc), True)

    def save_reminder(self) -> None:
        from desktop.core.admin import backups as core

        days = self.reminder.value()
        self.ctx.tasks.op(lambda s: core.set_reminder_days(s, days), parent=self).success(
            lambda _v: self._say(f"Rappel après {days} jours sans sauvegarde.")
        ).failure(lambda e: self._say(error_message(e), True)).run()

    # -- restore ------------------------------------------------------------------------------
    def restore_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.backups):
            self._say("Sélectionnez d'abord une sauvegarde dans la liste.", True)
            return
        self.open_restore(self.backups[row].path)

    def _restore_from_file(self) -> None:
        choose_path(
            self,
            "Sauvegarde à restaurer",
            self.open_restore,
            name_filter="Sauvegardes Trame (*.trame);;Tous les fichiers (*)",
            directory=self.folder.text(),
        )

    def open_restore(self, path: Path) -> None:
        """Read the backup's manifest (worker), then ask for confirmation."""
        from desktop.core.admin import backups as core

        def job(s):
            return core.read_backup(path), s.audit.head()[0]

        self.ctx.tasks.op(job, parent=self).success(
            lambda value: RestoreDialog(self.ctx, value[0], self, live_seq=value[1]).open()
        ).failure(lambda e: self._say(error_message(e), True)).run()


class RestoreDialog(QDialog):
    """Says what will be replaced and where the current files are kept, asks the password."""

    def __init__(self, ctx, info, parent=None, live_seq: int | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.info = info
        self.setObjectName("restore_dialog")
        self.setWindowTitle("Restaurer une sauvegarde")
        self.setMinimumWidth(620)
        home = ctx.home
        replaced = "la base des dossiers, le fichier des clés" + (
            " et la base médicale" if info.medical else ""
        )
        kept_medical = (
            ""
            if info.medical
            else " La sauvegarde ne contient pas la base médicale : la base médicale actuelle "
            "reste en place."
        )
        behind = ""
        if live_seq is not None and info.audit_seq is not None and live_seq > info.audit_seq:
            behind = (
                f" Le journal du coffre actuel en est à l'entrée n° {live_seq} : restaurer "
                f"revient en arrière de {live_seq - info.audit_seq} entrées."
            )
        text = (
            f"Sauvegarde du {fr_datetime(info.created)} ({fr_size(info.size)}), journal "
            f"d'audit : {head_text(info.audit_seq, info.audit_hash)}.{behind}\n\n"
            f"Elle remplacera le coffre actuel ({replaced}) dans « {home} ». Tout ce qui a été "
            f"saisi depuis cette sauvegarde ne sera plus dans le coffre.{kept_medical}\n\n"
            f"Rien n'est effacé : les fichiers actuels seront déplacés dans « {home}/"
            "avant-restauration-AAAAMMJJ-HHMMSS ».\n\n"
            "Votre mot de passe vérifie la sauvegarde avant que quoi que ce soit soit remplacé. "
            "Ensuite Trame se verrouille : reconnectez-vous pour ouvrir le coffre restauré."
        )
        self.summary = label(text)
        self.summary.setObjectName("restore_summary")
        self.password = QLineEdit()
        self.password.setObjectName("restore_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.confirm)
        self.message = label("", ERROR_STYLE)
        self.message.setObjectName("restore_message")
        self.ok = button("&Restaurer", self.confirm, tip="Vérifier puis restaurer")
        self.ok.setObjectName("restore_go")
        cancel = button("Annuler", self.reject, tip="Ne rien changer (Échap)")
        form = QFormLayout()
        form.addRow("Votre &mot de passe :", self.password)
        self.setLayout(
            vbox(
                title("Restaurer une sauvegarde", 14),
                self.summary,
                form,
                self.message,
                hbox(None, cancel, self.ok),
                margin=16,
                spacing=10,
            )
        )
        self.password.setFocus()

    def confirm(self) -> None:
        from desktop.core.admin import backups as core

        password = self.password.text()
        if not password:
            self.message.setText("Saisissez votre mot de passe.")
            return
        user = self.ctx.user
        login = user.login if user else ""
        home, archive = self.ctx.home, self.info.path
        self.ok.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Vérification de la sauvegarde…")
        self.ctx.saver.flush()
        # The summary above says the vault goes back to the backup: confirming is accepting
        # the rollback (recorded in the journal), as `trame restore --accept-rollback`.
        self._notes: list[str] = []
        notes = self._notes  # filled on the worker thread, read once it is done
        self.ctx.tasks.replace_vault(
            lambda: core.restore_backup(
                home, archive, login, password, accept_rollback=True, notes=notes
            ),
            login,
            password,
            self,
        ).success(self._done).failure(self._failed).run()

    def _done(self, aside) -> None:
        self.accept()
        where = f" Les fichiers remplacés sont conservés dans « {aside} »." if aside else ""
        warned = "".join(f" Attention : {note}" for note in self._notes)
        self.ctx.events.vault_replaced.emit(
            "Sauvegarde vérifiée et restaurée." + where + warned + " Saisissez votre mot de passe "
            "pour ouvrir le coffre restauré."
        )

    def _failed(self, exc) -> None:
        self.ok.setEnabled(True)
        self.password.clear()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_message(exc))
