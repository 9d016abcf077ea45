"""Stand-in checklist pages until desktop.ui.checklists provides its own (see pages.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.ui.pages import PageSpec
from desktop.ui.widgets import MUTED_STYLE, title, vbox
from desktop.ui.widgets import fr_label as label


def pages(ctx) -> list[PageSpec]:
    return [
        PageSpec(
            "checklist.uaped",
            "Checklist UAPED",
            "Checklists",
            ("uaped",),
            _factory("Checklist UAPED", "l'accueil de l'enfant à l'UAPED"),
            shortcut="Ctrl+2",
            order=20,
        ),
        PageSpec(
            "checklist.umj",
            "Checklist UMJ",
            "Checklists",
            ("medecin",),
            _factory("Checklist UMJ", "l'examen médico-légal (UMJ)"),
            shortcut="Ctrl+3",
            order=30,
        ),
    ]


def _factory(heading: str, what: str):
    def make(ctx, host, **params) -> QWidget:
        page = QWidget()
        page.setObjectName("placeholder_page")
        text = label(
            f"L'écran de {what} sera disponible dans une prochaine version. "
            "Votre compte y aura accès depuis ce menu.",
            MUTED_STYLE,
        )
        page.setLayout(vbox(title(heading), text, None, margin=24))
        page.page_title = lambda: heading
        page.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return page

    return make
