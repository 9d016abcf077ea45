"""Printing from the case screen: the print dialog's answer is used and told in French, and the
pages are rendered in the worker (the UI stays free), straight to the printer."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desktop.ui.preview import printing
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing
from tests.ui.test_documents_box import open_case_by_keyboard
from tests.ui.test_e2e_documents import shown


def test_print_sent_and_cancelled_are_told_and_rendered_off_the_ui_thread(
    qtbot, vault, controller, tmp_path, monkeypatch
):
    threads = []
    real = printing.render_to_printer

    def spy(pdf, printer):  # records where the pages are rendered, then renders them
        threads.append(threading.current_thread())
        return real(pdf, printer)

    monkeypatch.setattr(printing, "render_to_printer", spy)
    make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = open_case_by_keyboard(qtbot, main, rows=2)  # the PV, its PV de renseignement
    view.documents.table.setFocus()

    key(Qt.Key.Key_P, CTRL, widget=main)
    dialog = shown(qtbot, "print_dialog")
    key(Qt.Key.Key_Escape, widget=dialog)
    qtbot.waitUntil(lambda: main.statusBar().currentMessage() == "Impression annulée", timeout=5000)

    key(Qt.Key.Key_P, CTRL, widget=main)
    dialog = shown(qtbot, "print_dialog")
    out = tmp_path / "projet.pdf"
    name = dialog.findChild(QLineEdit, "filename")
    name.clear()
    type_text(name, str(out))
    key(Qt.Key.Key_Return, widget=name)
    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage() == "Impression envoyée", timeout=20000
    )
    assert out.exists() and out.stat().st_size > 5000
    assert threads and all(t is not threading.main_thread() for t in threads)
