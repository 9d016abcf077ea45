"""Usability (médecin at the UMJ, without réquisition): the signalement to the procureur is
not sealed for « … près le tribunal judiciaire de » with no town.

Found walking the real window: the addressee field comes pre-filled with « procureur de la
République près le tribunal judiciaire de »; signing and clicking « Sceller » without typing
the town sealed a signalement addressed to no court (only an empty field was refused)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.checklists.test_umj_saisine_ui import draw
from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.usability.test_med_umj_keyboard import opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_signalement_needs_the_town_of_the_court(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    for field_id, value in {
        "saisine": "demande_spontanee",
        "medecin_nom": "Dr Alix MORAND",
        "examen_datetime": "2026-03-11T15:00",
        "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
        "faits_datetime": "2026-03-10T22:30",
        "faits_nature": "violences sexuelles",
        "declarations": "il m'a forcée à aller à l'hôtel",
        "etat_psychique": "Mineure anxieuse.",
    }.items():
        fill(page.view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    delivered = []
    page.deliver = lambda pdf, title, name: delivered.append(name)
    qtbot.mouseClick(page.signal_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    draw(dialog.pad)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # the town left out
    qtbot.waitUntil(lambda: dialog.errors.text("parquet") != "", timeout=15000)
    assert "ville" in dialog.errors.text("parquet")
    assert dialog.isVisible() and delivered == []

    qtbot.keyClicks(dialog.parquet, "Paris")  # the cursor waits at the end of the field
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(delivered), timeout=30000)
    assert delivered == ["signalement-procureur.pdf"]
