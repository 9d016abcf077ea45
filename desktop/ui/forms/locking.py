"""What the step-form view drops at lock and reloads at unlock (issue 15: lock means locked).

Mixed into StepFormView, which connects `_remember` to ctx.events.about_to_lock (the
windows are still shown), `_forget` to ctx.events.locked and `_refill` to
ctx.events.unlocked. At lock every answer was already saved (the controller flushes the
saver before the Session closes); the view then drops its flow (the answers), the case's
persons and the current step's widgets: their texts are emptied at once (undo history
included) and the page is destroyed. Only the position is kept — step id (already saved
in the vault), field id and cursor index, no text — so that unlocking by the same account
reloads the record from the vault and returns to the same step, field and cursor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def wipe_texts(page: QWidget) -> None:
    """Empty every text a page's widgets hold (typed values, names in combo boxes, messages
    quoting what was typed), signals blocked so that nothing reacts or saves. `setText` and
    `setPlainText` also drop the undo history, where `clear()` would keep the old text."""
    for w in [page, *page.findChildren(QWidget)]:
        blocked = w.blockSignals(True)
        try:
            if isinstance(w, QLineEdit):
                w.setText("")
            elif isinstance(w, QTextEdit | QPlainTextEdit):
                w.setPlainText("")
            elif isinstance(w, QComboBox):
                w.clear()
            elif isinstance(w, QLabel | QAbstractButton):
                w.setText("")
            w.setToolTip("")
        finally:
            w.blockSignals(blocked)


def cursor_of(widget: QWidget) -> int | None:
    if isinstance(widget, QLineEdit):
        return widget.cursorPosition()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.textCursor().position()
    return None


def set_cursor(widget: QWidget, position: int | None) -> None:
    if position is None:
        return
    if isinstance(widget, QLineEdit):
        widget.setCursorPosition(min(position, len(widget.text())))
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(min(position, len(widget.toPlainText())))
        widget.setTextCursor(cursor)


class FormLockMixin:
    _resume: tuple[str, int | None] | None = None  # (field id, cursor index) at lock
    locked_out = False  # between lock and the next unlock by the same account

    def _remember(self) -> None:
        """Before lock: the field (and cursor) that has the keyboard focus, if in this view."""
        if self.flow is None:  # locked already, or not loaded yet: keep what was remembered
            return
        self._resume = None
        focus = QApplication.focusWidget()
        page = self.scroll.widget()
        if focus is None or page is None or not page.isAncestorOf(focus):
            return
        for fid, row in self.rows.items():
            if row.editor is focus or row.editor.isAncestorOf(focus):
                self._resume = fid, cursor_of(focus)
                return

    def _forget(self) -> None:
        """At lock: no answer, name or typed text stays in this view (see module doc)."""
        self.locked_out = True
        self._states_timer.stop()
        self.flow = None  # first: a change signal from here on is ignored (see _changed)
        self.rows = {}
        self.stale_banner = None
        self.env = type(self.env)()
        signed = getattr(self, "signed", None)  # issue 16: who signed (names), read again
        if signed is not None:
            signed.state = type(signed.state)()
        self._set_enabled(False)
        page = self.scroll.takeWidget()
        if page is not None:
            wipe_texts(page)
            page.hide()
            page.deleteLater()  # not at once: the lock may come from a key typed in it

    def _refill(self, _info=None) -> None:
        """At unlock: the same account is back (another one gets a new window)."""
        if self.window().isVisible():
            self.locked_out = False
            self.reload()

    def _resume_focus(self) -> None:
        """After a reload that follows an unlock: the cursor where it was."""
        resume, self._resume = self._resume, None
        row = self.rows.get(resume[0]) if resume else None
        if row is None or not self.isVisible():
            return
        focus = row.editor.focusProxy() or row.editor
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        set_cursor(focus, resume[1])
