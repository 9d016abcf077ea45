"""The UAPED coordination screen: its checklist (case database) and the hearing schedule.

The coordination role holds no medical key: nothing here reads the medical database.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QListWidget, QWidget

from desktop.core.medical.clock import system_clock
from desktop.core.records import RecordKind, records_of
from desktop.ui.checklists.alerts_panel import AlertsBand, AlertsPanel
from desktop.ui.forms.view import StepFormView
from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, make_action, title, vbox

SCHEDULE_FIELDS = ("audition_debut", "audition_fin")


def hearing_schedule(s, case_id: int) -> list[str]:
    """In the worker: when the case's hearings start and end — dates only, no statement."""
    lines = []
    for record in records_of(s, case_id, RecordKind.AUDITION):
        answers = s.records.answers(record.id)
        start, end = (answers.get(f) for f in SCHEDULE_FIELDS)
        when = _fmt(start) if start else "date non fixée"
        if end:
            when += f" → {_fmt(end)}"
        state = "terminée" if record.status == "termine" else "prévue ou en cours"
        lines.append(f"Audition n° {record.id} : {when} ({state})")
    for record in records_of(s, case_id, RecordKind.UAPED):
        answers = s.records.answers(record.id)
        start = answers.get("audition_debut")
        if start and answers.get("audition_en_uaped") == "oui":
            lines.append(f"Audition à l'UAPED : {_fmt(start)}")
    return lines


def _fmt(value: str) -> str:
    if isinstance(value, str) and len(value) >= 16 and value[4] == "-":
        return f"{value[8:10]}/{value[5:7]}/{value[:4]} à {value[11:13]}\u00a0h\u00a0{value[14:16]}"
    return str(value)


class SchedulePanel(QGroupBox):
    def __init__(self, ctx, case_id: int, parent=None):
        super().__init__("Auditions du dossier", parent)
        self.setObjectName("hearing_schedule")
        self.list = QListWidget()
        self.setLayout(vbox(self.list))
        ctx.tasks.op(lambda s: hearing_schedule(s, case_id), parent=self).success(self._show).run()

    def _show(self, lines: list[str]) -> None:
        self.list.clear()
        self.list.addItems(lines or ["Aucune audition enregistrée."])

    @property
    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class UapedPage(QWidget):
    def __init__(self, ctx, host, record_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.host = ctx, host
        self.setObjectName("uaped_page")
        clock = getattr(ctx, "clock", None) or system_clock
        self.clock = clock
        # the same time windows as the UMJ (prophylaxis, samples), from the last facts
        self.alerts = AlertsPanel(clock)
        self.alerts.setObjectName("uaped_alerts")
        band = AlertsBand(self.alerts)  # every alert shown, the checklist keeps the rest
        self.view = StepFormView(ctx, record_id, area="case", clock=clock)
        self.view.answers_changed.connect(self._answers)
        back = button("← Checklists", self._back, None, "Revenir à la liste")
        self.note = label(
            "Checklist de coordination : aucune donnée médicale n'y est saisie "
            "(elles relèvent du médecin, sous secret médical).",
            MUTED_STYLE,
        )
        from desktop.ui.checklists.uaped_documents import UapedReportBox

        self.report = UapedReportBox(ctx, record_id, before=self.flush)  # signed by its author
        # issue 13: the report's actions by keyboard, their keys shown in the « Rapport » menu
        self.report_actions = [
            make_action(
                self, "&Aperçu du rapport", self.report.preview, "Ctrl+Shift+O", "Aperçu du rapport"
            ),
            make_action(
                self,
                "&Signer et sceller le rapport…",
                self.report.seal,
                "Ctrl+Shift+S",
                "Signer et sceller le rapport UAPED",
            ),
        ]
        self.report.loaded.connect(self._report_state)
        self.view.step_shown.connect(lambda _step: self._apply_read_only())
        for b, action in zip(
            (self.report.preview_button, self.report.seal_button), self.report_actions, strict=True
        ):
            b.setToolTip(action.toolTip())
        layout = vbox(
            hbox(back, title("Accueil en UAPED", 15), None),
            self.note,
            band,
            self.view,
            self.report,
            margin=8,
            spacing=6,
        )
        layout.setStretchFactor(self.view, 1)
        self.setLayout(layout)

    def _answers(self, answers: dict) -> None:
        from desktop.core.medical import umj

        self.alerts.set_facts(umj.facts_time(answers, self.clock().tzinfo))

    def _report_state(self, row) -> None:
        """A sealed report: its checklist is shown, never changed (the sealed PDF is the act)."""
        if row.state == "brouillon" or self.view.read_only:
            return
        self.view.flush()
        self.view.read_only = True
        self.note.setText(
            "Rapport UAPED scellé : la checklist est en lecture seule. Son aperçu reste "
            "ouvert (Ctrl+Maj+O)."
        )
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        page = self.view.scroll.widget()
        if page is not None:
            page.setEnabled(not self.view.read_only)

    def page_title(self) -> str:
        return "Accueil en UAPED"

    def menu_actions(self) -> tuple[str, list]:
        """The « Rapport » menu (Alt+R) over the « Rapport UAPED » box."""
        return "&Rapport", self.report_actions

    def flush(self) -> None:
        self.view.flush()

    def _back(self) -> None:
        self.flush()
        self.host.back()
