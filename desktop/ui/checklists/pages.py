"""Pages of the checklists package for the main window (see desktop.ui.pages).

- médecin: « Checklist UMJ » (cases, then the exam record in the medical database);
- coordination UAPED: « Checklist UAPED » (case database) with the hearing schedule;
- enquêteur / administrateur: « Examens médicaux » in the case view — the transmitted CMI.
A page's clock is `ctx.clock` when set (tests, screenshots), else the system clock.
"""

from __future__ import annotations

from desktop.core.records import RecordKind, records_of, start_record
from desktop.ui.pages import PageSpec

POLICE = ("enqueteur", "administrateur")
STATUS = {"brouillon": "en cours", "termine": "terminée", "transmis": "CMI transmis"}


def pages(ctx) -> list[PageSpec]:
    return [
        PageSpec(
            "checklist.uaped",
            "Checklist UAPED",
            "Checklists",
            ("uaped",),
            _uaped_home,
            shortcut="Ctrl+2",
            order=20,
            tip="Accueil des mineurs à l'UAPED",
        ),
        PageSpec(
            "checklist.uaped.record",
            "Accueil en UAPED",
            "",
            ("uaped",),
            _uaped_record,
            scope="internal",
        ),
        PageSpec(
            "checklist.uaped.fiche",
            "Fiche de signalement",
            "",
            ("uaped",),
            _uaped_fiche,
            scope="internal",
        ),
        PageSpec(
            "checklist.umj",
            "Checklist UMJ",
            "Checklists",
            ("medecin",),
            _umj_home,
            shortcut="Ctrl+3",
            order=30,
            tip="Examens médico-légaux",
        ),
        PageSpec(
            "checklist.umj.record",
            "Examen médico-légal",
            "",
            ("medecin",),
            _umj_record,
            scope="internal",
        ),
        PageSpec(
            "checklist.cmi",
            "Examens médicaux (CMI)",
            "",
            POLICE,
            _cmi_case,
            scope="case",
            order=40,
            tip="Certificats médicaux transmis par le médecin",
        ),
    ]


def _line(record, prefix: str) -> str:
    return f"{prefix} n° {record.id} — {STATUS.get(record.status, record.status)}"


# -- UMJ -------------------------------------------------------------------------------------
def umj_records(s, case_id: int):
    return [(r.id, _line(r, "Examen")) for r in records_of(s, case_id, RecordKind.UMJ)]


def _umj_home(ctx, host, **params):
    from desktop.ui.checklists.home import ChecklistHome

    return ChecklistHome(
        ctx,
        host,
        "Examens médico-légaux (UMJ)",
        "Les examens sont conservés dans la base médicale, sous secret médical ; seul le "
        "certificat médical initial est transmis au dossier d'enquête, par un acte explicite.",
        "checklist.umj.record",
        umj_records,
        lambda s, c, p: start_record(s, RecordKind.UMJ, c, p, form=ctx.form),
    )


def _umj_record(ctx, host, record_id: int, **params):
    from desktop.ui.checklists.umj_page import UmjPage

    return UmjPage(ctx, host, record_id)


# -- UAPED -----------------------------------------------------------------------------------
def uaped_records(s, case_id: int):
    return [(r.id, _line(r, "Accueil")) for r in records_of(s, case_id, RecordKind.UAPED)]


def _uaped_home(ctx, host, **params):
    from desktop.ui.checklists.uaped_home import UapedHome

    home = UapedHome(
        ctx,
        host,
        "Accueil en UAPED",
        "Checklist de coordination (sans données médicales), calendrier des auditions et "
        "fiches de signalement.",
        "checklist.uaped.record",
        uaped_records,
        lambda s, c, p: start_record(s, RecordKind.UAPED, c, p, form=ctx.form),
        side=lambda case_id: _uaped_side(ctx, home, case_id),
        new_label="Nouvel accueil",
    )
    return home


def _uaped_side(ctx, home, case_id: int):
    """Beside the checklists: the hearings' schedule and the case's fiches de signalement."""
    from PySide6.QtWidgets import QWidget

    from desktop.ui.checklists.uaped_fiches import UapedFichesBox
    from desktop.ui.checklists.uaped_page import SchedulePanel
    from desktop.ui.widgets import vbox

    side = QWidget()
    side.schedule = SchedulePanel(ctx, case_id)
    side.fiches = UapedFichesBox(ctx, home, case_id)
    side.setLayout(vbox(side.schedule, side.fiches, margin=0))
    home.fiches = side.fiches
    return side


def _uaped_fiche(ctx, host, record_id: int, **params):
    from desktop.ui.cases.fiche_page import UAPED_SCREEN, FichePage

    return FichePage(ctx, host, record_id, screen=UAPED_SCREEN)


def _uaped_record(ctx, host, record_id: int, **params):
    from desktop.ui.checklists.uaped_page import UapedPage

    return UapedPage(ctx, host, record_id)


# -- officers --------------------------------------------------------------------------------
def _cmi_case(ctx, host, case_id: int, **params):
    from desktop.ui.checklists.cmi_page import CmiCasePage

    return CmiCasePage(ctx, host, case_id)
