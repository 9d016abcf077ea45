"""STYLE.md: modules ≤ 600 lines. The transcript panel grew past it (631 lines); its
editor (draft, classifier, corrections, prompts) now lives in desktop/ui/transcript/editor.py."""

from __future__ import annotations

from pathlib import Path

import desktop.ui.transcript as transcript_ui
import desktop.ui.wizard as wizard_ui


def test_transcript_and_hearing_modules_stay_under_600_lines():
    for package in (transcript_ui, wizard_ui):
        for path in Path(package.__file__).parent.glob("*.py"):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            assert lines <= 600, f"{path.name} : {lines} lignes"
