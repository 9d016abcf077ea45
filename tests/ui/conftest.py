"""UI fixtures: the real application controller on a real vault, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.ui.app import AppController
from desktop.ui.context import AppContext


@pytest.fixture
def ctx(qapp, vault_home):
    context = AppContext.create(qapp, vault_home)
    yield context
    context.saver.flush()
    context.tasks.shutdown()


@pytest.fixture
def controller(ctx):
    c = AppController(ctx)
    yield c
    ctx.app.removeEventFilter(c.idle)
    c.idle.stop()
    c._discard_windows()
    if c.unlock_window is not None:
        c.unlock_window.close()
        c.unlock_window.deleteLater()


def type_text(widget, text: str) -> None:
    """Type any text, accents included (qtbot.keyClicks aborts on non-ASCII)."""
    for ch in text:
        if ch == "\n":
            QTest.keyClick(widget, Qt.Key.Key_Return)
        elif ch.isascii() and ch.isprintable():
            QTest.keyClicks(widget, ch)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                ch,
                Qt.KeyboardModifier.NoModifier,
            )


def unlock(qtbot, controller, login: str, password: str):
    window = controller.start()
    qtbot.waitExposed(window)
    form = window.form
    form.login.setFocus()
    type_text(form.login, login)
    type_text(form.password, password)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=15000
    )
    return controller.main
