"""The doctor's UMJ screen: live delay alerts, the checklist, « Transmettre le CMI »."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QMessageBox, QWidget

from desktop.core.medical import umj
from desktop.core.medical.clock import format_datetime, system_clock
from desktop.core.medical.consent import distribution
from desktop.core.medical.hearing_facts import alert_facts, hearing_facts
from desktop.core.medical.itt import itt_sentence, parse_itt
from desktop.core.medical.saisine import NO_REQUISITION, on_requisition
from desktop.core.medical.validation import FieldError
from desktop.ui.checklists.alerts_panel import AlertsBand, AlertsPanel
from desktop.ui.checklists.cmi_stale import CmiStaleMarker
from desktop.ui.checklists.field_editor import medical_editor
from desktop.ui.forms.view import NO_INPUT, StepFormView
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
        # (pdf, title, file name) of a sealed medical document: save it (tests replace it)
        self.deliver: Callable[[bytes, str, str], None] = self._save_or_print
        self.hearing_facts = None  # the facts' time entered in the hearing (alerts only)
        self.alerts = AlertsPanel(self.clock)
        band = AlertsBand(self.alerts)  # every alert shown, the checklist keeps the rest
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
        self.view.step_shown.connect(self._step_shown)
        self.stale_marker = CmiStaleMarker(self)  # issue 16: his signature, once out of date
        self.status = label("", MUTED_STYLE, wrap=False)
        self.status.setObjectName("cmi_status")
        self.transmit_button = button(
            "Transmettre le CMI…",
            self.transmit,
            "Ctrl+Shift+E",
            "Sceller le certificat médical initial et le transmettre au dossier d'enquête",
        )
        self.transmit_button.setObjectName("transmit_cmi")
        self.bordereau_button = button(
            "Bordereau de remise des prélèvements…",
            self.open_bordereau,
            None,
            "Numéros de scellés, signatures de l'enquêteur et du médecin (sur réquisition)",
        )
        self.hand_over_button = button(
            "Remettre le CMI en main propre…",
            self.hand_over,
            None,
            "Sans réquisition : CMI scellé, remis au mineur ou à son représentant non mis en cause",
        )
        self.signal_button = button(
            "Signalement au procureur…",
            self.open_signalement,
            None,
            "Sans réquisition : signalement au procureur de la République (art. 226-14 CP)",
        )
        self.print_button = button(
            "Imprimer le CMI transmis…",
            self.print_cmi,
            "Ctrl+P",
            "Imprimer le certificat médical initial scellé, tel qu'il a été transmis",
        )
        self.print_button.setEnabled(False)  # until a transmission is known
        for b, name in (
            (self.print_button, "print_cmi"),
            (self.bordereau_button, "bordereau"),
            (self.hand_over_button, "hand_over_cmi"),
            (self.signal_button, "signalement"),
        ):
            b.setObjectName(name)
        self.dialog = None
        self.missing_box: QMessageBox | None = None  # the list of what blocks the CMI
        self.last_sent = None  # the last transmission of this CMI (None: never sent)
        self._verb = "transmis"  # « CMI non transmis » or, handed over in person, « non remis »
        back = button("← Checklists", self._back, None, "Revenir à la liste")
        header = hbox(
            back, title("Examen médico-légal (UMJ)", 15), None, self.status, self.transmit_button
        )
        actions = hbox(
            None,
            self.print_button,
            self.bordereau_button,
            self.hand_over_button,
            self.signal_button,
        )
        layout = vbox(header, actions, band, self.view, margin=8, spacing=6)
        layout.setStretchFactor(self.view, 1)
        self.setLayout(layout)
        self._load_status()
        self._load_hearing_facts()

    def read_event(self) -> tuple[str, int]:
        return "medical.record.read", self.record_id

    def page_title(self) -> str:
        return "Examen médico-légal (UMJ)"

    def initial_focus(self) -> QWidget:
        """The first field of the step shown, for the keyboard (the page until it is loaded)."""
        row = self._first_row()
        return row.editor if row is not None else self

    def flush(self) -> None:
        self.view.flush()

    # -- keyboard focus -------------------------------------------------------------------
    def _first_row(self, field_ids=None):
        """The first visible input row of the step shown (among `field_ids` if given), or None."""
        page = self.view.scroll.widget()
        for field_id, row in self.view.rows.items():
            if field_ids is not None and field_id not in field_ids:
                continue
            if page is not None and row.isVisibleTo(page) and row.f.type not in NO_INPUT:
                return row
        return None

    def _step_shown(self, _step) -> None:
        """A new step (Ctrl+PgDown, a step of the list, the first display): the cursor goes to
        its first field unless the doctor is on the steps' navigation. Otherwise the field
        typed in disappears and Qt hands the focus to « ← Checklists »: the next Space leaves
        the examination, the next letters are lost."""
        focus = QApplication.focusWidget()
        view = self.view
        if focus in (view.steps, view.prev_button, view.next_button):
            return
        page = view.scroll.widget()
        if focus is not None and page is not None and page.isAncestorOf(focus):
            return
        if self.isVisible():
            view.focus_first_field()

    def _back(self) -> None:
        self.flush()
        self.host.back()

    # -- alerts and the plan of who gets what ---------------------------------------------
    def _answers(self, answers: dict) -> None:
        tz = self.clock().tzinfo
        facts, source = alert_facts(answers, self.hearing_facts, tz)
        self.alerts.set_facts(facts, umj.window_context(answers), source)
        self._update_actions(answers)
        for name, text in (("plan_label", self._plan_text), ("itt_label", self._itt_text)):
            widget = getattr(self, name)
            if widget is None:
                continue
            try:
                widget.setText(text(answers))
            except RuntimeError:  # the step was left: its widgets are gone
                setattr(self, name, None)

    def _load_hearing_facts(self) -> None:
        """Once per opening: the time of the facts the officer entered in the hearing."""
        rid = self.record_id
        self.ctx.tasks.op(lambda s: hearing_facts(s, rid), parent=self).success(
            self._hearing_facts_loaded
        ).run()

    def _hearing_facts_loaded(self, known) -> None:
        self.hearing_facts = known
        if known is not None and self.view.flow is not None:
            self._answers(self.view.answers)

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

    def _itt_text(self, answers: dict) -> str:
        from desktop.core.documents.medical.cmi import itt_from

        reserved = answers.get("itt_reserve_complications", True) is not False  # as the CMI
        try:
            start = itt_from(answers, self.clock().tzinfo)
            return itt_sentence(parse_itt(answers.get(umj.ITT)), reserved, start)
        except FieldError as err:
            return err.message

    def _itt_box(self) -> QWidget:
        box = QGroupBox("Conclusion telle qu'elle figurera au certificat")
        self.itt_label = label(self._itt_text(self.view.answers))
        self.itt_label.setObjectName("itt_sentence")
        box.setLayout(vbox(self.itt_label))
        return box

    # -- what the saisine allows -----------------------------------------------------------
    def _update_actions(self, answers: dict) -> None:
        """Réquisition: transmit and bordereau. Otherwise: hand over, or signal (226-14 CP)."""
        req = on_requisition(answers)
        self.transmit_button.setEnabled(req)
        self.transmit_button.setToolTip(
            "Sceller le certificat médical initial et le transmettre à l'autorité requérante"
            if req
            else NO_REQUISITION
        )
        self.bordereau_button.setEnabled(req and bool(answers.get(umj.SAMPLES)))
        self.hand_over_button.setEnabled(not req and answers.get(umj.SAISINE) is not None)
        self.signal_button.setEnabled(not req and answers.get(umj.SAISINE) is not None)

    def open_bordereau(self) -> None:
        from desktop.core.medical.samples import samples_from_answer
        from desktop.ui.checklists.umj_documents import BordereauDialog

        self.flush()
        samples = samples_from_answer(self.view.answers.get(umj.SAMPLES), self.clock().tzinfo)
        self.dialog = BordereauDialog(self.ctx, self.record_id, samples, self.clock, self)
        self.dialog.accepted.connect(
            lambda: self._document_done("Bordereau de remise scellé et joint au dossier.")
        )
        self.dialog.open()

    def open_signalement(self) -> None:
        from desktop.ui.checklists.umj_documents import SignalementDialog

        self.flush()
        self.dialog = SignalementDialog(self.ctx, self.record_id, self.clock, self)
        self.dialog.accepted.connect(self._signalement_done)
        self.dialog.open()

    def _signalement_done(self) -> None:
        self._document_done(
            "Signalement scellé, conservé au dossier médical : à adresser au parquet."
        )
        doc = self.dialog.result_document
        self._deliver_medical(doc.id, "Signalement au procureur", "signalement-procureur.pdf")

    def hand_over(self) -> None:
        """Without réquisition: what is missing first (as « Transmettre le CMI »), then the
        sealing; never one missing item per click."""
        from desktop.core.documents.medical.signing import transmit_readiness

        self.flush()
        self._verb = "remis"
        rid, clock = self.record_id, self.clock
        self.status.setText("Vérification du certificat…")
        self.status.setStyleSheet(MUTED_STYLE)
        self.ctx.tasks.op(lambda s: transmit_readiness(s, rid, clock=clock), parent=self).success(
            self._hand_over_checked
        ).failure(self._failed).run()

    def _hand_over_checked(self, readiness) -> None:
        from desktop.core.documents.medical.handover import hand_over_cmi

        if not readiness.ready:
            self._show_missing(readiness)
            return
        rid, clock = self.record_id, self.clock
        self.status.setText("Scellement du certificat…")
        self.ctx.tasks.op(lambda s: hand_over_cmi(s, rid, clock=clock), parent=self).success(
            self._handed_over
        ).failure(self._failed).run()

    def _handed_over(self, doc) -> None:
        self._update_actions(self.view.answers)
        self._document_done("CMI scellé, conservé au dossier médical : à remettre en main propre.")
        self._deliver_medical(doc.id, "Certificat médical initial", "certificat-medical.pdf")

    def _deliver_medical(self, doc_id: int, title: str, filename: str) -> None:
        """Read the sealed PDF from the medical database (worker) and hand it to `deliver`."""
        self.ctx.tasks.op(lambda s: s.medical_documents.content(doc_id), parent=self).success(
            lambda pdf: self.deliver(pdf, title, filename)
        ).run()

    def _save_or_print(self, pdf: bytes, title: str, filename: str) -> None:
        """Default delivery: save the sealed PDF where the doctor chooses (to print or send)."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from desktop.core.vault.fsutil import atomic_write

        path, _ = QFileDialog.getSaveFileName(
            self, f"Enregistrer — {title}", filename, "PDF (*.pdf)"
        )
        if path:
            self.ctx.tasks.call(lambda: atomic_write(Path(path), pdf), parent=self).run()

    def _document_done(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #1f5f1f;")

    # -- transmission ---------------------------------------------------------------------
    def _load_status(self) -> None:
        from desktop.core.documents.medical.transmit import transmission_of

        rid = self.record_id
        self.ctx.tasks.op(lambda s: transmission_of(s, rid), parent=self).success(
            self._show_sent
        ).run()

    def _show_sent(self, sent) -> None:
        self.last_sent = sent
        if sent is None:
            self.status.setText("CMI non transmis")
            self.status.setStyleSheet(MUTED_STYLE)
        else:
            tz = self.clock().tzinfo
            self.status.setText(f"CMI transmis le {format_datetime(sent.sent_local(tz))}")
            self.status.setToolTip(sent.summary(tz))
            self.status.setStyleSheet("color: #1f5f1f;")
            self.transmit_button.setText("Transmettre à nouveau…")
        self.print_button.setEnabled(sent is not None and sent.document_id is not None)

    def print_cmi(self) -> None:
        """The sealed CMI last transmitted, read in the worker, to the print dialog (the same
        document as the officers': desktop.ui.checklists.cmi_page)."""
        from desktop.core.documents.medical.transmit import transmission_of
        from desktop.ui.checklists.printing import print_pdf

        rid = self.record_id

        def job(s):
            sent = transmission_of(s, rid)
            return s.documents.content(sent.document_id)

        self.ctx.tasks.op(job, parent=self).success(
            lambda pdf: print_pdf(pdf, "Certificat médical initial", self)
        ).failure(self._failed).run()

    def transmit(self) -> None:
        self.flush()
        self._verb = "transmis"
        if not on_requisition(self.view.answers):
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("CMI non transmis : pas de réquisition.")
            self.status.setToolTip(NO_REQUISITION)
            return
        from desktop.core.documents.medical.signing import transmit_readiness

        rid, clock = self.record_id, self.clock
        self.transmit_button.setEnabled(False)  # until the check says what follows
        self.status.setText("Vérification du certificat…")
        self.status.setStyleSheet(MUTED_STYLE)
        self.ctx.tasks.op(lambda s: transmit_readiness(s, rid, clock=clock), parent=self).success(
            self._checked
        ).failure(self._failed).run()

    def _checked(self, readiness) -> None:
        """What is missing first (and back to the checklist); only a complete CMI is confirmed."""
        if not readiness.ready:
            self._update_actions(self.view.answers)
            self._show_missing(readiness)
            return
        self.status.setText("")
        if not self.confirm(self._confirm_text()):
            self._update_actions(self.view.answers)
            self._load_status()
            return
        from desktop.core.documents.medical.transmit import transmit_cmi

        rid, clock = self.record_id, self.clock
        self.transmit_button.setEnabled(False)
        self.status.setText("Scellement et transmission…")
        self.ctx.tasks.op(lambda s: transmit_cmi(s, rid, clock=clock), parent=self).success(
            self._sent
        ).failure(self._failed).run()

    def _confirm_text(self) -> str:
        """CONFIRM; on « Transmettre à nouveau », first what the officers already hold."""
        sent = self.last_sent
        if sent is None:
            return CONFIRM
        when = format_datetime(sent.sent_local(self.clock().tzinfo))
        return (
            f"Un CMI a déjà été transmis le {when}. Ce nouveau certificat s'ajoutera au "
            "dossier d'enquête ; le précédent y reste.\n\n" + CONFIRM
        )

    def _show_missing(self, readiness) -> None:
        """Refuse, listing every missing item; closing the box returns to the first one."""
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(f"CMI non {self._verb} : {readiness.summary()}.")
        lines = self._missing_by_step(readiness.issues)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Transmettre le CMI" if self._verb == "transmis" else "Remettre le CMI",
            f"Le CMI ne peut pas encore être {self._verb} : {readiness.summary()}.\n\n{lines}",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("cmi_missing")
        box.button(QMessageBox.StandardButton.Ok).setText("Revenir à la checklist")
        box.finished.connect(lambda _r: self._back_to_missing(readiness.issues))
        self.missing_box = box
        box.open()

    def _missing_by_step(self, issues) -> str:
        """« Saisine et identification :\n– … » : each missing item under the title of the step
        where the doctor finds it (steps in the checklist's order, then any other item)."""
        spec = self.view.spec
        groups: dict[str, list[str]] = {}
        for issue in issues:
            base = issue.field.split(".")[0]
            known = spec is not None and spec.has_field(base)
            title = spec.step_of(base).title if known else "Autres éléments"
            groups.setdefault(title, []).append(issue.message)
        order = [step.title for step in spec.steps] if spec is not None else []
        titles = sorted(groups, key=lambda t: order.index(t) if t in order else len(order))
        return "\n".join(
            f"{title} :\n" + "\n".join(f"– {m}" for m in groups[title]) for title in titles
        )

    def _back_to_missing(self, issues) -> None:
        """« Revenir à la checklist »: every missing field marked, the cursor in the first one
        (the step of the first one is shown), scrolled into view."""
        self.view.show_issues(issues)
        row = self._first_row({i.field.split(".")[0] for i in issues})
        if row is not None:
            self.view.scroll.ensureWidgetVisible(row)
            row.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sent(self, sent) -> None:
        self.transmit_button.setEnabled(True)
        self._show_sent(sent)
        self._update_actions(self.view.answers)

    def _failed(self, exc: BaseException) -> None:
        self._update_actions(self.view.answers)
        self.status.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, FieldError):
            self.status.setText(f"CMI non {self._verb} : corrigez les champs signalés.")
            self.view.show_issues(exc.issues)
            return
        self.status.setText(f"CMI non {self._verb}.")
        self.ctx.show_error(error_message(exc), self)
