"""What Trame puts on the clipboard does not outlive the session (issue 15).

A copy made from Trame (the clipboard changes while one of Trame's windows is active, or Qt
says the application owns it) is cleared CLEAR_SECONDS later, and at once when the session
locks, unless something else replaced it meanwhile. A text copied from another application
is never touched.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

CLEAR_SECONDS = 30


def _digest(text: str) -> bytes:
    # Only a digest of the copied text is kept, never the text itself.
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    def __init__(self, app: QApplication, parent: QObject | None = None):
        super().__init__(parent)
        self.clipboard = app.clipboard()
        self._ours: bytes | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CLEAR_SECONDS * 1000)
        self.timer.timeout.connect(self.clear)
        self.clipboard.dataChanged.connect(self._changed)

    def _changed(self) -> None:
        text = self.clipboard.text()
        if not text:
            return
        if QApplication.activeWindow() is not None or self.clipboard.ownsClipboard():
            self._ours = _digest(text)
            self.timer.start()
        else:
            self._ours = None  # another application's copy: not ours to clear

    def clear(self) -> None:
        """Empty the clipboard when it still holds Trame's last copy (lock, or 30 s after)."""
        self.timer.stop()
        if self._ours is not None and _digest(self.clipboard.text()) == self._ours:
            self.clipboard.clear()
        self._ours = None
