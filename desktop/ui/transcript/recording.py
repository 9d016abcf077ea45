"""The audiovisual recording in the transcript panel (issue 13): one key, Ctrl+Maj+R, notes
its start, then « Fin de l'enregistrement » (reason optional), then « Reprise de
l'enregistrement ». Each mark is a transcript entry with its time, shown in the history and
printed in the PV (art. 706-52 CPP). Decisions come from desktop.core.hearing.marks.

Also the NICHD phase the officer is on (`set_phase`, from the script beside the transcript),
recorded with every entry written."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog

from desktop.core.hearing.marks import (
    NOT_NOTED,
    RECORDING,
    RECORDING_RESUME,
    RECORDING_STOP,
    recording_state,
    stop_reasons,
)
from desktop.core.hearing.transcript import RECORDING_START
from desktop.ui.transcript.dialogs import prompt_layout
from desktop.ui.widgets import MUTED_STYLE, button, make_action, with_key
from desktop.ui.widgets import fr_label as label

RECORDING_SHORTCUT = "Ctrl+Shift+R"
RECORDING_TIP = "Début, fin ou reprise de l'enregistrement audiovisuel"
TEXTS = {  # state -> what the key does now
    NOT_NOTED: "Début de l'enregistrement",
    RECORDING: "Fin de l'enregistrement…",
    "arrêté": "Reprise de l'enregistrement",
}


class StopDialog(QDialog):
    """« Fin de l'enregistrement »: the time is noted; the reason is optional."""

    chosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Fin de l'enregistrement")
        self.reason = QComboBox()
        self.reason.setObjectName("recording_stop_reason")
        self.reason.setEditable(True)
        self.reason.addItems(stop_reasons())
        self.reason.setCurrentIndex(-1)
        self.reason.lineEdit().setPlaceholderText("Motif (facultatif)")
        self.reason.setMinimumWidth(440)
        ok = button("&Noter la fin", self._submit, None, "Noter la fin de l'enregistrement")
        ok.setDefault(True)
        cancel = button("Annuler", self.reject, None, "Annuler (Échap)")
        self.setLayout(
            prompt_layout(
                label(
                    "L'heure de fin de l'enregistrement audiovisuel est notée "
                    "automatiquement et figure au procès-verbal.",
                    MUTED_STYLE,
                ),
                self.reason,
                label("", MUTED_STYLE),
                cancel,
                ok,
            )
        )
        self.reason.setFocus()

    def _submit(self) -> None:
        self.accept()
        self.chosen.emit(self.reason.currentText().strip())


class RecordingMixin:
    """Needs from the panel: loaded, meta, model, record_button, _event, _flash,
    start_recording (TimelineMixin)."""

    phase_id: str | None = None

    def _install_recording(self) -> None:
        self.record_action = make_action(
            self, TEXTS[NOT_NOTED], self.recording_mark, RECORDING_SHORTCUT, RECORDING_TIP
        )
        self.record_button.setToolTip(with_key(RECORDING_TIP, RECORDING_SHORTCUT))

    def set_phase(self, phase: str | None, label_of=None) -> None:
        """The phase id of the step shown in the script (None: a step without phase)."""
        self.phase_id = phase or None
        if label_of is not None:
            self.model.set_phase_label(label_of)

    def menu_actions(self) -> list:
        """The panel's actions for the hearing's menu (their shortcuts shown there)."""
        return [self.record_action, *self._menu_extra]

    def recording_state(self) -> str:
        return recording_state(self.model.entries, self.meta.get(RECORDING_START))

    def recording_mark(self) -> None:
        """Ctrl+Maj+R: start noted once, then stop (with a dialog) and resume, alternately."""
        if not self.loaded:
            return
        if getattr(self, "read_only", False):
            from desktop.ui.transcript.timeline import SEALED_NOTICE

            self._flash(SEALED_NOTICE)
            return
        state = self.recording_state()
        if state == NOT_NOTED:
            self.start_recording()
        elif state == RECORDING:
            dialog = StopDialog(self)
            dialog.chosen.connect(lambda reason: self._event(RECORDING_STOP, reason))
            dialog.open()
        else:
            self._event(RECORDING_RESUME)

    def _recording_tick(self, live: bool) -> None:
        text = TEXTS[self.recording_state()]
        self.record_button.setText(text)
        self.record_action.setText(text)
        self.record_button.setEnabled(live)
        self.record_action.setEnabled(live)
