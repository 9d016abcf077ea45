"""What the hearing has said so far, kept up to date entry by entry (issue 20).

The question analysis needs, at each keystroke, the words the minor has already said (to flag
a word the interviewer introduces) and the questions already asked (to flag a repeat). Both
used to be recomputed from every earlier entry at each save: 55 ms at 1,500 entries on the UI
thread. `History` keeps them as multisets, so adding, correcting or voiding one entry costs
the size of that entry only, whatever the length of the hearing.

    h = History.from_entries(entries)      # once, when the hearing opens
    h.add(entry); h.replace(old, new)      # on each save: O(len(entry))
    analyse(text, h.said, asked=h.asked_before(editing=old_question))
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from desktop.core.hearing.transcript import MINOR, question_key, word_stems


def _minor_texts(entry: Any) -> list[str]:
    """The minor's own words in an entry: the answer of a Q/R, a note spoken by the minor."""
    if entry.kind == "qr":
        return [entry.answer or ""]
    if entry.kind == "note" and entry.speaker == MINOR:
        return [entry.note or ""]
    return []


class _Without:
    """`keys` minus one occurrence of `key`: the question being corrected is not a repeat of
    itself."""

    def __init__(self, counts: Counter, key: str | None):
        self._counts = counts
        self._key = key

    def __contains__(self, item: object) -> bool:
        n = self._counts.get(item, 0)
        return n - (1 if item == self._key else 0) > 0


def _decrement(counter: Counter, key: str) -> None:
    if counter.get(key, 0) <= 1:
        counter.pop(key, None)  # a key at zero would still read as "said"
    else:
        counter[key] -= 1


class History:
    """Stems said by the minor and keys of the questions asked, as multisets."""

    def __init__(self) -> None:
        self._stems: Counter[str] = Counter()
        self._asked: Counter[str] = Counter()

    @classmethod
    def from_entries(cls, entries: Iterable[Any]) -> History:
        """O(total text) once, when a hearing opens."""
        history = cls()
        for entry in entries:
            history.add(entry)
        return history

    def add(self, entry: Any) -> None:
        """Count a new entry (a `TranscriptEntry` or any object with kind, speaker, question,
        answer, note)."""
        for text in _minor_texts(entry):
            self._stems.update(word_stems(text))
        if entry.kind == "qr" and entry.question:
            self._asked[question_key(entry.question)] += 1

    def remove(self, entry: Any) -> None:
        """Forget an entry counted before (corrected or voided)."""
        for text in _minor_texts(entry):
            for stem in word_stems(text):
                _decrement(self._stems, stem)
        if entry.kind == "qr" and entry.question:
            _decrement(self._asked, question_key(entry.question))

    def replace(self, old: Any, new: Any) -> None:
        self.remove(old)
        self.add(new)

    @property
    def said(self):
        """The set of stems the minor has said (a live view: do not keep it across changes)."""
        return self._stems.keys()

    def asked_before(self, editing: str | None = None):
        """Keys of the questions asked so far, less one occurrence of `editing` (the text of
        the question being corrected), for `analyse(..., asked=…)`."""
        return _Without(self._asked, question_key(editing) if editing else None)
