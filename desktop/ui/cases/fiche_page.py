"""« Fiche de signalement »: the same step-form view as the hearing and the checklists.

A thin page over desktop.ui.forms.view.StepFormView, the one step-form view. Preview, seal, print and export are the case
screen's « Documents » actions, as for the PV.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.ui.forms.view import StepFormView
from desktop.ui.widgets import button, hbox, vbox
from desktop.ui.widgets import fr_label as label

CASE_SCREEN = ("depuis le dossier", "← Dossier", "Revenir au dossier (Alt+Gauche)")
UAPED_SCREEN = ("depuis l'écran UAPED", "← UAPED", "Revenir à l'écran UAPED (Alt+Gauche)")


class FichePage(QWidget):
    def __init__(self, ctx, host, record_id: int, parent=None, screen=CASE_SCREEN):
        """`screen`: (where it is sealed, back button, its tip): the case screen's, or
        UAPED_SCREEN for the coordination's fiche."""
        super().__init__(parent)
        sealed_from, back_text, back_tip = screen
        self.ctx = ctx
        self.host = host
        self.record_id = record_id
        self.setObjectName("fiche_page")
        self.wizard = StepFormView(
            ctx,
            record_id,
            help_toggle=True,
            finish=(
                "Fiche incomplète",
                "Fiche complète",
                "La fiche de signalement est complète et enregistrée : scellez-la "
                f"{sealed_from} (Ctrl+Maj+S).",
            ),
        )
        self.back_button = button(back_text, self._back, None, back_tip)
        self.heading = label("Fiche de signalement", wrap=False)
        self.heading.setObjectName("fiche_heading")
        layout = vbox(
            hbox(self.back_button, 12, self.heading, None), self.wizard, margin=12, spacing=6
        )
        layout.setStretchFactor(self.wizard, 1)  # the form takes the height, not the heading
        self.setLayout(layout)
        self.wizard.loaded.connect(self._loaded)

    def _loaded(self) -> None:
        y, m, d = self.wizard.record.created_at[:10].split("-")
        self.heading.setText(f"Fiche de signalement du {d}/{m}/{y}")
        if hasattr(self.host, "refresh_title"):
            self.host.refresh_title()

    def page_title(self) -> str:
        return "Fiche de signalement"

    def initial_focus(self):
        return self.wizard.steps

    def flush(self) -> None:
        self.wizard.flush()

    def _back(self) -> None:
        if hasattr(self.host, "back"):
            self.host.back()
