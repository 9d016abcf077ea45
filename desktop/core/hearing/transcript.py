"""The live transcript of a hearing, without Qt.

- `analyse(question, minor_words, earlier_questions)` pre-selects the question type
  (invitation, invitation indicée, question directive, question à choix, question suggestive)
  and lists warnings (never blocks): suggestive, tag question, several questions, promise,
  a name, place or act the minor has not said yet, « pourquoi », repeated question.
- `Timeline.from_entries(entries)` rebuilds start, pauses with reasons, resumptions and end
  from the stored entries, and gives the running duration with an alert near 4 hours.
- Wall-clock stamps (`now_iso`) carry the local UTC offset; `offset_ms` gives an entry's
  position on the audiovisual recording once its start is set (`RECORDING_START` in meta).
- `cued_prompt(words)` builds « Parle-moi plus de « … » » from the minor's own words.

The word lists live in guidance.yaml beside this module (data, not code).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

__all__ = [
    "Alert",
    "Analysis",
    "DRAFT_FIELD",
    "NBSP",
    "Pause",
    "RECORDING_START",
    "Timeline",
    "analyse",
    "cued_prompt",
    "format_duration",
    "format_offset",
    "guidance",
    "minor_words",
    "next_prompt",
    "now_iso",
    "offset_ms",
    "parse_time",
    "question_type_label",
    "question_types",
    "speaker_code",
    "speaker_label",
    "speakers",
]

NBSP = "\u00a0"
RECORDING_START = "recording_started_at"  # key in records.meta
DRAFT_FIELD = "_brouillon.transcription"  # answers key holding the entry being typed
MINOR = "mineur"
INTERVIEWER = "enqueteur"


@cache
def guidance() -> dict[str, Any]:
    import yaml

    path = Path(__file__).with_name("guidance.yaml")
    return yaml.safe_load(path.read_text("utf-8"))


def speakers() -> dict[str, tuple[str, str]]:
    """Speaker id -> (code letter, French label), in display order."""
    return {k: (v[0], v[1]) for k, v in guidance()["speakers"].items()}


def speaker_label(speaker: str) -> str:
    return speakers().get(speaker, ("", speaker))[1]


def speaker_code(speaker: str) -> str:
    return speakers().get(speaker, ("?", ""))[0]


def question_types() -> dict[str, str]:
    """Question type id -> French label, from the most open to the most closed."""
    return dict(guidance()["question_types"])


def question_type_label(qtype: str) -> str:
    return question_types().get(qtype, "Non classée")


# -- text normalisation --------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _lower(text: str) -> str:
    text = (text or "").translate(_APOSTROPHES).replace(NBSP, " ").replace("\u202f", " ")
    return _SPACES.sub(" ", text).strip().lower()


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", _lower(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe")


@cache
def _phrase_re(key: str) -> re.Pattern:
    phrases = sorted(guidance()[key], key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in phrases)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def _has(key: str, folded: str) -> bool:
    return _phrase_re(key).search(folded) is not None


def _tokens(folded: str) -> list[str]:
    out: list[str] = []
    for word in _WORD.findall(folded.replace("'", " ")):
        out.extend(p for p in word.split("-") if p)
    return out


def _words(text: str) -> list[str]:
    """The words of a text as written (lower case, accents kept), split at ' and -."""
    return [w for w in re.split(r"[^\w]+|_", _lower(text)) if w]


def _stem(word: str) -> str:
    return word[:5]


def word_stems(text: str) -> list[str]:
    """The stems of the words of one text (folded: no case, no accents), in order."""
    return [_stem(t) for t in _tokens(_fold(text))]


def question_key(question: str) -> str:
    """What two questions share when one repeats the other (folded, end punctuation off)."""
    return _fold(question).rstrip(" ?!.")


def minor_words(texts: Iterable[str]) -> frozenset[str]:
    """The stems of every word the minor has said so far (answers, notes)."""
    stems: set[str] = set()
    for text in texts:
        stems.update(word_stems(text))
    return frozenset(stems)


# -- analysis ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Alert:
    """A warning shown beside the question. `code` is stable, `message` is French."""

    code: str
    message: str


@dataclass(frozen=True)
class Analysis:
    question_type: str  # "" when the text is not a question (remark, facilitator)
    alerts: tuple[Alert, ...]
    introduced: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return question_type_label(self.question_type)


_SENTENCE = re.compile(r"[^.?!…]+[.?!…]*")
_INVERSION = re.compile(r"^[a-z]+-(?:t-)?(?:tu|il|elle|ils|elles|on|vous|nous|je)(?![a-z])")
_FILLERS = re.compile(r"^(?:(?:et|alors|donc|bon|ok|d'accord|mais|puis|ensuite)[ ,]+)+")
_PREPOSITIONS = (
    r"(?:a|avec|de|d'|chez|pour|par|dans|en|sur|sous|vers|depuis|jusqu'a|pendant|contre)\s?"
)
_END_TAGS = ("non", "d'accord", "c'est ca", "c'est bien ca", "tu es d'accord", "oui")
_ANYWHERE_TAGS = ("n'est-ce pas", "n'est ce pas", "hein", "pas vrai")
_QUOTED = re.compile(r"«\s*([^»]+?)\s*»|\"([^\"]+)\"")


def _is_tag_question(folded: str) -> bool:
    body = folded.rstrip(" ?!.")
    for tag in _ANYWHERE_TAGS:
        if re.search(rf"(?<![a-z]){re.escape(tag)}(?![a-z])", body):
            return True
    return any(re.search(rf",\s*{re.escape(tag)}$", body) for tag in _END_TAGS)


def _question_count(folded: str) -> int:
    """Questions in one turn: question marks, or several « est-ce que »."""
    marks = len(re.findall(r"\?+", folded))
    est_ce = len(re.findall(r"est[- ]ce qu", folded))
    inversions = sum(1 for s in _sentences(folded) if _INVERSION.match(_FILLERS.sub("", s).strip()))
    return max(marks, est_ce, min(inversions, marks or inversions))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def _last_question(folded: str) -> str:
    sentences = _sentences(folded)
    asked = [s for s in sentences if s.endswith("?")]
    chosen = (asked or sentences or [folded])[-1]
    return _FILLERS.sub("", chosen).strip()


@cache
def _directive_res() -> tuple[re.Pattern, re.Pattern]:
    words = sorted(guidance()["directive"], key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    # a wh-word ending with an apostrophe (« qu'est-ce qu' ») is followed by a letter
    start = re.compile(rf"^(?:{_PREPOSITIONS})?(?:{alternatives})(?:(?<=')|(?![a-z]))")
    end = re.compile(rf"(?<![a-z'])(?:{alternatives})\s*\?*$")
    return start, end


def _is_directive(sentence: str) -> bool:
    """A wh- question: « Qu'est-ce qu'il … », « Où … », « Pendant ces jours, où … »."""
    start, end = _directive_res()
    if start.match(sentence):
        return True
    # a leading circumstance before a comma: « Pendant ces neuf jours, où dormais-tu ? »
    clause = sentence.rsplit(",", 1)[-1].strip() if "," in sentence else ""
    if clause and start.match(_FILLERS.sub("", clause)):
        return True
    # "tu étais où ?", "c'était quand ?" — but not the conjunction "que" at the end
    match = end.search(sentence.rstrip())
    return bool(match) and not match.group(0).startswith(("que", "qu'"))


def _is_choice(sentence_lower: str, sentence_folded: str) -> bool:
    if re.search(r"(?<![a-zà-ÿ])ou(?![a-zà-ÿ])", sentence_lower):  # "ou" (or), not "où" (where)
        return True
    if _directive_res()[0].match(sentence_folded):
        return False  # « Qu'est-ce que … », « Qu'est-ce qu'il … » are wh- questions
    if _has("yes_no_starts", sentence_folded[:12]):
        return True
    return bool(_INVERSION.match(sentence_folded))


def _introduced(question: str, folded: str, said: frozenset[str]) -> list[str]:
    """Names, places or acts in the question that the minor has not said yet."""
    found: list[str] = []
    lexicon = set(guidance()["introduced_words"])
    for original in _words(question):
        token = _fold(original)
        if token in lexicon and _stem(token) not in said and original not in found:
            found.append(original)
    # the vocabulary of the field (« des passes », « bosseuse », « loverboy »…): the minor
    # says it first (report of the parquet général de Paris, 2026, § 2; DOMAIN §6.3)
    for match in _phrase_re("field_vocabulary").finditer(folded):
        phrase = match.group(0)
        key = _tokens(phrase)[-1] if _tokens(phrase) else phrase
        if _stem(key) not in said and phrase not in found:
            found.append(phrase)
    not_names = set(guidance()["not_names"])
    # Capitalised words not opening a sentence: probably a name or a place.
    for sentence in _SENTENCE.findall(question.translate(_APOSTROPHES)):
        words = re.findall(r"[\w'-]+", sentence, flags=re.UNICODE)
        for index, word in enumerate(words):
            if "'" in word:
                word = word.split("'")[-1]
            if index == 0 or not word or not word[0].isupper():
                continue
            key = _fold(word)
            if key in not_names or _stem(key) in said or word in found:
                continue
            found.append(word)
    # Words the interviewer quotes as the minor's own but that the minor never said.
    for match in _QUOTED.finditer(question):
        quoted = match.group(1) or match.group(2) or ""
        for original in _words(quoted):
            token = _fold(original)
            if len(token) > 3 and _stem(token) not in said and original not in found:
                found.append(original)
    return found


def analyse(
    question: str,
    said_by_minor: frozenset[str] | Iterable[str] = frozenset(),
    earlier_questions: Iterable[str] = (),
    *,
    asked: Container[str] | None = None,
) -> Analysis:
    """Question type and warnings for one question.

    `said_by_minor` is `minor_words(...)` of the minor's earlier answers (or raw texts), or
    any set of stems (`History.said`). `asked`, when given, replaces `earlier_questions`: the
    `question_key`s of the questions already asked (`History.asked_before(...)`), so that a
    long hearing is not refolded at each keystroke.
    """
    said = said_by_minor if isinstance(said_by_minor, AbstractSet) else minor_words(said_by_minor)
    lower = _lower(question)
    folded = _fold(question)
    if not folded:
        return Analysis("", ())
    alerts: list[Alert] = []
    tag = _is_tag_question(folded)
    leading = _has("suggestive", folded)
    introduced = _introduced(question, folded, said)
    last = _last_question(folded)
    last_lower = _FILLERS.sub("", _last_question(lower)).strip()
    asks = folded.rstrip().endswith("?") or "?" in folded

    if tag or leading:
        qtype = "suggestive"
    elif _has("invitation", folded):
        cued = _has("cue", folded) or bool(_QUOTED.search(question))
        qtype = "invitation_indicee" if cued else "invitation"
    elif _is_choice(last_lower, last) and asks:
        qtype = "choix"
    elif _is_directive(last):
        qtype = "suggestive" if introduced else "directive"
    elif asks:
        qtype = "choix"  # a yes/no question by intonation: « Il avait une voiture ? »
    else:
        qtype = ""

    if qtype == "suggestive":
        alerts.append(
            Alert(
                "suggestive",
                "Question suggestive : elle suggère la réponse attendue. Préférez une "
                "invitation ouverte (" + _q("Raconte-moi tout ce qui s'est passé") + ").",
            )
        )
    if tag:
        alerts.append(
            Alert(
                "tag",
                "Question à queue (" + _q("n'est-ce pas") + ", " + _q("hein") + "…) : elle pousse "
                "l'enfant à acquiescer.",
            )
        )
    if _question_count(folded) > 1:
        alerts.append(
            Alert(
                "multiple",
                "Plusieurs questions dans la même phrase : posez-en une seule à la fois.",
            )
        )
    if _has("promise", folded):
        alerts.append(
            Alert(
                "promise",
                "Promesse : ne promettez rien que l'enquête ne peut garantir "
                "(sanction, secret, retour, issue de la procédure).",
            )
        )
    if introduced:
        words = ", ".join(_q(w) for w in introduced)
        alerts.append(
            Alert(
                "introduces",
                f"Introduit {words}, que le mineur n'a pas encore dit : "
                "laissez-le nommer lui-même les personnes, les lieux et les actes.",
            )
        )
    if qtype == "choix":
        alerts.append(
            Alert(
                "choice",
                "Question à choix : faites-la suivre d'une invitation "
                f"({_q('Raconte-moi tout à ce sujet')}).",
            )
        )
    if re.search(r"(?<![a-z])pourquoi(?![a-z])", folded):
        alerts.append(
            Alert(
                "why",
                f"Une question en {_q('pourquoi')} peut culpabiliser l'enfant : "
                f"préférez {_q('Parle-moi de…')}.",
            )
        )
    if asked is not None:
        previous = asked  # keys kept up to date by History: no refolding at each keystroke
    else:
        previous = {question_key(q) for q in earlier_questions if q}
    if folded.rstrip(" ?!.") in previous:
        alerts.append(
            Alert(
                "repeat",
                "Question déjà posée : la répéter laisse entendre que la première réponse "
                "n'était pas la bonne.",
            )
        )
    return Analysis(qtype, tuple(alerts), tuple(introduced))


def _q(text: str) -> str:
    return f"«{NBSP}{text}{NBSP}»"


# -- quick prompts -------------------------------------------------------------------------


def next_prompt() -> str:
    return guidance()["prompts"]["next"]


def cued_prompt(words: str) -> str:
    """« Parle-moi plus de « words » », from the minor's own words (selected in an answer)."""
    words = _SPACES.sub(" ", (words or "").strip().strip("«»\"' ")).strip()
    if not words:
        return guidance()["prompts"]["more_generic"]
    return guidance()["prompts"]["more_cued"].format(words=_q(words))


# -- time ----------------------------------------------------------------------------------


def now_iso(clock: datetime | None = None) -> str:
    """Local wall-clock time with its UTC offset, to the second."""
    moment = clock or datetime.now()
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.isoformat(timespec="seconds")


def parse_time(text: str) -> datetime:
    """ISO time as stored (with offset, or a trailing Z) -> aware datetime."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.astimezone()


def offset_ms(wall_time: str, recording_start: str | None) -> int | None:
    """Position on the recording, or None when its start was not set or is later."""
    if not recording_start:
        return None
    delta = parse_time(wall_time) - parse_time(recording_start)
    ms = int(delta.total_seconds() * 1000)
    return ms if ms >= 0 else None


def format_offset(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = ms // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def format_duration(delta: timedelta) -> str:
    """« 1 h 05 », « 12 min », « 45 s » (non-breaking spaces)."""
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours:
        return f"{hours}{NBSP}h{NBSP}{minutes:02d}"
    if minutes:
        return f"{minutes}{NBSP}min"
    return f"{seconds}{NBSP}s"


@dataclass(frozen=True)
class Pause:
    start: datetime
    end: datetime | None
    reason: str
    resume_reason: str = ""

    def length(self, now: datetime) -> timedelta:
        return (self.end or now) - self.start


NOT_STARTED, RUNNING, PAUSED, ENDED = "pas commencée", "en cours", "suspendue", "terminée"


@dataclass(frozen=True)
class Timeline:
    """Start, pauses and end of a hearing, rebuilt from its transcript entries."""

    started: datetime | None = None
    ended: datetime | None = None
    pauses: tuple[Pause, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[Any]) -> Timeline:
        started = ended = None
        pauses: list[Pause] = []
        for e in entries:
            when = parse_time(e.wall_time)
            if e.kind == "debut" and started is None:
                started = when
            elif e.kind == "pause" and (not pauses or pauses[-1].end is not None):
                pauses.append(Pause(when, None, e.note))
            elif e.kind == "reprise" and pauses and pauses[-1].end is None:
                last = pauses[-1]
                pauses[-1] = Pause(last.start, when, last.reason, e.note)
            elif e.kind == "fin":
                ended = when
            elif e.kind == "qr" and started is None:
                started = when  # a hearing begins at its first question at the latest
        return cls(started, ended, tuple(pauses))

    @property
    def state(self) -> str:
        if self.started is None:
            return NOT_STARTED
        if self.ended is not None:
            return ENDED
        if self.pauses and self.pauses[-1].end is None:
            return PAUSED
        return RUNNING

    def can(self, kind: str) -> bool:
        """Which timeline entries make sense now (start, pause, resume, end)."""
        state = self.state
        return {
            "debut": state == NOT_STARTED,
            "pause": state == RUNNING,
            "reprise": state == PAUSED,
            "fin": state in (RUNNING, PAUSED),
        }.get(kind, state != ENDED)

    def elapsed(self, now: datetime) -> timedelta:
        """From the start to the end (or now), pauses included."""
        if self.started is None:
            return timedelta(0)
        return (self.ended or now) - self.started

    def paused(self, now: datetime) -> timedelta:
        end = self.ended or now
        return sum((min(p.end or end, end) - p.start for p in self.pauses), timedelta(0))

    def effective(self, now: datetime) -> timedelta:
        return self.elapsed(now) - self.paused(now)

    def duration_alert(self, now: datetime) -> Alert | None:
        """A warning as the 4-hour mark approaches (limits in guidance.yaml)."""
        limits = guidance()["duration"]
        limit = timedelta(minutes=limits["limit_minutes"])
        warn = limit - timedelta(minutes=limits["warn_before_minutes"])
        elapsed = self.elapsed(now)
        hours = f"{limit.total_seconds() / 3600:g}{NBSP}heures"
        if elapsed >= limit:
            return Alert(
                "duration",
                f"L'audition dure depuis {format_duration(elapsed)} : elle dépasse {hours}.",
            )
        if elapsed >= warn and self.state != ENDED:
            left = format_duration(limit - elapsed)
            return Alert(
                "duration",
                f"L'audition dure depuis {format_duration(elapsed)} : la limite de {hours} "
                f"approche (reste {left}).",
            )
        return None
