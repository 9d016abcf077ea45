"""A change of an answer the signed text is built from: confirmed first (issue 16).

Once someone holds a valid signature on the record's text (the person heard, the officer…),
the first change of an answer that text uses opens « Texte déjà signé »: who will have to
re-read and re-sign, and a reason. Cancelled, the field shows its previous value again and
nothing is written; confirmed, the answer and the reason are stored in one transaction
(desktop.core.records.signed_edits.save_answer_with_reason) and the signatures are stale,
so the next changes are not asked again until someone signs anew.

    guard = SignedGuard(view)          # view: StepFormView (rows, record_id, ctx, apply_change)
    guard.refresh()                    # after loading and after a signature is saved (worker)
    if guard.hold(field_id, value, previous): return   # the dialog decides
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from desktop.core.pv.binding import SIGNATURE_FIELDS
from desktop.core.pv.signed_text import SignedText, required_reason, signed_text
from desktop.ui.signing.after_signature import STALE_NOTICE, SignedEditDialog


class SignedGuard(QObject):
    """Holds a change of a signed text's answer until it is confirmed (a child of the view:
    its connections end with it)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.state = SignedText()
        self.pending: list | None = None  # [field id, new value, previous value]
        self.dialog: SignedEditDialog | None = None
        events = getattr(view.ctx, "events", None)
        if events is not None:  # a lock drops a pending change: the form is read again after
            events.about_to_lock.connect(self.drop)
        saver = getattr(view.ctx, "saver", None)
        if saver is not None:  # the transcript beside changed the text: still signed?
            saver.saved.connect(self._saved)
            saver.failed.connect(self._refused)  # the core saw a signature given elsewhere
        self.refused = False  # the pending change was refused by the core (no reason)

    def refresh(self) -> None:
        """Ask the vault (worker) who holds a valid signature and which answers it covers."""
        view = self.view
        if view.area != "case" or view.record is None:
            return
        if view.record.form_id not in SIGNATURE_FIELDS:
            return
        rid = view.record_id
        view.ctx.tasks.op(lambda s: signed_text(s, rid), parent=view).success(
            self._set
        ).quiet().run()

    @Slot(object, str)
    def _saved(self, key, _time: str) -> None:
        appended = isinstance(key, tuple) and key[:1] == ("_unique",)  # saver.save(None, …)
        if appended and self.state.signers and self.pending is None:
            self.refresh()

    def _set(self, state: SignedText) -> None:
        self.state = state

    @Slot(object, str)
    def _refused(self, key, _message: str) -> None:
        """An answer's write failed: when the core refused it for want of a reason (a
        signature given since this window last looked), ask the reason now."""
        view = self.view
        if not (isinstance(key, tuple) and len(key) == 3 and key[0] == "case"):
            return
        if key[2] != view.record_id or not str(key[1]).startswith("answer:"):
            return
        if self.pending is not None or view.flow is None:
            return
        field_id, rid = str(key[1])[len("answer:") :], view.record_id
        value = view.flow.answers.get(field_id)

        def look(s):
            stored = s.records.answers(rid).get(field_id)
            return signed_text(s, rid), required_reason(s, rid, field_id, value), stored

        view.ctx.tasks.op(look, parent=view).success(
            lambda found: self._ask_after_refusal(key, field_id, found)
        ).quiet().run()

    def _ask_after_refusal(self, key, field_id: str, found) -> None:
        state, signers, stored = found
        self.state = state
        if not signers or self.pending is not None or self.view.flow is None:
            return
        self.view.ctx.saver.discard(key)  # asked instead of retried
        self.refused = True
        self._ask(field_id, self.view.flow.answers.get(field_id), stored)

    def after_change(self, field_id: str) -> None:
        """A signature given or taken back: who holds a valid one has changed."""
        if field_id in SIGNATURE_FIELDS.values():
            self.refresh()

    def hold(self, field_id: str, value, previous) -> bool:
        """True when the change must not be applied now (the dialog is open or it changes
        nothing of a signed text); the view then does nothing more."""
        if self.pending is not None:  # the dialog is open: keep the newest value
            if self.pending[0] == field_id:
                self.pending[1] = value
            return True
        if not self.state.asks(field_id):
            return False
        if value == previous:
            return True
        self._ask(field_id, value, previous)
        return True

    def _ask(self, field_id: str, value, previous) -> None:
        self.pending = [field_id, value, previous]
        self.dialog = SignedEditDialog(self.state.signers, self.view)
        self.dialog.chosen.connect(self._accept)
        self.dialog.rejected.connect(self._cancel)
        self.dialog.open()

    def _accept(self, reason: str) -> None:
        field_id, value, _previous = self.pending
        self.pending, self.dialog, self.refused = None, None, False
        self.state = SignedText(signature_field=self.state.signature_field)  # now stale
        self.view.apply_change(field_id, value, reason)
        self.refresh()  # runs after the save: the one worker keeps the order
        status = getattr(self.view.window(), "statusBar", None)
        if callable(status):  # said where the change was made (the main window's bar)
            status().showMessage(STALE_NOTICE, 20000)

    @Slot()
    def drop(self) -> None:
        """Close an open confirmation as cancelled (the vault is locking)."""
        if self.dialog is not None:
            self.dialog.reject()

    def _cancel(self) -> None:
        if self.pending is None:
            return
        field_id, _value, previous = self.pending
        refused, self.pending, self.dialog, self.refused = self.refused, None, None, False
        row = self.view.rows.get(field_id)
        if row is not None:
            row.editor.blockSignals(True)
            try:
                row.editor.set_value(previous)
            finally:
                row.editor.blockSignals(False)
            row.editor.setFocus()
        if refused:  # the form held the refused value: back to the stored one (no reason)
            self.view.apply_change(field_id, previous)
