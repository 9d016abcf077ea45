"""« Journal d'audit »: who, when, what, which object (ids only), filtered by account, date
and kind; « Vérifier l'intégrité » with the French verdict; the view exported as a sealed
PDF for an inspection.

Reads and checks go through desktop.core.admin.audit_view (the same verdict as
`trame audit verify`); the PDF through desktop.core.admin.audit_report.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

from desktop.ui.admin.common import OK_STYLE, choose_path, fill, fr_datetime, read_only_table
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, title, vbox
from desktop.ui.widgets import fr_label as label

NO_DATE = QDate(2000, 1, 1)  # the minimum of the date fields, shown as « — » (no bound)


def _date_field(name: str) -> QDateEdit:
    field = QDateEdit()
    field.setObjectName(name)
    field.setDisplayFormat("dd/MM/yyyy")
    field.setCalendarPopup(True)
    field.setMinimumDate(NO_DATE)
    field.setSpecialValueText("—")
    field.setDate(NO_DATE)
    return field


def _value(field: QDateEdit) -> date | None:
    d = field.date()
    return None if d == NO_DATE else date(d.year(), d.month(), d.day())


class AuditPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        from desktop.core.admin.audit_view import KINDS

        self.ctx = ctx
        self.setObjectName("audit_page")
        self.rows: list = []
        self.account = QComboBox()
        self.account.setObjectName("audit_account")
        self.account.addItem("Tous les comptes", None)
        self.since = _date_field("audit_since")
        self.until = _date_field("audit_until")
        self.kind = QComboBox()
        self.kind.setObjectName("audit_kind")
        self.kind.addItem("Toutes les natures", None)
        for code, text in KINDS.items():
            self.kind.addItem(text, code)
        for combo in (self.account, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for field in (self.since, self.until):
            field.dateChanged.connect(lambda _d: self.refresh())
        filters = hbox(
            label("&Compte :", wrap=False),
            self.account,
            12,
            label("D&u :", wrap=False),
            self.since,
            label("&au :", wrap=False),
            self.until,
            12,
            label("&Nature :", wrap=False),
            self.kind,
            None,
        )
        for lab, buddy in zip(
            [filters.itemAt(i).widget() for i in (0, 3, 5, 8)],
            (self.account, self.since, self.until, self.kind),
            strict=True,
        ):
            lab.setBuddy(buddy)
        self.table = read_only_table(
            ["N°", "Date et heure", "Compte", "Événement", "Objet"], "audit_table", stretch=3
        )
        self.count = label("", MUTED_STYLE, wrap=False)
        self.count.setObjectName("audit_count")
        self.verify_button = button(
            "&Vérifier l'intégrité", self.verify, tip="Recalculer la chaîne du journal"
        )
        self.verify_button.setObjectName("audit_verify")
        self.export_button = button(
            "&Exporter en PDF scellé…",
            self.choose_export,
            tip="Écrire la vue affichée dans un PDF scellé, pour un contrôle",
        )
        self.verdict = label("")
        self.verdict.setObjectName("audit_verdict")
        self.message = label("")
        self.message.setObjectName("audit_message")
        self.setLayout(
            vbox(
                title("Journal d'audit"),
                label(
                    "Chaque accès et chaque modification du coffre y est inscrit, chaîné au "
                    "précédent : qui, quand, quoi, sur quel objet (des numéros seulement, "
                    "jamais un nom ni un texte).",
                    MUTED_STYLE,
                ),
                filters,
                self.table,
                hbox(self.count, None, self.verify_button, self.export_button),
                self.verdict,
                self.message,
                margin=16,
                spacing=10,
            )
        )
        self._load_accounts()
        self.refresh()

    # -- page protocol ------------------------------------------------------------------------
    def page_title(self) -> str:
        return "Journal d'audit"

    def page_shown(self) -> None:
        self.refresh()

    def initial_focus(self):
        return self.table

    # -- data ---------------------------------------------------------------------------------
    def current_filter(self):
        from desktop.core.admin.audit_view import AuditFilter

        return AuditFilter(
            user_id=self.account.currentData(),
            since=_value(self.since),
            until=_value(self.until),
            kind=self.kind.currentData(),
        )

    def _load_accounts(self) -> None:
        def done(users) -> None:
            for user_id, login in users:
                self.account.addItem(login, user_id)

        self.ctx.tasks.op(lambda s: [(u.id, u.login) for u in s.users.list()], parent=self).success(
            done
        ).run()

    def refresh(self) -> None:
        from desktop.core.admin.audit_view import audit_rows

        flt = self.current_filter()
        self.ctx.tasks.op(lambda s: audit_rows(s, flt), parent=self).success(self._loaded).run()

    def _loaded(self, rows) -> None:
        from desktop.core.admin.audit_view import MAX_ROWS

        self.rows = rows
        fill(
            self.table,
            [
                (str(r.seq), fr_datetime(r.at, seconds=True), r.who, r.label, r.object_text)
                for r in rows
            ],
            [r.action for r in rows],
        )
        more = f" (les {MAX_ROWS} plus récentes)" if len(rows) >= MAX_ROWS else ""
        self.count.setText(
            f"{len(rows)} entrée{'s' if len(rows) > 1 else ''} affichée{'s' if len(rows) > 1 else ''}{more}."
        )

    # -- actions ------------------------------------------------------------------------------
    def verify(self) -> None:
        from desktop.core.admin.audit_view import verdict_text, verify_chain

        self.verify_button.setEnabled(False)
        self.verdict.setStyleSheet(MUTED_STYLE)
        self.verdict.setText("Vérification de la chaîne…")

        def done(report) -> None:
            self.verify_button.setEnabled(True)
            self.verdict.setStyleSheet(OK_STYLE if report.ok else ERROR_STYLE)
            self.verdict.setText(verdict_text(report))
            self.refresh()

        def failed(exc) -> None:
            self.verify_button.setEnabled(True)
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.verdict.setText(error_message(exc))

        self.ctx.tasks.op(verify_chain, parent=self).success(done).failure(failed).run()

    def choose_export(self):
        return choose_path(
            self,
            "Exporter le journal d'audit",
            self.export_to,
            save=True,
            name_filter="Documents PDF (*.pdf)",
        )

    def export_to(self, path: Path) -> None:
        from desktop.core.admin.audit_report import export_audit_pdf

        flt = self.current_filter()
        self.export_button.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Préparation et scellement du PDF…")

        def done(out) -> None:
            self.export_button.setEnabled(True)
            self.message.setStyleSheet(OK_STYLE)
            self.message.setText(f"Journal exporté et scellé : « {out} ».")
            self.refresh()

        def failed(exc) -> None:
            self.export_button.setEnabled(True)
            self.message.setStyleSheet(ERROR_STYLE)
            text = error_message(exc)
            if "Aucun certificat" in text:
                text += " Dans l'application : Administration › Certificats de sceau."
            self.message.setText(text)

        self.ctx.tasks.op(lambda s: export_audit_pdf(s, path, flt), parent=self).success(
            done
        ).failure(failed).run()
