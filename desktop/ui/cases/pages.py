"""Pages this package adds to the main window (see desktop.ui.pages)."""

from __future__ import annotations

from desktop.ui.pages import PageSpec

POLICE = ("enqueteur", "administrateur")


def pages(ctx) -> list[PageSpec]:
    return [
        PageSpec(
            "cases",
            "Liste des dossiers",
            "Dossiers",
            POLICE,
            _case_list,
            shortcut="Ctrl+1",
            order=10,
            tip="Tous les dossiers",
        ),
        PageSpec("case", "Dossier", "", POLICE, _case_view, scope="internal"),
        PageSpec("hearing", "Audition", "", POLICE, _hearing, scope="internal"),
        PageSpec("fiche", "Fiche de signalement", "", POLICE, _fiche, scope="internal"),
    ]


def _case_list(ctx, host, **params):
    from desktop.ui.cases.case_list import CaseListPage

    return CaseListPage(ctx, host)


def _case_view(ctx, host, case_id: int, **params):
    from desktop.ui.cases.case_view import CaseView

    return CaseView(ctx, host, case_id)


def _hearing(ctx, host, record_id: int, **params):
    from desktop.ui.wizard.hearing_page import HearingPage

    return HearingPage(ctx, host, record_id)


def _fiche(ctx, host, record_id: int, **params):
    from desktop.ui.cases.fiche_page import FichePage

    return FichePage(ctx, host, record_id)
