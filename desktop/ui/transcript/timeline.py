"""The hearing's timeline in the transcript panel: start, pauses with their reason,
resumption, end, recording start, and the running duration (a mixin of TranscriptPanel,
kept apart to keep the panel readable). Decisions come from desktop.core.hearing.Timeline."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMessageBox

from desktop.core.hearing.transcript import (
    RECORDING_START,
    Timeline,
    format_duration,
    now_iso,
    offset_ms,
    parse_time,
)
from desktop.core.servicetime import shown_time
from desktop.ui.widgets import with_key

SEALED_NOTICE = (
    "Le PV de cette audition est scellé : rien n'est modifié. Pour compléter, ajoutez une "
    "mention depuis le dossier (« Ajouter une mention »)."
)


class TimelineMixin:
    """Needs from the panel: ctx, record_id, meta, loaded, model, status, recording,
    duration_alert, record_button, start_button, pause_button, end_button, phase_id,
    _recording_tick, _stored, _flash."""

    def timeline(self) -> Timeline:
        """The timeline of the entries shown, from the entries that shape it (start, pauses,
        end, the first question), gathered as entries arrive: the clock ticks every second
        and a 5,000-entry hearing re-read every entry at each tick (issue 20)."""
        entries = self.model.entries
        cache = getattr(self, "_timeline_cache", None)
        if cache is None or cache["list"] is not entries or cache["seen"] > len(entries):
            cache = {"list": entries, "seen": 0, "shaping": [], "first_qr": False}
            self._timeline_cache = cache
        for entry in entries[cache["seen"] :]:
            if entry.kind != "qr":
                cache["shaping"].append(entry)
            elif not cache["first_qr"]:
                cache["first_qr"] = True
                cache["shaping"].append(entry)
        cache["seen"] = len(entries)
        return Timeline.from_entries(cache["shaping"])

    def _event(self, kind: str, note: str = "") -> None:
        if getattr(self, "read_only", False):
            self._flash(SEALED_NOTICE)
            return
        rid = self.record_id
        wall = now_iso()
        offset = offset_ms(wall, self.meta.get(RECORDING_START))
        phase = self.phase_id  # issue 13: the NICHD phase the officer is on

        def job(s):
            return s.transcript.append(
                rid, kind, note=note, wall_time=wall, recording_offset_ms=offset, phase=phase
            )

        self.ctx.saver.save(None, job, on_saved=lambda e: self._stored(e, True))

    def start_hearing(self) -> None:
        if self.loaded and self.timeline().can("debut"):
            self._event("debut")

    def toggle_pause(self) -> None:
        if not self.loaded:
            return
        from desktop.ui.transcript.dialogs import ReasonDialog

        t = self.timeline()
        if t.can("pause"):
            dialog = ReasonDialog("pause", self)
            dialog.chosen.connect(lambda reason: self._event("pause", reason))
            dialog.open()
        elif t.can("reprise"):
            dialog = ReasonDialog("reprise", self)
            dialog.chosen.connect(lambda reason: self._event("reprise", reason))
            dialog.open()
        else:
            self._flash("L'audition n'a pas commencé : notez d'abord son début (Ctrl+Maj+D).")

    def end_hearing(self) -> None:
        if not self.loaded or not self.timeline().can("fin"):
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Fin de l'audition",
            "Noter la fin de l'audition maintenant ? L'heure sera enregistrée.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Oui, noter la fin")
        box.button(QMessageBox.StandardButton.No).setText("Non")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        box.accepted.connect(lambda: self._event("fin"))
        box.open()

    def start_recording(self) -> None:
        if not self.loaded or self.meta.get(RECORDING_START):
            return
        rid = self.record_id
        when = now_iso()

        def job(s):
            meta = dict(s.records.get(rid).meta)
            if not meta.get(RECORDING_START):  # set once
                meta[RECORDING_START] = when
                s.records.set_meta(rid, meta)
            return meta

        def done(meta) -> None:
            self.meta = meta
            self._tick()

        self.ctx.saver.save(None, job, on_saved=done)

    def _tick(self) -> None:
        t = self.timeline()
        now = datetime.now().astimezone()
        state = t.state
        if t.started is None:
            text = "Audition pas encore commencée"
        else:
            text = f"Audition {state} · durée {format_duration(t.elapsed(now))}"
            paused = t.paused(now)
            if paused.total_seconds() >= 60:
                text += f" (dont {format_duration(paused)} de pause)"
        self.status.setText(text)
        alert = t.duration_alert(now)
        self.duration_alert.setText(f"⚠ {alert.message}" if alert else "")
        self.duration_alert.setVisible(alert is not None)
        start = self.meta.get(RECORDING_START)
        if start:
            self.recording.setText("Enregistrement depuis " + shown_time(parse_time(start)))
        else:
            self.recording.setText("Enregistrement : début non noté")
        self.start_button.setVisible(t.can("debut"))
        self.pause_button.setText("Reprendre…" if state == "suspendue" else "Suspendre…")
        self.pause_button.setToolTip(
            with_key(
                "Reprendre l'audition" if state == "suspendue" else "Suspendre l'audition",
                "Ctrl+Shift+S",
            )
        )
        live = not getattr(self, "read_only", False)  # a sealed PV: nothing more is noted
        self.pause_button.setEnabled(live and (t.can("pause") or t.can("reprise")))
        self.end_button.setEnabled(live and t.can("fin"))
        self.start_button.setEnabled(live)
        self._recording_tick(live)  # RecordingMixin: start, end or resumption of the recording
