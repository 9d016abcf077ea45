"""Locking against a real vault: idle lock with a warning, Ctrl+L, discreet screen, re-unlock."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.ui.tasks import SessionLocked
from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def visible_windows():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def relock_with(qtbot, controller, password):
    form = controller.unlock_window.form
    type_text(form.password, password)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not controller.locked and controller.main.isVisible(), timeout=10000)


def test_idle_lock_warns_then_hides_everything(qtbot, vault, controller):
    _case, rid = make_hearing(vault)
    controller.ctx.settings.idle_lock_seconds = 3
    controller.ctx.settings.idle_warning_seconds = 2
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    page.show_transcript()
    type_text(page.transcript.question, "Raconte-moi tout ce qui s'est passé.")
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=2000)
    page.transcript.answer.setFocus()
    # typing keeps the session open, warning or not
    for _ in range(8):
        qtbot.wait(500)
        type_text(page.transcript.answer, "é")
    assert not controller.locked
    qtbot.waitUntil(lambda: main.banner.isVisible(), timeout=4000)
    assert "Verrouillage automatique dans" in main.banner.text()
    assert QApplication.focusWidget() is page.transcript.answer  # the warning takes no focus
    qtbot.waitUntil(lambda: controller.locked, timeout=5000)
    assert not main.isVisible()
    assert visible_windows() == [controller.unlock_window]
    assert controller.unlock_window.form.heading.text() == "Trame est verrouillé"
    assert controller.unlock_window.form.login.text() == "enqueteur"
    # the Session is closed in the worker: no job can read the vault any more
    errors = []
    controller.ctx.tasks.op(lambda s: s.cases.list()).failure(errors.append).run()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], SessionLocked)
    # what was typed was saved before locking, and comes back after unlocking
    relock_with(qtbot, controller, OFFICER_PASSWORD)
    assert controller.main is main and main.current_page() is page
    assert page.transcript.answer.text() == "éééééééé"
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        draft = s.records.answers(rid)["_brouillon.transcription"]
    assert draft["question"] == "Raconte-moi tout ce qui s'est passé."
    assert draft["answer"] == "éééééééé"


def test_ctrl_l_and_discreet_screen(qtbot, vault, controller):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    page.search.setFocus()
    # F12: everything blanked at once, nothing locked; Échap comes back
    key(Qt.Key.Key_F12)
    assert controller.discreet.active and not controller.locked
    curtain = main.findChild(QApplication.focusWidget().__class__, "discreet_curtain")
    assert curtain is not None and curtain.isVisible()
    assert curtain.geometry() == main.rect()
    assert main.windowTitle() == "Trame"
    type_text(QApplication.focusWidget(), "abc")  # keys go to the curtain, not the fields
    assert page.search.text() == ""
    key(Qt.Key.Key_Escape)
    assert not controller.discreet.active
    assert main.windowTitle() == "Trame — Dossiers"
    # Ctrl+L: locked at once
    started = time.perf_counter()
    key(Qt.Key.Key_L, CTRL)
    assert controller.locked and not main.isVisible()
    assert time.perf_counter() - started < 0.5
    # another account unlocks: a fresh window for its role, not the previous user's screens
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "uaped")
    relock_with(qtbot, controller, UAPED_PASSWORD)
    assert controller.main is not main
    assert [a.text() for a in controller.main.menuBar().actions()] == [
        "&Fichier",
        "&Checklists",
        "&Administration",  # seal certificates, export verification
        "Fic&hes",  # the UAPED's fiches de signalement
        "A&ide",
    ]
