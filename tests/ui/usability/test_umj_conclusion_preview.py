"""The UMJ conclusion shown « telle qu'elle figurera au certificat » follows what the doctor
chose on the same step: no « sous réserve de complications » once the box is unticked, and the
ITT's starting point chosen (HAS 2011 : l'ITT court à compter des faits, ou de l'examen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.checklists.test_umj_transmission import open_umj, prepared  # noqa: F401
from tests.ui.conftest import type_text
from tests.ui.helpers import key


def test_conclusion_follows_the_reserve_box_and_the_starting_point(
    qtbot,
    vault,
    controller,
    prepared,  # noqa: F811
):
    case, _person = prepared
    _main, page = open_umj(qtbot, controller, case.id)
    view = page.view
    exam = view.rows["examen_datetime"].editor  # first step: the exam, an hour ago
    exam.setFocus()
    type_text(exam, "11/03/2026 15h00")
    key(Qt.Key.Key_Tab, widget=exam)
    qtbot.waitUntil(lambda: bool(view.answers.get("examen_datetime")), timeout=5000)
    for _ in range(12):  # to « Conclusion et certificat », step by step
        if view.flow.current == view.spec.step_of("itt_jours").id:
            break
        view.next_button.click()
    itt = view.rows["itt_jours"].editor
    itt.setFocus()
    type_text(itt, "3")
    key(Qt.Key.Key_Tab, widget=itt)
    qtbot.waitUntil(lambda: "trois (3) jours" in page.itt_label.text(), timeout=5000)

    reserve = view.rows["itt_reserve_complications"].editor
    reserve.setFocus()
    key(Qt.Key.Key_Space, widget=reserve)  # ticked
    key(Qt.Key.Key_Space, widget=reserve)  # then unticked: no reserve
    qtbot.waitUntil(lambda: view.answers.get("itt_reserve_complications") is False, timeout=5000)
    qtbot.waitUntil(lambda: "sous réserve" not in page.itt_label.text(), timeout=5000)

    start = view.rows["itt_point_depart"].editor
    start.setFocus()
    key(Qt.Key.Key_Down, widget=start)
    key(Qt.Key.Key_Down, widget=start)  # « Date de l'examen »
    qtbot.waitUntil(lambda: view.answers.get("itt_point_depart") == "examen", timeout=5000)
    qtbot.waitUntil(
        lambda: "à compter de l'examen du onze mars" in page.itt_label.text(), timeout=5000
    )
