"""The live question / answer transcript (panel, dialogs)."""

from desktop.ui.transcript.panel import TranscriptPanel

__all__ = ["TranscriptPanel"]
