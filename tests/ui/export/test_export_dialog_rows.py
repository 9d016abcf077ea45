"""Issue 13 (screen review at 1366×768): the export dialog showed an empty row between
« Enregistrement » and « Scellé n° » (the place of the recording's hash, empty until a
file is chosen). The row now shows only while the hash is computed or once it is known."""

from __future__ import annotations

import os

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFormLayout

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key


def gap(dlg, upper, lower) -> int:
    """Pixels between the bottom of `upper` and the top of `lower`, in the dialog."""
    bottom = upper.mapTo(dlg, QPoint(0, upper.height())).y()
    return lower.mapTo(dlg, QPoint(0, 0)).y() - bottom


def test_no_empty_row_between_recording_and_scelle(qtbot, vault, controller, tmp_path):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    key(Qt.Key.Key_N, CTRL, widget=main)
    new = dialog(qtbot, "Nouveau dossier")
    type_text(new.number, "2026/009912")
    key(Qt.Key.Key_Tab, widget=new.number)
    type_text(new.service.lineEdit(), "Brigade de protection des mineurs")
    key(Qt.Key.Key_Return, widget=new.service.lineEdit())
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)

    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    form = export.findChild(QFormLayout)
    spacing = max(form.verticalSpacing(), 0)
    # the « Scellé n° » field follows the « Enregistrement » one, no empty row between
    assert gap(export, export.recording, export.scelle) <= spacing + 4

    # a recording chosen: its hash shows in that row, between the two
    recording = tmp_path / "audition.mp4"
    recording.write_bytes(os.urandom(1 << 20))
    export.recording.setFocus()
    type_text(export.recording, str(recording))
    key(Qt.Key.Key_Tab, widget=export.recording)
    qtbot.waitUntil(lambda: "SHA-256" in export.recording_hash.text(), timeout=20000)
    qtbot.waitUntil(export.recording_hash.isVisible, timeout=5000)
    assert gap(export, export.recording, export.recording_hash) >= 0
    assert gap(export, export.recording_hash, export.scelle) >= 0
    export.close()
