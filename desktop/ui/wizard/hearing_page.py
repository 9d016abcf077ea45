"""A hearing: the guided form and the live transcript, side by side in two tabs.

The transcript's tab shows the current step's script (NICHD prompts) in a collapsible panel
beside the transcript, so the officer reads it while typing (see script_panel).

Ctrl+G shows the guided form, Ctrl+T the transcript (cursor in the question). The
transcript's start, pauses and end fill the form's times when they are still empty.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QTabWidget, QWidget

from desktop.core.hearing.interpreter import PRESENT, interpreter_presence
from desktop.core.hearing.sealed import is_sealed
from desktop.core.hearing.transcript import parse_time
from desktop.core.servicetime import wall
from desktop.ui.forms.view import StepFormView
from desktop.ui.transcript import TranscriptPanel
from desktop.ui.transcript.timeline import SEALED_NOTICE
from desktop.ui.widgets import WARNING_STYLE, button, hbox, make_action, vbox
from desktop.ui.widgets import fr_label as label
from desktop.ui.wizard.recording_hash import FIELD as HASH_FIELD
from desktop.ui.wizard.recording_hash import STEP, RecordingHashBox
from desktop.ui.wizard.script_panel import ScriptPanel


class HearingPage(QWidget):
    def __init__(self, ctx, host, record_id: int, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.host = host
        self.record_id = record_id
        self.setObjectName("hearing_page")
        self.wizard = StepFormView(
            ctx,
            record_id,
            help_toggle=True,
            finish=(
                "Trame incomplète",
                "Trame complète",
                "La trame de l'audition est complète et enregistrée.",
            ),
            step_extras={STEP: lambda: RecordingHashBox(ctx, self.wizard)},
        )
        self.transcript = TranscriptPanel(ctx, record_id)
        self.script = ScriptPanel()
        self.script_button = button(
            "Afficher le script", self._show_script, None, "Afficher le script de l'étape"
        )
        self.script_button.setVisible(False)
        self.script.hide_button.clicked.connect(self._script_collapsed)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("script_split")
        self.split.addWidget(self.script)
        self.split.addWidget(self.transcript)
        self.split.setCollapsible(1, False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 3)
        self.split.setSizes([330, 1000])
        self.transcript_tab = QWidget()
        self.transcript_tab.setLayout(vbox(hbox(None, self.script_button), self.split, spacing=2))
        self.wizard.step_shown.connect(self._step_shown)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hearing_tabs")
        self.tabs.addTab(self.wizard, "Trame guidée (Ctrl+G)")
        self.tabs.addTab(self.transcript_tab, "Questions / réponses (Ctrl+T)")
        self.tabs.currentChanged.connect(self._tab_changed)
        make_action(self, "Trame guidée", self.show_wizard, "Ctrl+G", "Afficher la trame guidée")
        make_action(
            self,
            "Questions / réponses",
            self.show_transcript,
            "Ctrl+T",
            "Afficher le fil des questions et réponses",
        )
        self.back_button = button("← Dossier", self._back, None, "Revenir au dossier (Alt+Gauche)")
        self.heading = label("", wrap=False)
        self.heading.setObjectName("hearing_heading")
        self.sealed_banner = label(SEALED_NOTICE, WARNING_STYLE)
        self.sealed_banner.setObjectName("sealed_banner")
        self.sealed_banner.setVisible(False)
        self.sealed = False
        self.setLayout(
            vbox(
                hbox(self.back_button, 12, self.heading, None),
                self.sealed_banner,
                self.tabs,
                margin=12,
                spacing=6,
            )
        )
        self.page_shown()
        self.transcript.entry_saved.connect(self._sync_times)
        self.wizard.loaded.connect(self._loaded)
        self._interpreter_timer = QTimer(self)
        self._interpreter_timer.setSingleShot(True)
        self._interpreter_timer.setInterval(300)  # once the officer paused typing the name
        self._interpreter_timer.timeout.connect(self._sync_interpreter)
        self.wizard.answers_changed.connect(lambda _a: self._interpreter_timer.start())

    def _loaded(self) -> None:
        record = self.wizard.record
        y, m, d = record.created_at[:10].split("-")
        self.heading.setText(f"Audition du {d}/{m}/{y} · {self.wizard.spec.title}")
        if hasattr(self.host, "refresh_title"):
            self.host.refresh_title()

    # -- page protocol ---------------------------------------------------------------------------
    def read_event(self) -> tuple[str, int]:
        return "hearing.read", self.record_id

    def page_title(self) -> str:
        return "Audition"

    def menu_actions(self) -> tuple[str, list]:
        """« Audition » in the menu bar: the recording marks and the observation, with their
        shortcuts (issue 13)."""
        return "Audi&tion", self.transcript.menu_actions()

    def initial_focus(self):
        return self.transcript.question if self.tabs.currentIndex() == 1 else self.wizard.steps

    def flush(self) -> None:
        self.transcript.flush()
        self.wizard.flush()

    # -- behaviour -------------------------------------------------------------------------------
    def show_wizard(self) -> None:
        self.tabs.setCurrentWidget(self.wizard)
        self.wizard.focus_first_field()

    def show_transcript(self) -> None:
        self.tabs.setCurrentWidget(self.transcript_tab)
        self.transcript.focus_question()

    def page_shown(self) -> None:
        """Opened again (« Reprendre »): the PV may have been sealed meanwhile."""
        if not self.sealed:
            rid = self.record_id
            self.ctx.tasks.op(lambda s: is_sealed(s, rid), parent=self).success(
                self._seal_known
            ).run()

    def _seal_known(self, sealed: bool) -> None:
        """A sealed PV: the form and the transcript are shown read-only (Reprendre)."""
        if not sealed:
            return
        self.sealed = True
        self.sealed_banner.setVisible(True)
        self.wizard.read_only = True
        self.transcript.set_read_only()
        page = self.wizard.scroll.widget()
        if page is not None:
            page.setEnabled(False)

    def _step_shown(self, step) -> None:
        page = self.wizard.scroll.widget()
        if page is not None:
            page.setEnabled(not self.sealed)
            box = page.findChild(RecordingHashBox, "recording_hash_box")
            row = self.wizard.rows.get(HASH_FIELD)
            if box is not None and row is not None:  # the button right under the hash field
                layout = page.layout()
                layout.insertWidget(layout.indexOf(row) + 1, box)
        self.script.show_step(self.wizard.spec, step)
        # issue 13: the entries written now record the phase shown in the script
        self.transcript.set_phase(self.script.phase_id, self.wizard.spec.phase_label)
        self.script_button.setVisible(self.script.collapsed and self.script.has_script)

    def _script_collapsed(self) -> None:
        self.script_button.setVisible(self.script.has_script)

    def _show_script(self) -> None:
        self.script.expand()
        self.script_button.setVisible(False)

    def _tab_changed(self, _index: int) -> None:
        self.flush()

    def _back(self) -> None:
        if hasattr(self.host, "back"):
            self.host.back()

    def _sync_interpreter(self) -> None:
        """The interpreter of « Assistance d'un interprète » among the persons present."""
        rows = interpreter_presence(self.wizard.answers)
        if rows is not None:
            self.wizard.set_answer(PRESENT, rows)

    def _sync_times(self, entry) -> None:
        local = wall(parse_time(entry.wall_time))  # the service wall time, as documents
        if entry.kind == "debut":
            self.wizard.set_answer_if_empty("audition_debut", local.strftime("%Y-%m-%dT%H:%M"))
        elif entry.kind == "fin":
            self.wizard.set_answer_if_empty("audition_fin", local.strftime("%Y-%m-%dT%H:%M"))
        elif entry.kind == "pause":
            self.wizard.set_answer_if_empty("pause_faite", True)
            self.wizard.set_answer_if_empty("pause_debut", local.strftime("%H:%M"))
        elif entry.kind == "reprise":
            self.wizard.set_answer_if_empty("pause_fin", local.strftime("%H:%M"))
