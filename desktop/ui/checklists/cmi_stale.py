"""The doctor's signature on the CMI, « périmée » once a printed finding changed (issue 16).

    marker = CmiStaleMarker(page)   # page: UmjPage (view, ctx, record_id, clock)

After each answer of the record is saved (the saver's `saved`, so the check reads what is on
disk), the worker asks desktop.core.documents.medical.signing.doctor_signature_stale. A
stale signature is shown in red above the signature field (when its step is on screen);
the change that made it stale is also told in the main window's status bar. A confidential
answer never does: the CMI is built from the shareable findings only.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QLabel

from desktop.core.documents.medical.cmi import DOCTOR_SIGNATURE
from desktop.core.documents.medical.signing import STALE_DOCTOR_SIGNATURE, doctor_signature_stale


class CmiStaleMarker(QObject):
    """Keeps the red line above signature_medecin in step with the vault (a child of the
    page: its connections end with it)."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.stale = False
        self.asked = self.checks = 0  # checks asked / answered (a test waits for both equal)
        self.label: QLabel | None = None
        page.view.step_shown.connect(self._step_shown)
        page.view.loaded.connect(self.refresh)
        saver = getattr(page.ctx, "saver", None)
        if saver is not None:
            saver.saved.connect(self._saved)

    @Slot(object, str)
    def _saved(self, key, _time: str) -> None:
        ok = isinstance(key, tuple) and len(key) == 3 and key[0] == "medical"
        if ok and key[2] == self.page.record_id and str(key[1]).startswith("answer:"):
            self.refresh(str(key[1]).removeprefix("answer:"))

    def refresh(self, changed: str = "") -> None:
        """Ask the vault (worker) whether the doctor's signature still approves the CMI."""
        rid, clock = self.page.record_id, self.page.clock
        self.asked += 1
        self.page.ctx.tasks.op(
            lambda s: doctor_signature_stale(s, rid, clock=clock), parent=self.page
        ).success(lambda stale: self._set(stale, changed)).quiet().run()

    def _set(self, stale: bool, changed: str) -> None:
        became = stale and not self.stale
        self.checks += 1
        self.stale = stale
        self._show()
        if became and changed and changed != DOCTOR_SIGNATURE:
            status = getattr(self.page.window(), "statusBar", None)
            if callable(status):  # said where the change was made
                status().showMessage(STALE_DOCTOR_SIGNATURE + ".", 20000)

    def _step_shown(self, _step) -> None:
        self.label = None  # the previous step's page (and its label) is gone
        row = self.page.view.rows.get(DOCTOR_SIGNATURE)
        if row is None:
            return
        layout = row.parentWidget().layout() if row.parentWidget() else None
        if layout is None:
            return
        self.label = QLabel(STALE_DOCTOR_SIGNATURE + ".", row.parentWidget())
        self.label.setObjectName("cmi_stale_signature")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #a40000; font-weight: bold;")
        layout.insertWidget(layout.indexOf(row), self.label)
        self._show()

    def _show(self) -> None:
        if self.label is not None and shiboken6.isValid(self.label):
            self.label.setVisible(self.stale)

    @property
    def shown(self) -> bool:
        """True when the red line is on screen (its step shown and the signature stale)."""
        return self.label is not None and shiboken6.isValid(self.label) and self.label.isVisible()
