"""The hearing form's recording SHA-256 is no longer typed by hand: « Choisir le fichier… »
hashes the file in the worker (the export's helper, with a progress bar) and fills it."""

from __future__ import annotations

import hashlib
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desktop.core.export import bundle
from desktop.ui.wizard.recording_hash import RecordingHashBox
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def test_choose_the_recording_fills_its_sha256(qtbot, vault, controller, tmp_path, monkeypatch):
    recording = tmp_path / "audition.mp4"
    recording.write_bytes(b"fictional video frames " * 400_000)  # ~9 Mo
    expected = hashlib.sha256(recording.read_bytes()).hexdigest()
    threads = []
    real = bundle.hash_recording

    def spy(path, scelle, report=None):  # where the hash is computed, then computes it
        threads.append(threading.current_thread())
        return real(path, scelle, report)

    monkeypatch.setattr(bundle, "hash_recording", spy)
    # the system file chooser answers with the recording (the officer picks it)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(recording), ""))
    _case, rid = make_hearing(vault, "2026/004471")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    wizard = page.wizard
    for _ in range(40):
        if wizard.flow.current == "enregistrement":
            break
        before = wizard.flow.current
        key(Qt.Key.Key_PageDown, CTRL, widget=main)
        qtbot.waitUntil(lambda b=before: wizard.flow.current != b, timeout=2000)
    assert wizard.flow.current == "enregistrement"
    wizard.set_answer("enregistrement", "audiovisuel")
    box = wizard.scroll.widget().findChild(RecordingHashBox, "recording_hash_box")
    assert box is not None and box.choose_button.text() == "Choisir le fichier…"
    layout = wizard.scroll.widget().layout()
    row = wizard.rows["enregistrement_sha256"]
    assert layout.indexOf(row) >= 0
    assert layout.indexOf(box) == layout.indexOf(row) + 1  # right under the field it fills
    qtbot.mouseClick(box.choose_button, Qt.MouseButton.LeftButton)
    field = wizard.rows["enregistrement_sha256"].editor
    qtbot.waitUntil(lambda: field.value() == expected, timeout=20000)
    assert "Empreinte calculée" in box.message.text()
    assert threads and all(t is not threading.main_thread() for t in threads)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    main.close()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.records.answers(rid)["enregistrement_sha256"] == expected
