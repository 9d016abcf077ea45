"""Locking and the discreet screen.

- `IdleWatcher`: any key, click, wheel or mouse move resets the idle clock (so typing never
  locks). A non-modal banner warns `idle_warning_seconds` before locking; it never takes
  the focus, so keystrokes keep going where the user types.
- `OsLockWatcher`: the operating system's screen lock or suspend, where Qt exposes it:
  Qt's application state (suspended), D-Bus on Linux (org.freedesktop.ScreenSaver /
  org.gnome.ScreenSaver ActiveChanged, login1 PrepareForSleep), WTS session notifications
  and power broadcasts on Windows.
- `Curtain` / `DiscreetScreen`: blanks every window at once without locking (F12 or
  Échap to come back).

The lock itself (flush, hide every window, close the Session in the worker, show the
unlock window) is `AppController.lock` in desktop.ui.app.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QLabel, QWidget

DISCREET_SHORTCUT = "F12"
LOCK_SHORTCUT = "Ctrl+L"

_INPUT_EVENTS = frozenset(
    int(t)
    for t in (
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.InputMethod,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.ShortcutOverride,
    )
)


class IdleWatcher(QObject):
    """Calls `on_warning(seconds_left)`, `on_clear()` and `on_idle()` as time passes."""

    def __init__(self, settings, on_idle: Callable, on_warning: Callable, on_clear: Callable):
        super().__init__()
        self.settings = settings
        self.on_idle = on_idle
        self.on_warning = on_warning
        self.on_clear = on_clear
        self.last_input = time.monotonic()
        self._warned = False
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.last_input = time.monotonic()
        self._warned = False
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._warned:
            self._warned = False
            self.on_clear()

    #: called on Ctrl+L while a modal dialog is open (set by the AppController)
    on_lock_key: Callable | None = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if int(event.type()) in _INPUT_EVENTS:
            self.last_input = time.monotonic()
            if self._warned:
                self._warned = False
                self.on_clear()
            if self._lock_key_in_a_modal(event):
                QTimer.singleShot(0, self.on_lock_key)
                return True
        return False

    def _lock_key_in_a_modal(self, event) -> bool:
        """Ctrl+L while a modal dialog is open: Qt then ignores the main window's
        application-wide action, so the officer who locks and walks away (the « Texte déjà
        signé » reason ready to confirm) would leave Trame open until the idle lock."""
        if self.on_lock_key is None or int(event.type()) != int(QEvent.Type.KeyPress):
            return False
        if QApplication.activeModalWidget() is None:
            return False
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        return event.key() == Qt.Key.Key_L and mods == Qt.KeyboardModifier.ControlModifier

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input

    def _tick(self) -> None:
        timeout = self.settings.idle_lock_seconds
        if timeout <= 0:
            return
        idle = self.idle_seconds()
        if idle >= timeout:
            self.stop()
            self.on_idle()
            return
        left = timeout - idle
        if left <= self.settings.idle_warning_seconds:
            self._warned = True
            self.on_warning(int(left + 0.999))


class IdleBanner(QLabel):
    """The warning before the idle lock: shown over the top of a window, never focused."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("idle_banner")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(
            "background: #fff3cd; color: #5c4400; border: 1px solid #d9b44a; padding: 8px;"
            "font-weight: bold;"
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hide()

    def show_seconds(self, seconds: int) -> None:
        self.setText(
            f"Verrouillage automatique dans {seconds}\u00a0s faute d'activité. Appuyez sur une "
            "touche ou bougez la souris pour continuer."
        )
        parent = self.parentWidget()
        self.setGeometry(0, 0, parent.width(), self.sizeHint().height())
        self.raise_()
        self.show()


class Curtain(QWidget):
    """Covers a whole window. Keys go to it, not to the hidden fields."""

    dismissed = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("discreet_curtain")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), Qt.GlobalColor.darkGray)
        p.setPen(Qt.GlobalColor.lightGray)
        p.drawText(
            self.rect().adjusted(0, 0, -16, -12),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom),
            "Écran discret · Échap ou F12 pour revenir",
        )

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F12):
            self.dismissed.emit()
        event.accept()


class DiscreetScreen(QObject):
    """Blank every visible window at once, without locking."""

    changed = Signal(bool)

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self._curtains: list[Curtain] = []
        self._titles: dict[QWidget, str] = {}

    @property
    def active(self) -> bool:
        return bool(self._curtains)

    def toggle(self) -> None:
        self.off() if self.active else self.on()

    def on(self) -> None:
        if self.active:
            return
        for window in self.app.topLevelWidgets():
            if not window.isVisible() or window.windowType() == Qt.WindowType.Popup:
                continue
            curtain = Curtain(window)
            curtain.dismissed.connect(self.off)
            curtain.show()
            curtain.raise_()
            self._curtains.append(curtain)
            self._titles[window] = window.windowTitle()
            window.setWindowTitle("Trame")
        if self._curtains:
            active = self.app.activeWindow()
            target = next(
                (c for c in self._curtains if c.parentWidget() is active), self._curtains[0]
            )
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.changed.emit(True)

    def off(self) -> None:
        curtains, self._curtains = self._curtains, []
        for curtain in curtains:
            curtain.hide()
            curtain.deleteLater()
        for window, text in self._titles.items():
            try:
                window.setWindowTitle(text)
            except RuntimeError:  # window closed meanwhile
                pass
        self._titles.clear()
        self.changed.emit(False)


class OsLockWatcher(QObject):
    """Emits `locked` when the OS locks the screen or suspends, where Qt exposes it."""

    locked = Signal()

    def __init__(self, app: QApplication):
        super().__init__()
        self.app = app
        self._native = None
        self.sources: list[str] = []

    def install(self) -> None:
        self.app.applicationStateChanged.connect(self._state)
        self.sources.append("qt")
        if sys.platform.startswith("linux"):
            self._install_dbus()
        elif sys.platform == "win32":
            self._install_windows()

    def _state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.locked.emit()

    def _install_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        from PySide6.QtCore import SLOT

        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, iface in (
                (
                    "org.freedesktop.ScreenSaver",
                    "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver",
                ),
                ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
            ):
                slot = SLOT("_on_screensaver(bool)")
                if session.connect(service, path, iface, "ActiveChanged", self, slot):
                    self.sources.append(iface)
        system = QDBusConnection.systemBus()
        if system.isConnected():
            slot = SLOT("_on_sleep(bool)")
            if system.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                slot,
            ):
                self.sources.append("login1")

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active:
            self.locked.emit()

    @Slot(bool)
    def _on_sleep(self, going: bool) -> None:
        if going:
            self.locked.emit()

    def _install_windows(self) -> None:  # pragma: no cover - Windows only
        try:
            import ctypes

            self._native = _WindowsSessionFilter(self.locked.emit)
            self.app.installNativeEventFilter(self._native)
            hwnd = int(self.app.topLevelWidgets()[0].winId()) if self.app.topLevelWidgets() else 0
            if hwnd:
                ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, 0)
                self.sources.append("wts")
        except Exception:  # noqa: BLE001 - an OS hook that cannot be installed is skipped
            self._native = None


class _WindowsSessionFilter(QAbstractNativeEventFilter):  # pragma: no cover - Windows only
    WM_WTSSESSION_CHANGE = 0x02B1
    WTS_SESSION_LOCK = 0x7
    WM_POWERBROADCAST = 0x0218
    PBT_APMSUSPEND = 0x4

    def __init__(self, callback: Callable):
        super().__init__()
        self.callback = callback

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt override
        if event_type in (b"windows_generic_MSG", "windows_generic_MSG"):
            import ctypes.wintypes

            msg = ctypes.wintypes.MSG.from_address(int(message))
            if (
                msg.message == self.WM_WTSSESSION_CHANGE and msg.wParam == self.WTS_SESSION_LOCK
            ) or (msg.message == self.WM_POWERBROADCAST and msg.wParam == self.PBT_APMSUSPEND):
                self.callback()
        return False, 0
