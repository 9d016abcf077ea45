"""Editors the form wizard borrows for the medical field types (desktop.ui.forms.fields).

`create(field, env)` for `body_markers` fields: the body diagram with its lesion editor.
`samples_editor(field, env, clock, facts)` for the UMJ « prelevements » repeat group.
Both expose value() / set_value(v) / changed like the wizard's own editors.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.core.medical.clock import system_clock
from desktop.core.medical.lesions import lesions_from_answer, lesions_to_answer
from desktop.core.medical.samples import samples_from_answer, samples_to_answer
from desktop.ui.checklists.lesion_panel import LesionPanel
from desktop.ui.checklists.samples_panel import SamplesPanel


class BodyMarkersEditor(QWidget):
    changed = Signal()

    def __init__(self, field, env=None):
        super().__init__()
        self.field = field
        options = [(o.value, o.label) for o in getattr(field, "options", ())]
        self.panel = LesionPanel(type_options=options or None)
        self.panel.lesions_changed.connect(lambda _l: self.changed.emit())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.panel)
        self.setMinimumHeight(470)

    def value(self):
        return lesions_to_answer(self.panel.lesions) or None

    def set_value(self, value) -> None:
        self.panel.set_lesions(lesions_from_answer(value))


class SamplesEditor(QWidget):
    changed = Signal()

    def __init__(self, field, env=None, clock=system_clock, facts=None):
        super().__init__()
        self.field = field
        options = {
            sub.id: [(o.value, o.label) for o in sub.options]
            for sub in getattr(field, "fields", ())
            if sub.options
        }
        self.panel = SamplesPanel(clock=clock, facts=facts, options=options)
        self.panel.samples_changed.connect(lambda _s: self.changed.emit())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.panel)

    def value(self):
        return samples_to_answer(self.panel.samples) or None

    def set_value(self, value) -> None:
        tz = self.panel.clock().tzinfo
        self.panel.set_samples(samples_from_answer(value, tz))


def create(field, env=None) -> QWidget:
    return BodyMarkersEditor(field, env)


def medical_editor(field, env, clock, facts) -> QWidget | None:
    """The editor the doctor's screen uses instead of the form engine's (None: the usual one):
    the body diagram, and the numbered samples of the UMJ « prelevements » group."""
    if field.type == "body_markers":
        return BodyMarkersEditor(field, env)
    if field.type == "repeat" and field.id == "prelevements":
        return SamplesEditor(field, env, clock=clock, facts=facts)
    return None
