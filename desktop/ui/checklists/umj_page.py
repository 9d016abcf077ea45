"""The doctor's UMJ screen: live delay alerts, the checklist, « Transmettre le CMI »."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGroupBox, QMessageBox, QScrollArea, QWidget

from desktop.core.medical import umj
from desktop.core.medical.clock import format_datetime, system_clock
from desktop.core.medical.consent import distribution
from desktop.core.medical.itt import itt_sentence, parse_itt
from desktop.core.medical.validation import FieldError
from desktop.ui.checklists.alerts_panel import AlertsPanel
from desktop.ui.checklists.field_editor import medical_editor
from desktop.ui.forms.view import StepFormView
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, label, title, vbox

CONFIRM = (
    "Transmettre le certificat médical initial ?\n\n"
    "Seules les constatations transmissibles (certificat médical initial) sont copiées dans le "
    "dossier d'enquête ; le dossier médical reste couvert par le secret médical.\n"
    "Le certificat est scellé avec votre certificat de médecin et la transmission est "
    "inscrite au journal d'audit."
)


def ask(parent: QWidget, text: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Transmettre le CMI",
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText("Transmettre")
    box.button(QMessageBox.StandardButton.Cancel).setText("Annuler")
    return box.exec() == QMessageBox.StandardButton.Yes


class UmjPage(QWidget):
    def __init__(self, ctx, host, record_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.host, self.record_id = ctx, host, record_id
        self.setObjectName("umj_page")
        self.clock = getattr(ctx, "clock", None) or system_clock
        self.confirm: Callable[[str], bool] = lambda text: ask(self, text)
        self.alerts = AlertsPanel(self.clock)
        band = QScrollArea()
        band.setWidget(self.alerts)
        band.setWidgetResizable(True)
        band.setMaximumHeight(118)
        band.setFrameShape(QScrollArea.Shape.NoFrame)
        self.plan_label = None
        self.itt_label = None
        self.view = StepFormView(
            ctx,
            record_id,
            area="medical",
            clock=self.clock,
            make_editor=lambda f, env: medical_editor(
                f, env, self.clock, lambda: umj.facts_time(self.view.answers, self.clock().tzinfo)
            ),
            extra_checks=lambda answers: umj.check_umj(answers, self.clock(), self.clock().tzinfo),
            step_extras={"consentement": self._plan_box, "conclusion": self._itt_box},
        )
        self.view.answers_changed.connect(self._answers)
        self.status = label("", MUTED_STYLE, wrap=False)
        self.status.setObjectName("cmi_status")
        self.transmit_button = button(
            "Transmettre le CMI…",
            self.transmit,
            "Ctrl+Shift+E",
            "Sceller le certificat médical initial et le transmettre au dossier d'enquête",
        )
        self.transmit_button.setObjectName("transmit_cmi")
        back = button("← Checklists", self._back, None, "Revenir à la liste")
        header = hbox(
            back, title("Examen médico-légal (UMJ)", 15), None, self.status, self.transmit_button
        )
        layout = vbox(header, band, self.view, margin=8, spacing=6)
        layout.setStretchFactor(self.view, 1)
        self.setLayout(layout)
        self._load_status()

    def page_title(self) -> str:
        return "Examen médico-légal (UMJ)"

    def flush(self) -> None:
        self.view.flush()

    def _back(self) -> None:
        self.flush()
        self.host.back()

    # -- alerts and the plan of who gets what ---------------------------------------------
    def _answers(self, answers: dict) -> None:
        tz = self.clock().tzinfo
        self.alerts.set_facts(umj.facts_time(answers, tz), umj.window_context(answers))
        for name, text in (("plan_label", self._plan_text), ("itt_label", self._itt_text)):
            widget = getattr(self, name)
            if widget is None:
                continue
            try:
                widget.setText(text(answers))
            except RuntimeError:  # the step was left: its widgets are gone
                setattr(self, name, None)

    @staticmethod
    def _plan_text(answers: dict) -> str:
        plan = distribution(umj.consent_facts(answers))
        lines = [f"• {d.text}" for d in plan.deliveries] + [f"• {w.text}" for w in plan.withheld]
        return "\n".join(lines)

    def _plan_box(self) -> QWidget:
        box = QGroupBox("Documents remis, selon l'opposition du mineur")
        self.plan_label = label(self._plan_text(self.view.answers))
        self.plan_label.setObjectName("consent_plan")
        box.setLayout(vbox(self.plan_label))
        return box

    @staticmethod
    def _itt_text(answers: dict) -> str:
        try:
            return itt_sentence(parse_itt(answers.get(umj.ITT)))
        except FieldError as err:
            return err.message

    def _itt_box(self) -> QWidget:
        box = QGroupBox("Conclusion telle qu'elle figurera au certificat")
        self.itt_label = label(self._itt_text(self.view.answers))
        self.itt_label.setObjectName("itt_sentence")
        box.setLayout(vbox(self.itt_label))
        return box

    # -- transmission ---------------------------------------------------------------------
    def _load_status(self) -> None:
        from desktop.core.medical.transmit import transmission_of

        rid = self.record_id
        self.ctx.tasks.op(lambda s: transmission_of(s, rid), parent=self).success(
            self._show_sent
        ).run()

    def _show_sent(self, sent) -> None:
        if sent is None:
            self.status.setText("CMI non transmis")
            self.status.setStyleSheet(MUTED_STYLE)
        else:
            tz = self.clock().tzinfo
            self.status.setText(f"CMI transmis le {format_datetime(sent.sent_local(tz))}")
            self.status.setToolTip(sent.summary(tz))
            self.status.setStyleSheet("color: #1f5f1f;")
            self.transmit_button.setText("Transmettre à nouveau…")

    def transmit(self) -> None:
        self.flush()
        if not self.confirm(CONFIRM):
            return
        from desktop.core.medical.transmit import transmit_cmi

        rid, clock = self.record_id, self.clock
        self.transmit_button.setEnabled(False)
        self.status.setText("Scellement et transmission…")
        self.ctx.tasks.op(lambda s: transmit_cmi(s, rid, clock=clock), parent=self).success(
            self._sent
        ).failure(self._failed).run()

    def _sent(self, sent) -> None:
        self.transmit_button.setEnabled(True)
        self._show_sent(sent)

    def _failed(self, exc: BaseException) -> None:
        self.transmit_button.setEnabled(True)
        self.status.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, FieldError):
            self.status.setText("CMI non transmis : corrigez les champs signalés.")
            self.view.show_issues(exc.issues)
            return
        self.status.setText("CMI non transmis.")
        self.ctx.show_error(error_message(exc), self)
