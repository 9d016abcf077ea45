"""The UAPED home: the checklist home plus a « Fiches » menu over the case's fiches.

The « Fiches de signalement » box beside the checklists is rebuilt at each case chosen
(desktop.ui.checklists.uaped_fiches). Its actions live here, once, in the page's menu with
their keys (issue 13: every action reachable by keyboard, its key shown in a menu and in F1),
and each acts on the box of the case selected now.
"""

from __future__ import annotations

import shiboken6

from desktop.ui.cases.documents import SHORTCUTS
from desktop.ui.checklists.home import ChecklistHome
from desktop.ui.widgets import make_action

# (box method, menu text, key, tooltip): the fiches box's actions, in menu order
FICHE_ACTIONS = (
    ("new_fiche", "&Nouvelle fiche de signalement…", "fiche", "Nouvelle fiche de signalement"),
    ("open_selected", "&Ouvrir la fiche", "open", "Ouvrir la fiche sélectionnée"),
    ("preview", "&Aperçu de la fiche", "preview", "Aperçu de la fiche sélectionnée"),
    ("seal", "&Sceller la fiche…", "seal", "Sceller la fiche sélectionnée"),
    ("print", "&Imprimer la fiche…", "print", "Imprimer la fiche sélectionnée"),
)


class UapedHome(ChecklistHome):
    """ChecklistHome whose side shows `self.fiches` (a UapedFichesBox, or None)."""

    fiches = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fiche_actions = [
            make_action(self, text, lambda m=method: self._on_fiches(m), SHORTCUTS[key], tip)
            for method, text, key, tip in FICHE_ACTIONS
        ]

    def menu_actions(self) -> tuple[str, list]:
        """The « Fiches » menu (Alt+H: F and C are « Fichier » and « Checklists »)."""
        return "Fic&hes", self.fiche_actions

    def _on_fiches(self, method: str) -> None:
        box = self.fiches
        if self.case_id is None:
            self.ctx.show_error(
                "Choisissez d'abord un dossier dans la liste « Dossiers », puis recommencez.",
                self,
            )
            return
        if box is None or not shiboken6.isValid(box) or box.case_id != self.case_id:
            self.ctx.show_error(
                "Les fiches de ce dossier se chargent encore : recommencez dans un instant.", self
            )
            return
        if method == "new_fiche":
            self.new_fiche()
            return
        getattr(box, method)()

    def new_fiche(self) -> None:
        """Create the fiche for the minor chosen in « Mineur », pre-filled, and open it.

        Run for the home, which outlives the fiches box: the box is rebuilt at each reload
        of the case, and a result sent to a deleted box would be lost (the fiche created,
        never opened)."""
        from desktop.core.documents.fiche_uaped import new_uaped_fiche
        from desktop.ui.checklists.uaped_fiches import FICHE_PAGE

        case_id, person_id = self.case_id, self.victim.currentData()
        self.ctx.tasks.op(lambda s: new_uaped_fiche(s, case_id, person_id), parent=self).success(
            lambda record_id: self.host.open_page(FICHE_PAGE, record_id=record_id)
        ).run()
