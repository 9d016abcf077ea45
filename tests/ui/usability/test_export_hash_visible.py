"""At 1366×768, the export dialog shows the recording's whole SHA-256: the officer reads it
aloud or copies it into the procedure (art. 706-52 CPP: the recording is placed under seal),
so a hash cut at the dialog's edge is of no use."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key


def test_recording_hash_is_shown_whole(qtbot, vault, controller, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/004321", "Brigade de protection des mineurs")
    recording = tmp_path / "audition-enregistrement-salle-melanie.mp4"
    recording.write_bytes(os.urandom(1 << 20))
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.resize(1366, 768)
    view = main.open_page("case", case_id=case.id)
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    view.setFocus()
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    export = dialog(qtbot, "Exporter vers la procédure")
    export.recording.setFocus()
    type_text(export.recording, str(recording))
    key(Qt.Key.Key_Tab, widget=export.recording)
    qtbot.waitUntil(lambda: "Mo)" in export.recording_hash.text(), timeout=20000)
    qtbot.wait(50)
    hash_label = export.recording_hash
    metrics = hash_label.fontMetrics()
    room = hash_label.contentsRect().width()
    widest = max(metrics.horizontalAdvance(line) for line in hash_label.text().splitlines())
    assert widest <= room, f"empreinte coupée : {widest} px de texte pour {room} px"
    lines = len(hash_label.text().splitlines())
    assert hash_label.height() >= lines * metrics.height(), "empreinte écrasée en hauteur"
    # once the export's message is shown below, the hash is still readable (not squeezed)
    type_text(export.out, str(tmp_path))
    type_text(export.scelle, "SC-2026-41")
    key(Qt.Key.Key_Return, CTRL, widget=export.out)
    qtbot.waitUntil(lambda: export.message.text() != "", timeout=20000)
    qtbot.wait(50)
    assert hash_label.height() >= lines * metrics.height(), "empreinte écrasée en hauteur"
    export.close()
