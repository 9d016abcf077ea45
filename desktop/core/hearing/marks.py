"""What a transcript entry records beside its text (issue 13, hearing-room findings).

- The NICHD phase the officer was on in the script when the entry was written (the phase
  id of the hearing form's step, e.g. "nichd_declaratif"; None on entries written before
  this was recorded: « non renseignée »). The PV prints the phase as a heading where it
  changes (desktop.core.pv.builder), the history shows it in a column.
- The recording marks « Fin de l'enregistrement » / « Reprise de l'enregistrement »
  (art. 706-52 CPP: the PV states when the audiovisual recording starts and ends, and the
  nature of a technical impossibility). `recording_state(entries, start)` and
  `can_mark(kind, entries, start)` say which mark makes sense now.
- The codes of the warnings the editor showed while the question was typed (promise, tag
  question, a word the minor has not said…): `warning_codes(alerts)` -> "promise,tag",
  `warning_labels(codes)` -> French labels. Only codes are stored, never the message: they
  are for the officer's review of the hearing, not for the PV (DOMAIN §2.3 lists them as
  interviewing guidance, not as PV content).

Entries are any objects with `kind` and `phase` (vault TranscriptEntry).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop.core.hearing.transcript import guidance

__all__ = [
    "NO_PHASE",
    "RECORDING_RESUME",
    "RECORDING_STOP",
    "can_mark",
    "phase_text",
    "recording_state",
    "stop_reasons",
    "warning_codes",
    "warning_labels",
]

RECORDING_STOP = "fin_enregistrement"
RECORDING_RESUME = "reprise_enregistrement"
NO_PHASE = "non renseignée"
NOT_NOTED, RECORDING, STOPPED = "non noté", "en cours", "arrêté"


def phase_text(phase: str | None, label_of=None) -> str:
    """The French label of a stored phase id; « non renseignée » for None.

    `label_of` maps an id to its label (a FormSpec's `phase_label`); without it the id is
    returned as is."""
    if not phase:
        return NO_PHASE
    return label_of(phase) if label_of else phase


def recording_state(entries: Iterable[Any], recording_start: str | None) -> str:
    """« non noté » (start never noted), « en cours » or « arrêté », from the start noted in
    the record's meta and the last recording mark among the entries."""
    if not recording_start:
        return NOT_NOTED
    state = RECORDING
    for entry in entries:
        if entry.kind == RECORDING_STOP:
            state = STOPPED
        elif entry.kind == RECORDING_RESUME:
            state = RECORDING
    return state


def can_mark(kind: str, entries: Iterable[Any], recording_start: str | None) -> bool:
    """Whether the mark `kind` (RECORDING_STOP or RECORDING_RESUME) makes sense now."""
    state = recording_state(entries, recording_start)
    return (kind == RECORDING_STOP and state == RECORDING) or (
        kind == RECORDING_RESUME and state == STOPPED
    )


def stop_reasons() -> tuple[str, ...]:
    """Suggested reasons of a « fin de l'enregistrement » (guidance.yaml)."""
    return tuple(guidance()["recording_stop_reasons"])


def warning_codes(alerts: Iterable[Any]) -> str:
    """The codes of the warnings shown (`Alert`s of `analyse`), once each, in order:
    "promise,introduces"; "" when none."""
    codes: list[str] = []
    for alert in alerts:
        if alert.code not in codes:
            codes.append(alert.code)
    return ",".join(codes)


def warning_labels(codes: str | None) -> list[str]:
    """The French labels of stored warning codes (an unknown code is shown as is)."""
    labels = guidance()["warning_labels"]
    return [labels.get(c, c) for c in (codes or "").split(",") if c]
