"""What the transcript panel drops at lock and reloads at unlock (issue 15: lock means
locked). Mixed into TranscriptPanel, which connects these to ctx.events.locked/unlocked."""

from __future__ import annotations

from desktop.core.hearing.history import History


class LockMixin:
    def _forget(self) -> None:
        """At lock: the saved statements leave the model and the history (the editors keep
        what is being typed, saved as a draft, so that unlocking returns to it)."""
        self.model.set_entries([])
        self.history = History()
        self._timeline_cache = None

    def _refill(self, _info=None) -> None:
        if not self.window().isVisible():  # another account unlocked: this window is gone
            return
        rid = self.record_id

        def job(s):
            entries = s.transcript.for_record(rid)
            return entries, History.from_entries(entries)

        self.ctx.tasks.op(job, parent=self).success(self._refilled).run()

    def _refilled(self, value) -> None:
        entries, self.history = value
        self.model.set_entries(entries)
        self._sized.clear()
        self._size_visible_rows()
        self.table.scrollToBottom()
