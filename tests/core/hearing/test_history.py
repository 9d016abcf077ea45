"""History kept entry by entry gives the same analysis as recomputing from every entry, and
one save costs the size of that entry only (issue 20). Counted, not timed."""

from __future__ import annotations

import random
from dataclasses import dataclass

from desktop.core.hearing import transcript as tx
from desktop.core.hearing.history import History
from desktop.core.hearing.transcript import MINOR, analyse, minor_words


@dataclass(frozen=True)
class E:
    id: int
    kind: str = "qr"
    speaker: str = "enqueteur"
    question: str = ""
    answer: str = ""
    note: str = ""


WORDS = "hôtel voiture Léa garçon passe appartement téléphone argent soir copine gare".split()


def _entries(n: int, rng: random.Random) -> list[E]:
    out = []
    for i in range(n):
        if i % 7 == 6:
            out.append(E(i, "note", MINOR, note=" ".join(rng.sample(WORDS, 2))))
        else:
            q = f"Et ensuite, que s'est-il passé {rng.choice(WORDS)} ?"
            out.append(E(i, question=q, answer=" ".join(rng.sample(WORDS, 3))))
    return out


def _recomputed(entries, text, editing=None):
    said = minor_words(
        [e.answer for e in entries if e.kind == "qr"]
        + [e.note for e in entries if e.kind == "note" and e.speaker == MINOR]
    )
    others = [e.question for e in entries if e.kind == "qr"]
    if editing is not None and editing in others:
        others.remove(editing)
    return analyse(text, said, others)


def test_same_analysis_as_recomputing_everything():
    rng = random.Random(5)
    entries = _entries(300, rng)
    history = History.from_entries(entries)
    for _ in range(40):  # corrections: replace an entry by another
        i = rng.randrange(len(entries))
        old = entries[i]
        new = E(old.id, question=f"Tu peux me parler de la {rng.choice(WORDS)} ?", answer="gare")
        entries[i] = new
        history.replace(old, new)
    for text in [
        "Tu étais à l'hôtel avec lui ?",
        "Et ensuite, que s'est-il passé gare ?",
        "Il t'a donné de l'argent pour la passe, n'est-ce pas ?",
        "Parle-moi de la voiture.",
    ]:
        expect = _recomputed(entries, text)
        got = analyse(text, history.said, asked=history.asked_before())
        assert got == expect, text
    edited = entries[3]
    expect = _recomputed(entries, edited.question, editing=edited.question)
    assert analyse(edited.question, history.said, asked=history.asked_before(edited.question)) == (
        expect
    )


def test_a_removed_word_is_no_longer_said():
    a = E(1, question="Où ?", answer="à la gare")
    history = History.from_entries([a])
    assert tx.word_stems("gare")[0] in history.said
    history.remove(a)
    assert tx.word_stems("gare")[0] not in history.said
    assert "ou" not in history.asked_before()


def test_one_save_folds_one_entry_whatever_the_hearing_length(monkeypatch):
    calls = []
    real = tx._fold
    monkeypatch.setattr(tx, "_fold", lambda text: calls.append(1) or real(text))
    costs = []
    for n in (10, 2000):
        history = History.from_entries(_entries(n, random.Random(1)))
        calls.clear()
        history.add(E(n + 1, question="Et après ?", answer="Il est parti."))
        analyse("Qu'est-ce qu'il a fait après ?", history.said, asked=history.asked_before())
        costs.append(len(calls))
    assert costs[0] == costs[1]
