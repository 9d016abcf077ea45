"""« Choisir le fichier… » beside the recording's SHA-256 in the hearing form (M8).

The file is hashed in the worker by desktop.core.export.bundle.hash_recording, the helper the
export dialog uses, with a progress bar; the result fills « Empreinte SHA-256 du fichier
d'enregistrement » (saved like a typed answer). Nothing is copied or written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QProgressBar, QWidget

from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label

FIELD = "enregistrement_sha256"
STEP = "enregistrement"


def recording_hash_job(path: str, cancel: threading.Event, progress) -> Callable[[Any], Any]:
    """A worker job hashing the recording at `path` (desktop.core.export.bundle.hash_recording,
    streamed); `progress(fraction)` is called as it goes, and `cancel.set()` abandons it.
    Shared by the hearing form's picker and the export dialog."""

    def job(_):
        from desktop.core.export.bundle import hash_recording
        from desktop.core.export.errors import ExportCancelled

        def report(done: int, total: int) -> None:
            if cancel.is_set():
                raise ExportCancelled()
            progress(done / max(1, total))

        return hash_recording(Path(path), "à préciser", report)

    return job


class _Bridge(QObject):
    hashing = Signal(float)  # fraction done, from the worker (queued to the GUI)


class RecordingHashBox(QWidget):
    """The button, a progress bar and a French outcome; `wizard.set_answer` gets the hash."""

    def __init__(self, ctx, wizard, parent=None):
        super().__init__(parent)
        self.setObjectName("recording_hash_box")
        self.ctx, self.wizard = ctx, wizard
        self._cancel = threading.Event()
        self._bridge = _Bridge(self)
        self.choose_button = button(
            "Choisir le fichier…",
            self.choose,
            None,
            "Calculer l'empreinte SHA-256 du fichier de l'enregistrement",
        )
        self.choose_button.setObjectName("recording_hash_choose")
        self.bar = QProgressBar()
        self.bar.setObjectName("recording_hash_progress")
        self.bar.setRange(0, 100)
        self.bar.setVisible(False)
        self.message = label("", MUTED_STYLE)
        self.message.setObjectName("recording_hash_message")
        self._bridge.hashing.connect(lambda f: self.bar.setValue(int(round(f * 100))))
        self.setLayout(vbox(hbox(self.choose_button, self.bar, None), self.message))
        self.setEnabled(not wizard.read_only)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Fichier de l'enregistrement audiovisuel")
        if path:
            self.hash_file(path)

    def hash_file(self, path: str) -> None:
        """Hash `path` in the worker; the form's SHA-256 field is filled when it is done."""
        self._cancel.set()  # a previous file's hash is abandoned
        cancel = self._cancel = threading.Event()
        bridge = self._bridge

        job = recording_hash_job(path, cancel, bridge.hashing.emit)
        self.bar.setValue(0)
        self.bar.setVisible(True)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Calcul de l'empreinte SHA-256 de l'enregistrement…")
        self.ctx.tasks.call(job, parent=self).success(self._hashed).failure(self._failed).run()

    def _hashed(self, info) -> None:
        self.bar.setVisible(False)
        self.wizard.set_answer(FIELD, info.sha256)
        size = f"{info.size / 1_000_000:.1f}".replace(".", ",")
        self.message.setText(f"Empreinte calculée ({size} Mo) et reportée ci-dessus.")

    def _failed(self, exc: BaseException) -> None:
        self.bar.setVisible(False)
        if type(exc).__name__ == "ExportCancelled":
            return
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_message(exc))
