"""« Relecture avant diffusion »: the names a pseudonymised copy might still hold.

The identity table (pseudonym.py) knows the persons of the case. A statement also names
people and places that nobody entered in the persons table: another girl, a cousin's
nickname, a hotel. Before the copy is sealed, the officer reviews every candidate found
by two means and confirms or adds names; confirmed names are pseudonymised too.

- capitalised words (and words of caseless scripts such as Arabic) that the identity table
  does not already replace, minus sentence starters and common words (review_words.yaml)
  and words the texts also use in lower case;
- spaCy's official French pipeline `fr_core_news_sm` (PER and LOC entities), loaded in the
  worker on first use — never at start-up (≈ 1 s to import and 2–4 s to load here;
  bench/pv_figures.py). Without spaCy installed, the heuristics alone are used.

    found = review_candidates(session, case_id)      # in the worker
    export_pseudonymised(session, case_id, out, extra_names=[c.text for c in chosen])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from desktop.core.text import skeleton

_WORDS = Path(__file__).with_name("review_words.yaml")
_WORD = re.compile(r"[^\W\d_](?:[\w’'\-]*[^\W_])?")
_SENTENCE_END = re.compile(r"[.!?…:;«»\"\n]\s*$")
SPACY_MODEL = "fr_core_news_sm"


@dataclass(frozen=True)
class Candidate:
    """A word or phrase that may name someone or somewhere, for the officer to review."""

    text: str  # as first written in the texts
    kind: str  # "personne", "lieu", "nom propre"
    source: str  # "spaCy", "majuscule"
    count: int  # how many times it appears
    suggested: bool = True  # pre-ticked: False for a word seen only at the start of sentences


@cache
def _common() -> frozenset[str]:
    data = yaml.safe_load(_WORDS.read_text("utf-8")) or {}
    return frozenset(str(data.get("words", "")).split())


def _caseless(word: str) -> bool:
    """No capital to write it with: Arabic, Hebrew, Thai, Han… and Georgian (lower case)."""
    return not word[:1].isupper() and word[:1].title() == word[:1]


# « d'Inès », « l'Amina », « qu’Yasmine »: the name after an elided article or conjunction
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.I)
# « Ka-⏎rima »: a word hyphenated across a line break is one word
_HYPHENATED = re.compile(r"(\w)[-‐‑]\n(\w)")


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start]
    return start == 0 or bool(_SENTENCE_END.search(before)) or not text[:start].strip()


def capitalised(texts: Iterable[str], replaced) -> list[Candidate]:
    """Capitalised (or caseless-script) words not replaced by `replaced(word) != word`.

    A word starting a sentence counts only if it is not a common word and never appears in
    lower case in the texts ("Neuf jours" vs "ces neuf jours")."""
    texts = [t for t in texts if t]
    lower_seen = {
        skeleton(m.group(0)) for t in texts for m in _WORD.finditer(t) if m.group(0).islower()
    }
    common = _common()
    found: dict[str, list] = {}
    for text in texts:
        for m in _WORD.finditer(text):
            word = _ELIDED.sub("", m.group(0)).strip("'’-")
            if len(word) < 2 or word.isdigit():
                continue
            if not (word[0].isupper() or _caseless(word)):
                continue
            key = skeleton(word)
            if key in common or key.split("'")[-1] in common or key.split("-")[0] in common:
                continue
            first = _sentence_start(text, m.start())
            if first and (key in lower_seen or len(word) < 3):
                continue
            if replaced(word) != word:
                continue
            entry = found.setdefault(key, [word, 0, False])
            entry[1] += 1
            entry[2] = entry[2] or not first
    return [Candidate(w, "nom propre", "majuscule", n, mid) for w, n, mid in found.values()]


@cache
def load_nlp():
    """spaCy's French pipeline, or None when spaCy or the model is not installed.

    Slow (seconds): call from the worker only. Cached for the life of the process."""
    try:
        import spacy
    except ImportError:
        return None
    try:
        return spacy.load(SPACY_MODEL, disable=["parser", "lemmatizer", "morphologizer"])
    except OSError:
        return None


def entities(texts: Iterable[str], replaced, nlp) -> list[Candidate]:
    """PER and LOC entities of spaCy's French model not already replaced."""
    found: dict[str, list] = {}
    kinds = {"PER": "personne", "LOC": "lieu"}
    for doc in nlp.pipe([t for t in texts if t], batch_size=32):
        for ent in doc.ents:
            if ent.label_ not in kinds:
                continue
            text = ent.text.strip(" ,.;:«»\"'’")
            if len(text) < 2 or replaced(text) != text or skeleton(text) in _common():
                continue
            entry = found.setdefault(skeleton(text), [text, kinds[ent.label_], 0])
            entry[2] += 1
    return [Candidate(t, k, "spaCy", n) for t, k, n in found.values()]


def candidates(texts: Iterable[str], table, nlp=None) -> list[Candidate]:
    """Every candidate of the texts not already replaced by the identity `table`, spaCy's
    first (with their kind), then the capitalised words spaCy did not report; by order of
    frequency. `nlp`: a loaded spaCy pipeline or None (heuristics only)."""
    texts = [_HYPHENATED.sub(r"\1\2", unicodedata.normalize("NFC", t)) for t in texts if t]

    def replaced(word: str) -> str:
        return table.scrub_names(word)

    out: dict[str, Candidate] = {}
    if nlp is not None:
        for c in entities(texts, replaced, nlp):
            out.setdefault(skeleton(c.text), c)
    for c in capitalised(texts, replaced):
        key = skeleton(c.text)
        if key in out:  # spaCy's kind, the larger count
            out[key] = Candidate(
                out[key].text, out[key].kind, "spaCy", max(c.count, out[key].count)
            )
        elif not any(key in k.split() for k in out):
            out[key] = c
    return sorted(out.values(), key=lambda c: (-c.count, skeleton(c.text)))


def model_texts(model) -> list[str]:
    """The free texts of a document model a person may have named someone in."""
    from desktop.core.pv.model import PvDocument, ReportDocument

    out: list[str] = []
    if isinstance(model, PvDocument):
        for e in model.body:
            out += [e.question, e.answer, e.note]
        out += [model.observations, model.protection, model.presence_decision]
        out += [e.detail for e in model.evvi]
    elif isinstance(model, ReportDocument):
        for s in model.sections:
            out += [v for _, v in s.rows] + list(s.paragraphs) + list(s.quotes)
    return [x for x in out if x]


def review_candidates(session, case_id: int, *, models=None, nlp=...) -> list[Candidate]:
    """The review list of a case's pseudonymised copy (worker thread: builds the models,
    may load spaCy). `nlp=None` forces the heuristics alone."""
    from desktop.core.export.bundle import case_models
    from desktop.core.export.pieces import collect_pieces
    from desktop.core.export.pseudonym import identity_table

    if models is None:
        models = case_models(session, collect_pieces(session, case_id))
    table = identity_table(session.persons.for_case(case_id), *models)
    texts = [t for m in models for t in model_texts(m)]
    # the copy prints the mentions complémentaires too (export.pseudo_addenda): a name that
    # only a mention gives must reach the review list as well
    from desktop.core.export.pseudo_addenda import add_addenda_names, addenda_texts
    from desktop.core.pv.addendum import KIND

    addenda = session.documents.for_case(case_id, KIND)
    add_addenda_names(table, addenda)
    texts += addenda_texts(addenda)
    return candidates(texts, table, load_nlp() if nlp is ... else nlp)
