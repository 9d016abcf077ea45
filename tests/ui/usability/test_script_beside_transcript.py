"""At 1366×768, during the NICHD phase, the officer reads the protocol's script while typing
the questions and answers (NICHD protocol: open invitations, read as written). Today the
script was on the « Trame guidée » tab and the transcript on « Questions / réponses »: never
visible together. Now a collapsible script panel sits beside the transcript."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def test_nichd_script_visible_while_typing_the_transcript(qtbot, vault, controller):
    _case_id, record_id = make_hearing(vault, "2026/004466")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.resize(1366, 768)
    page = open_hearing(qtbot, main, record_id)
    wizard = page.wizard
    for _ in range(40):
        if wizard.flow.current == "nichd_recit_libre":
            break
        before = wizard.flow.current
        key(Qt.Key.Key_PageDown, CTRL, widget=main)
        qtbot.waitUntil(lambda b=before: wizard.flow.current != b, timeout=2000)
    assert wizard.flow.current == "nichd_recit_libre"
    scripts = wizard.findChild(type(wizard.step_scripts), "step_scripts")
    qtbot.waitUntil(lambda: "Raconte-moi" in scripts.text(), timeout=5000)
    key(Qt.Key.Key_T, CTRL, widget=main)  # to the transcript, to type the first question
    qtbot.waitUntil(lambda: page.transcript.question.isVisible(), timeout=5000)
    assert page.transcript.question.hasFocus() or page.transcript.question.isVisible()
    visible_script = [
        w for w in page.findChildren(type(scripts)) if w.isVisible() and "Raconte-moi" in w.text()
    ]
    assert visible_script, "le script NICHD n'est pas visible pendant la saisie Q/R"


def test_script_panel_collapses_and_comes_back(qtbot, vault, controller):
    _case_id, record_id = make_hearing(vault, "2026/004467")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.resize(1366, 768)
    page = open_hearing(qtbot, main, record_id)
    wizard = page.wizard
    for _ in range(40):
        if wizard.flow.current == "nichd_recit_libre":
            break
        before = wizard.flow.current
        key(Qt.Key.Key_PageDown, CTRL, widget=main)
        qtbot.waitUntil(lambda b=before: wizard.flow.current != b, timeout=2000)
    key(Qt.Key.Key_T, CTRL, widget=main)
    qtbot.waitUntil(lambda: page.script.isVisible(), timeout=5000)
    assert "Raconte-moi" in page.script.scripts.text()
    assert page.script.scripts.width() > 150  # readable, not squeezed at 1366×768
    qtbot.mouseClick(page.script.hide_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.script.isVisible(), timeout=2000)
    assert page.script_button.isVisible()
    qtbot.mouseClick(page.script_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.script.isVisible(), timeout=2000)
    assert not page.script_button.isVisible()
