"""The application context passed explicitly to every widget (no module global).

ctx.tasks      the worker that owns the vault Session (desktop.ui.tasks)
ctx.saver      latest-wins autosave through the worker, with "Enregistré à hh:mm:ss"
ctx.user       SessionInfo of the unlocked user, None while locked
ctx.events     Qt signals: unlocked(SessionInfo), about_to_lock(), locked(),
               vault_replaced(message)
ctx.pages      page providers for the main window (see desktop.ui.pages)
ctx.settings   per-machine UI settings (idle delay…) — no personal data
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.ui.saving import Saver
from desktop.ui.tasks import SessionInfo, TaskManager, error_message


class AppEvents(QObject):
    unlocked = Signal(object)  # SessionInfo
    about_to_lock = Signal()  # flush what is being typed: the Session closes next
    locked = Signal()
    vault_replaced = Signal(str)  # a restore replaced the vault files: French message to show


@dataclass
class UiSettings:
    """Per-machine preferences. Idle lock: 5 minutes by default, warning 30 s before."""

    idle_lock_seconds: int = 300
    idle_warning_seconds: int = 30


@dataclass
class AppContext:
    app: QApplication
    home: Path
    tasks: TaskManager
    saver: Saver
    events: AppEvents
    settings: UiSettings = field(default_factory=UiSettings)
    user: SessionInfo | None = None
    pages: list[str] | None = None  # provider module names; None: desktop.ui.pages defaults
    request_lock: Callable[[], None] = lambda: None  # set by the AppController
    discreet: Any = None  # DiscreetScreen, set by the AppController

    @classmethod
    def create(cls, app: QApplication, home: Path) -> AppContext:
        install_french_qt(app)
        tasks = TaskManager(home, app)
        ctx = cls(app=app, home=Path(home), tasks=tasks, saver=Saver(tasks), events=AppEvents())
        tasks.default_failure = ctx.show_error
        return ctx

    def form(self, form_id: str, version: str | None = None):
        """The FormSpec of a form (the version a record was made with, when given); from the
        process's one form registry (call it in the worker)."""
        from desktop.core.law import form_registry

        return form_registry().for_record(form_id, version)

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def show_error(self, exc: BaseException | str, parent: QWidget | None = None) -> None:
        text = exc if isinstance(exc, str) else error_message(exc)
        box = QMessageBox(parent if isinstance(parent, QWidget) else self.app.activeWindow())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Trame")
        box.setText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText("OK")
        box.open()


# Qt texts the qtbase_fr catalogue of PySide6 leaves in English: {(context, source): French}
MISSING_FR = {
    ("QPrintSettingsOutput", "Page &Set:"): "&Jeu de pages\u00a0:",
}


def install_french_qt(app: QApplication) -> None:
    """Qt's own texts in French: shortcuts in menus (« Alt+Gauche », « Ctrl+Maj+S »), the
    print and file dialogs. Uses the qtbase_fr catalogue shipped with PySide6, then
    MISSING_FR for the few texts it lacks (the print dialog's « Page &Set: »); once per app."""
    if app.property("trame_fr_installed"):
        return
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    class Missing(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002
            return MISSING_FR.get((str(context), str(source)))  # None: not ours

        def isEmpty(self) -> bool:  # noqa: N802 - Qt override
            return False

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.French), "qtbase", "_", folder):
        app.installTranslator(translator)
        app.installTranslator(Missing(app))  # installed last: asked first
        app.setProperty("trame_fr_installed", True)
