"""Usability (médecin at the UMJ): the list of what blocks the CMI says where each item is.

Found walking the real window: « Transmettre le CMI » with a fresh checklist lists fourteen
items in one column (« Lieu de l'examen », « Examen génital et anal », « Certificat remis à »…)
with no step: the doctor, back on the checklist, looks through ten steps for them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.checklists.test_umj_transmit_missing import REQUISITION
from tests.ui.usability.test_med_umj_keyboard import opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_each_missing_item_under_its_step(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    for field_id, value in REQUISITION.items():
        fill(view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    page.confirm = lambda text: False
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.missing_box is not None and page.missing_box.isVisible(), timeout=15000
    )
    lines = page.missing_box.text().splitlines()
    titles = {step.title for step in view.spec.steps}

    def step_above(index: int) -> str | None:
        for line in reversed(lines[:index]):
            if line.endswith(" :") and line[:-2] in titles:
                return line[:-2]
        return None

    items = {line: i for i, line in enumerate(lines) if line.startswith("– ")}
    assert len(items) >= 5
    for line, index in items.items():
        assert step_above(index) is not None, (line, lines)
    medecin = next(i for line, i in items.items() if "Médecin : prénom et nom" in line)
    assert step_above(medecin) == "Saisine et identification"
    signature = next(i for line, i in items.items() if "Signature du médecin" in line)
    assert step_above(signature) == "Conclusion et certificat"
    page.missing_box.done(0)
