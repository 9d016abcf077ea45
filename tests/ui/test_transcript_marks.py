"""Issue 13 on the real main window: each entry records the NICHD phase shown in the script,
the warnings shown while typing are kept with the entry (codes) and shown in the history,
and « Fin / Reprise de l'enregistrement » are marks reached with one key shown in a menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.core.hearing.marks import RECORDING_RESUME, RECORDING_STOP
from desktop.core.hearing.transcript import RECORDING_START
from desktop.ui.models.transcript import PHASE, TYPE
from desktop.ui.widgets import key_text
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key, make_hearing, open_hearing

TIP = Qt.ItemDataRole.ToolTipRole
PRE = "Protocole NICHD : phase pré-déclarative"


def go_to_step(qtbot, page, step_id: str) -> None:
    """Ctrl+G, then Ctrl+Page suivante until the guided form shows `step_id`."""
    key(Qt.Key.Key_G, CTRL)
    for _ in range(40):
        if page.wizard.flow.current == step_id:
            break
        key(Qt.Key.Key_PageDown, CTRL)
    assert page.wizard.flow.current == step_id
    key(Qt.Key.Key_T, CTRL)  # back to the transcript, the script of the step beside it


def commit(qtbot, panel, question: str, answer: str) -> None:
    n = len(panel.model.entries)
    type_text(panel.question, question)
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, answer)
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == n + 1, timeout=5000)


def test_entries_record_the_phase_and_the_warnings_shown(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # written before this version
        s.transcript.append(rid, "note", note="Entrée d'avant la mise à jour.")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    go_to_step(qtbot, page, "nichd_rapport")
    assert page.script.phase.text().replace("\u00a0", " ") == PRE
    key(Qt.Key.Key_D, CTRL | SHIFT)  # début de l'audition
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)
    commit(qtbot, panel, "Parle-moi des choses que tu aimes faire.", "Le dessin.")
    commit(qtbot, panel, "Et quoi d'autre ?", "La danse.")
    go_to_step(qtbot, page, "nichd_recit_libre")
    question = "Je te promets que tu rentreras, il t'a emmenée à l'hôtel, n'est-ce pas ?"
    type_text(panel.question, question)
    qtbot.waitUntil(lambda: panel.alerts.isVisible(), timeout=5000)
    shown = panel.alerts.text()
    assert "Promesse" in shown and "Question à queue" in shown and "hôtel" in shown
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "Oui.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 5, timeout=5000)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        old, *entries = s.transcript.for_record(rid)
    assert old.phase is None
    assert [e.phase for e in entries] == ["nichd_pre_declaratif"] * 3 + ["nichd_declaratif"]
    codes = set(entries[-1].warnings.split(","))
    assert {"promise", "tag", "introduces"} <= codes  # codes only: never the message
    assert all(c.isascii() and c.replace("_", "").isalpha() for c in codes)
    assert entries[1].warnings == "" and entries[0].warnings is None  # an event: no editor
    assert entries[0].kind == "debut"

    # the history: the phase where it changes, the warnings behind an icon, in French
    m = panel.model
    column = [m.data(m.index(r, PHASE)) for r in range(5)]
    assert column == ["", "Phase pré-déclarative", "", "", "Phase déclarative"]
    assert m.data(m.index(0, PHASE), TIP) == "Phase NICHD : non renseignée"
    assert m.data(m.index(2, PHASE), TIP) == "Phase NICHD : " + PRE
    assert m.data(m.index(4, TYPE)).startswith("⚠ ")
    tip = m.data(m.index(4, TYPE), TIP)
    assert "Alertes affichées à la saisie" in tip
    assert (
        "promesse" in tip and "question à queue" in tip and "mot que le mineur n'a pas dit" in tip
    )
    assert not m.data(m.index(2, TYPE)).startswith("⚠")


def test_recording_stop_and_resumption_by_one_key_shown_in_the_menu(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    key(Qt.Key.Key_T, CTRL)
    # the hearing's menu shows the key; the F1 table lists it
    menu = next(a.menu() for a in main.menuBar().actions() if a.text() == "Audi&tion")
    action = next(a for a in menu.actions() if a.shortcut() == QKeySequence("Ctrl+Shift+R"))
    assert action.text() == "Début de l'enregistrement"
    assert ("Ctrl+Maj+R", "Début, fin ou reprise de l'enregistrement audiovisuel") in (
        main.shortcut_rows()
    )
    key(Qt.Key.Key_D, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=5000)
    key(Qt.Key.Key_R, CTRL | SHIFT)  # the start, noted once
    qtbot.waitUntil(lambda: bool(panel.meta.get(RECORDING_START)), timeout=5000)
    assert panel.record_button.text() == action.text() == "Fin de l'enregistrement…"
    key(Qt.Key.Key_R, CTRL | SHIFT)
    box = dialog(qtbot, "Fin de l'enregistrement")
    type_text(box.reason.lineEdit(), "Incident technique de l'enregistrement")
    key(Qt.Key.Key_Return, widget=box.reason)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 2, timeout=5000)
    assert action.text() == "Reprise de l'enregistrement"
    key(Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 3, timeout=5000)
    assert action.text() == "Fin de l'enregistrement…"
    m = panel.model
    assert m.data(m.index(1, 5)) == (
        "Fin de l'enregistrement audiovisuel — motif : Incident technique de l'enregistrement"
    )
    assert m.data(m.index(2, 5)) == "Reprise de l'enregistrement audiovisuel"
    assert m.data(m.index(1, 1)) and m.data(m.index(2, 1))  # the time of each mark
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        kinds = [(e.kind, e.note) for e in s.transcript.for_record(rid)]
    assert kinds == [
        ("debut", ""),
        (RECORDING_STOP, "Incident technique de l'enregistrement"),
        (RECORDING_RESUME, ""),
    ]
    assert key_text("Ctrl+Shift+R") == "Ctrl+Maj+R"
