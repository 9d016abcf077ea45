"""The seams of the UI, typed: what the main window expects of a page, what the step-form
view expects of a field editor. Checked by tests/ui/test_protocols.py on every page class
and every editor of the shipped forms.

A page is a QWidget made by a PageSpec factory (desktop.ui.pages). Each hook is optional:
the main window calls it when the page has it (`isinstance(page, Flushable)`).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget


@runtime_checkable
class Titled(Protocol):
    def page_title(self) -> str:
        """The window title while the page is shown (never a person's name)."""


@runtime_checkable
class Shown(Protocol):
    def page_shown(self) -> None:
        """Refresh when the page is shown again (back, menu)."""


@runtime_checkable
class Consulted(Protocol):
    def read_event(self) -> tuple[str, int]:
        """(event of desktop.core.vault.reads.READ_EVENTS, object id) logged once each time
        the user opens this page (not on refresh, not on going back to it)."""


@runtime_checkable
class Flushable(Protocol):
    def flush(self) -> None:
        """Write what is being typed now (before a lock, leaving the page, quitting)."""


@runtime_checkable
class WithMenu(Protocol):
    def menu_actions(self) -> tuple[str, list[QAction]] | None:
        """The page's own menu: (French title, actions), shown before « Aide »."""


@runtime_checkable
class Focusing(Protocol):
    def initial_focus(self) -> QWidget:
        """The widget that takes the keyboard when the page opens."""


PAGE_HOOKS: tuple[type, ...] = (Titled, Shown, Flushable, WithMenu, Focusing)


@runtime_checkable
class FieldEditor(Protocol):
    """The editor of one form field (desktop.ui.forms.fields.make_editor): a QWidget with
    the JSON value stored in the vault, a setter that emits nothing, and `changed`."""

    changed: SignalInstance

    def value(self) -> Any: ...

    def set_value(self, value: Any) -> None: ...
