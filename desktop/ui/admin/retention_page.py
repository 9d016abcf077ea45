"""« Conservation et purge »: every case with its transmission date and the date from which
it may be purged; « Marquer comme transmis » and « Purger » (a confirmation that names the
procedure numbers, never a person); the retention delay with its legal basis.

The same core functions as `trame mark-transmitted` and `trame purge`
(desktop.core.export.retention), the overview from desktop.core.admin.retention.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QMessageBox, QSpinBox, QWidget

from desktop.ui.admin.common import OK_STYLE, fill, fr_date, read_only_table
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, title, vbox
from desktop.ui.widgets import fr_label as label

STATUS_TEXT = {"en cours": "en cours", "clos": "clos", "transmis": "transmis"}


class RetentionPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        from desktop.core.admin.retention import LEGAL_BASIS

        self.ctx = ctx
        self.setObjectName("retention_page")
        self.rows: list = []
        self.copies: list = []  # copies of the vault kept in its folder (purged with a case)
        self.table = read_only_table(
            ["N° de procédure", "État", "Créé le", "Transmis le", "Purge possible le"],
            "retention_table",
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.mark = button(
            "&Marquer comme transmis",
            self.mark_selected,
            tip="Déclarer les dossiers sélectionnés transmis à la procédure",
        )
        self.mark.setObjectName("retention_mark")
        self.purge = button(
            "&Purger…",
            self.purge_selected,
            tip="Supprimer définitivement du coffre les dossiers sélectionnés",
        )
        self.purge.setObjectName("retention_purge")
        self.select_due = button(
            "Sélectionner les dossiers é&chus", self._select_due, tip="Dossiers purgeables"
        )
        self.pending = label("", MUTED_STYLE)
        self.pending.setObjectName("retention_pending")

        self.delay = QSpinBox()
        self.delay.setObjectName("retention_delay")
        self.delay.setRange(0, 3650)
        self.delay.setSuffix(" jours")
        self.save_delay = button("&Enregistrer le délai", self.store_delay)
        admin = ctx.role == "administrateur"
        self.delay.setEnabled(admin)
        self.save_delay.setVisible(admin)
        delay_box = QGroupBox("Délai de conservation après transmission")
        delay_box.setLayout(
            vbox(
                hbox(
                    label("Purge possible", wrap=False),
                    self.delay,
                    label("après la transmission (0 : dès la transmission).", wrap=False),
                    None,
                    self.save_delay,
                ),
                label(LEGAL_BASIS, MUTED_STYLE),
            )
        )
        self.message = label("")
        self.message.setObjectName("retention_message")
        self.setLayout(
            vbox(
                title("Conservation et purge"),
                label(
                    "Un dossier exporté vers la procédure est déclaré « transmis » ; passé le "
                    "délai de conservation, il peut être purgé : toutes ses données sont "
                    "supprimées du coffre, et le journal d'audit n'en garde que le numéro "
                    "interne.",
                    MUTED_STYLE,
                ),
                self.table,
                hbox(self.select_due, None, self.mark, self.purge),
                self.pending,
                delay_box,
                self.message,
                margin=16,
                spacing=10,
            )
        )
        self.refresh()

    # -- page protocol ------------------------------------------------------------------------
    def page_title(self) -> str:
        return "Conservation et purge"

    def page_shown(self) -> None:
        self.refresh()

    def initial_focus(self):
        return self.table

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.core.admin import retention as core

        def load(s):
            return (
                core.retention_overview(s),
                core.delay_days(s),
                core.medical_pending(s),
                core.vault_copies(s),
            )

        self.ctx.tasks.op(load, parent=self).success(self._loaded).run()

    def _loaded(self, value) -> None:
        rows, days, pending, copies = value
        self.rows = rows
        self.copies = copies
        self.delay.setValue(days)
        fill(
            self.table,
            [
                (
                    r.procedure_number,
                    STATUS_TEXT.get(r.status, r.status) + (" — échu" if r.due else ""),
                    fr_date(r.created),
                    fr_date(r.transmitted),
                    fr_date(r.purge_from) if r.purge_from else "—",
                )
                for r in rows
            ],
        )
        said = []
        if pending:
            said.append(
                f"Purges médicales en attente : {pending} dossier(s) ; elles se feront à la "
                "prochaine ouverture de la base médicale par un compte médical."
            )
        if copies:
            said.append(
                f"Copies du coffre gardées dans son dossier : {len(copies)} "
                f"({', '.join(p.name for p in copies)}). Elles contiennent encore tous les "
                "dossiers d'alors : la prochaine purge les supprimera avec le dossier purgé."
            )
        self.pending.setText("\n".join(said))

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def selected(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r] for r in rows if 0 <= r < len(self.rows)]

    def _select_due(self) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for i, row in enumerate(self.rows):
            if row.due:
                self.table.selectRow(i)
        self.table.setSelectionMode(mode)
        self.table.setFocus()

    # -- actions ------------------------------------------------------------------------------
    def mark_selected(self) -> None:
        from desktop.core.export.retention import mark_transmitted

        chosen = [r for r in self.selected() if r.status != "transmis"]
        if not chosen:
            return self._say("Sélectionnez un dossier qui n'est pas encore transmis.", True)
        ids = [r.case_id for r in chosen]
        numbers = ", ".join(r.procedure_number for r in chosen)

        def job(s):
            for case_id in ids:
                mark_transmitted(s, case_id)

        self.ctx.tasks.op(job, parent=self).success(
            lambda _v: (self._say(f"Déclaré(s) transmis : n° {numbers}."), self.refresh())
        ).failure(lambda e: (self._say(error_message(e), True), self.refresh())).run()

    def purge_selected(self) -> QMessageBox | None:
        chosen = self.selected()
        if not chosen:
            self._say("Sélectionnez d'abord le ou les dossiers à purger.", True)
            return None
        not_due = [r for r in chosen if not r.due]
        if not_due:
            self._say(
                "Ne peuvent pas être purgés maintenant (non transmis ou délai de conservation "
                f"en cours) : n° {', '.join(r.procedure_number for r in not_due)}. Rien n'a été "
                "supprimé.",
                True,
            )
            return None
        numbers = ", ".join(r.procedure_number for r in chosen)
        box = QMessageBox(self)
        box.setObjectName("purge_confirm")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Purger des dossiers")
        box.setText(
            f"Supprimer définitivement du coffre {'le dossier' if len(chosen) == 1 else 'les dossiers'} "
            f"de procédure n° {numbers} ?"
        )
        box.setInformativeText(
            "Toutes les données du dossier (personnes, auditions, transcription, documents) "
            "sont supprimées du coffre ; c'est irréversible. Les pièces transmises à la "
            "procédure ne sont pas concernées. Les données médicales du dossier sont supprimées "
            "à la prochaine ouverture de la base médicale par un compte médical."
            + (
                "\n\nSeront aussi supprimées les copies du coffre que Trame garde dans son "
                f"dossier ({', '.join(p.name for p in self.copies)}) : elles contiennent "
                "encore ce dossier."
                if self.copies
                else ""
            )
        )
        purge = box.addButton("&Purger définitivement", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("&Annuler", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        ids = [r.case_id for r in chosen]
        box.buttonClicked.connect(lambda b: b is purge and self._purge(ids, numbers))
        box.open()
        return box

    def _purge(self, ids: list[int], numbers: str) -> None:
        from desktop.core.export.retention import purge_case

        def job(s):
            return [purge_case(s, case_id, confirmed=True) for case_id in ids]

        def done(results) -> None:
            rows = sum(r.rows for r in results)
            medical = any(r.medical_pending for r in results)
            removed = [n for r in results for n in r.copies_removed]
            left = [n for r in results for n in r.copies_left]
            self._say(
                f"Purgé(s) : n° {numbers} ({rows} lignes supprimées, coffre compacté)."
                + (
                    " Les données médicales suivront à la prochaine ouverture de la base médicale."
                    if medical
                    else ""
                )
                + (f" Copies du coffre supprimées : {', '.join(removed)}." if removed else "")
                + (
                    f" Attention : copies impossibles à supprimer : {', '.join(left)} ; "
                    "supprimez-les à la main."
                    if left
                    else ""
                ),
                bool(left),
            )
            self.refresh()

        self.ctx.tasks.op(job, parent=self).success(done).failure(
            lambda e: (self._say(error_message(e), True), self.refresh())
        ).run()

    def store_delay(self) -> None:
        from desktop.core.admin.retention import set_purge_delay

        days = self.delay.value()
        self.ctx.tasks.op(lambda s: set_purge_delay(s, days), parent=self).success(
            lambda _v: (
                self._say(f"Délai de conservation après transmission : {days} jours."),
                self.refresh(),
            )
        ).failure(lambda e: self._say(error_message(e), True)).run()
