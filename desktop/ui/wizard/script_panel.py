"""The current step's script (NICHD prompts), shown beside the transcript.

At 1366×768 the officer reads the protocol's invitations as written while typing the
questions and answers (NICHD protocol: open invitations read verbatim). The panel sits in a
splitter left of the transcript; « Masquer le script » collapses it, and it hides itself on
steps without a script.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy

from desktop.ui.widgets import MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label


class ScriptPanel(QFrame):
    """Shows `step.prompts` under the step's phase; `show_step(spec, step)` updates it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("script_panel")
        self.phase = label("", MUTED_STYLE)
        self.phase.setObjectName("script_phase")
        self.title = label("", "font-weight: bold;")
        self.scripts = label("", "color: #1f3f6f; font-style: italic;")
        self.scripts.setObjectName("script_beside_transcript")
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        inner = QFrame()
        inner.setLayout(vbox(self.phase, self.title, self.scripts, None, spacing=6, margin=2))
        area.setWidget(inner)
        self.hide_button = button("Masquer le script", self.collapse, None, "Replier le script")
        self.setLayout(
            vbox(
                hbox(label("Script", "font-weight: bold;"), None, self.hide_button),
                area,
                spacing=4,
                margin=4,
            )
        )
        self.setMinimumWidth(220)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.has_script = False
        self.collapsed = False
        self.phase_id: str | None = None

    def show_step(self, spec, step) -> None:
        """Show the prompts of `step` (a forms Step); hidden when it has none."""
        self.phase_id = step.phase or None
        self.phase.setText(spec.phase_label(step.phase) if step.phase else "")
        self.title.setText(step.title)
        self.scripts.setText("\n\n".join(f"«\u00a0{p}\u00a0»" for p in step.prompts))
        self.has_script = bool(step.prompts)
        self.setVisible(self.has_script and not self.collapsed)

    def collapse(self) -> None:
        self.collapsed = True
        self.setVisible(False)

    def expand(self) -> None:
        self.collapsed = False
        self.setVisible(self.has_script)
