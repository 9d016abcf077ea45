"""Small shared widgets and layout helpers (git-cola's qtutils style)."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop.core.text import MAX_FIELD_CHARS

ERROR_STYLE = "color: #a40000;"
WARNING_STYLE = "color: #8a4b00;"
MUTED_STYLE = "color: #555555;"


def plain_text(edit) -> str:
    """A QPlainTextEdit's text as typed: toPlainText() turns non-breaking spaces into spaces."""
    full = getattr(edit, "full_text", None)
    if callable(full):
        return full()
    return _raw(edit)


def _raw(edit) -> str:
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


LARGE_TEXT = 200_000  # characters: above this a text is kept aside, shown in part
TOO_LONG = (
    "Collage refusé : le texte ferait {size} caractères, plus que les {max} qu'un champ "
    "peut enregistrer. Rien n'a été modifié ; le texte est toujours dans le presse-papiers : "
    "scindez-le en plusieurs réponses."
)
PREVIEW = 20_000


class LongTextEdit(QPlainTextEdit):
    """A multi-line field that takes a long paste without freezing and without losing it.

    Qt lays a paragraph out again at every keystroke: a huge paste (worse, one without line
    breaks) would freeze the window for seconds. Above LARGE_TEXT characters the whole text
    is kept aside (and saved whole), the field shows its beginning read-only, and
    Ctrl+Suppr empties it. A paste that would pass MAX_FIELD_CHARS, which the vault refuses,
    is refused here with a French message (`refused`) and changes nothing."""

    refused = Signal(str)  # a paste too long for the vault: the French message shown

    def __init__(self, parent=None):
        super().__init__(parent)
        self._large: str | None = None

    def full_text(self) -> str:
        return self._large if self._large is not None else _raw(self)

    def is_large(self) -> bool:
        return self._large is not None

    def insertFromMimeData(self, source) -> None:  # noqa: N802 - Qt override
        text = source.text() if source.hasText() else ""
        current = self.full_text()
        if len(text) + len(current) > MAX_FIELD_CHARS:
            # the vault would refuse it (desktop.core.text): refuse the paste now, say so,
            # and keep what the field holds; the text is still in the clipboard
            message = TOO_LONG.format(
                size=f"{len(text) + len(current):_}".replace("_", "\u00a0"),
                max=f"{MAX_FIELD_CHARS:_}".replace("_", "\u00a0"),
            )
            self.refused.emit(message)
            QToolTip.showText(self.mapToGlobal(self.cursorRect().center()), message, self)
            return
        if self._large is None and len(text) + len(current) <= LARGE_TEXT:
            super().insertFromMimeData(source)
            return
        cursor = self.textCursor()
        if self._large is None:
            before, after = current[: cursor.selectionStart()], current[cursor.selectionEnd() :]
        else:
            before, after = current, ""
        self._set_large(before + text + after)
        self.textChanged.emit()

    def setPlainText(self, text: str) -> None:  # noqa: N802 - Qt override
        if text is not None and len(text) > LARGE_TEXT:
            self._set_large(text)
        else:
            self._large = None
            self.setReadOnly(False)
            super().setPlainText(text or "")

    def clear(self) -> None:
        self._large = None
        self.setReadOnly(False)
        super().clear()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if (
            self._large is not None
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.clear()
            self.textChanged.emit()
            return
        super().keyPressEvent(event)

    def _set_large(self, text: str) -> None:
        self._large = text
        blocked = self.blockSignals(True)
        try:
            size = f"{len(text):,}".replace(",", "\u00a0")
            QPlainTextEdit.setPlainText(
                self,
                f"[Texte long de {size} caractères, enregistré en entier ; seul le début est "
                "affiché. Ctrl+Suppr pour l'effacer.]\n\n" + text[:PREVIEW] + " […]",
            )
            self.setReadOnly(True)
        finally:
            self.blockSignals(blocked)


def key_text(shortcut: str | QKeySequence.StandardKey) -> str:
    seq = QKeySequence(shortcut)
    text = seq.toString(QKeySequence.SequenceFormat.NativeText)
    return (
        text.replace("Ctrl", "Ctrl")
        .replace("Shift", "Maj")
        .replace("Return", "Entrée")
        .replace("Retour", "Entrée")
        .replace("Enter", "Entrée")
        .replace("Esc", "Échap")
        .replace("PgUp", "Page préc.")
        .replace("PgDown", "Page suiv.")
        .replace("Del", "Suppr")
        .replace("Space", "Espace")
        .replace("Left", "Gauche")
        .replace("Right", "Droite")
        .replace("Up", "Haut")
        .replace("Down", "Bas")
    )


def with_key(tip: str, shortcut: str | None) -> str:
    return f"{tip} ({key_text(shortcut)})" if shortcut else tip


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable,
    shortcut: str | None = None,
    tip: str | None = None,
    application_wide: bool = False,
) -> QAction:
    """An action whose tooltip and status tip show its shortcut."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        if application_wide:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    label = with_key(tip or text.replace("&", "").rstrip("…"), shortcut)
    action.setToolTip(label)
    action.setStatusTip(label)
    action.triggered.connect(lambda _checked=False: slot())
    parent.addAction(action)
    return action


def button(
    text: str,
    slot: Callable | None = None,
    shortcut: str | None = None,
    tip: str | None = None,
    parent: QWidget | None = None,
) -> QPushButton:
    """A push button; its shortcut (window-wide) is written in its tooltip."""
    b = QPushButton(text, parent)
    b.setToolTip(with_key(tip or text.replace("&", "").rstrip("…"), shortcut))
    if slot is not None:
        b.clicked.connect(lambda _checked=False: slot())
    if shortcut:
        sc = QShortcut(QKeySequence(shortcut), b)
        sc.setContext(Qt.ShortcutContext.WindowShortcut)
        sc.activated.connect(lambda: b.isEnabled() and b.isVisible() and b.click())
    return b


def hbox(*items, margin: int = 0, spacing: int = 6) -> QHBoxLayout:
    return _box(QHBoxLayout(), items, margin, spacing)


def vbox(*items, margin: int = 0, spacing: int = 6) -> QVBoxLayout:
    return _box(QVBoxLayout(), items, margin, spacing)


def _box(layout: QBoxLayout, items, margin: int, spacing: int):
    layout.setContentsMargins(margin, margin, margin, margin)
    layout.setSpacing(spacing)
    for item in items:
        if item is None:
            layout.addStretch(1)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    return layout


_FR_SPACES = re.compile(r" ([:;?!»])|(«) ")


def fr(text: str) -> str:
    """Non-breaking spaces where French typography wants them (before : ; ? ! », after «),
    so that a wrapped line never starts with a colon."""
    return _FR_SPACES.sub(lambda m: f"\u00a0{m.group(1)}" if m.group(1) else "«\u00a0", text)


class FrLabel(QLabel):
    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        super().setText(fr(text or ""))


def fr_label(text: str = "", style: str = "", wrap: bool = True, parent=None) -> QLabel:
    """`label` with French typography kept through every setText (see `fr`)."""
    return label(text, style, wrap, parent, typo=True)


def label(
    text: str = "", style: str = "", wrap: bool = True, parent=None, typo: bool = False
) -> QLabel:
    lab = FrLabel(text, parent) if typo else QLabel(text, parent)
    lab.setText(text)
    lab.setWordWrap(wrap)
    if style:
        lab.setStyleSheet(style)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return lab


def title(text: str, size: int = 16) -> QLabel:
    lab = QLabel(text)
    font = lab.font()
    font.setPointSize(size)
    font.setBold(True)
    lab.setFont(font)
    return lab


class BusyIndicator(QWidget):
    """« Traitement en cours… » with an indeterminate bar, shown by the task manager."""

    def __init__(self, text: str = "Traitement en cours…", parent=None):
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setFixedWidth(90)
        self.bar.setTextVisible(False)
        self.text = QLabel(text)
        self.setLayout(hbox(self.text, self.bar))
        self.setVisible(False)


class SaveIndicator(QLabel):
    """« Enregistré à hh:mm:ss » once the worker has committed; errors in red.

    « Enregistrement… » appears only when a write takes more than 300 ms, so fast typing
    does not make the label flicker."""

    def __init__(self, saver, parent=None):
        super().__init__("", parent)
        self.saver = saver
        self.setAccessibleName("État de l'enregistrement")
        # Wide enough from the start: a status bar does not always re-lay out a label whose
        # text grows, which once showed « E » alone.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("Enregistré à 00:00:00") + 12)
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(300)
        self._slow.timeout.connect(self._show_saving)
        saver.saved.connect(self._saved)
        saver.failed.connect(self._failed)
        saver.state_changed.connect(self._state)
        if saver.last_saved_at:
            self._saved(None, saver.last_saved_at)

    def _saved(self, _key, at: str) -> None:
        if not self.saver.dirty():
            self._slow.stop()
            self.setStyleSheet("color: #1f5f1f;")
            self.setText(f"Enregistré à {at}")
            self.setToolTip("Tout ce qui est saisi est enregistré dans le coffre chiffré.")

    def _failed(self, _key, message: str) -> None:
        self._slow.stop()
        self.setStyleSheet(ERROR_STYLE)
        self.setText(f"Non enregistré : {message}")
        self.setToolTip(message)

    def _show_saving(self) -> None:
        if self.saver.state == "saving":
            self.setStyleSheet(MUTED_STYLE)
            self.setText("Enregistrement…")

    def _state(self, state: str) -> None:
        if state == "saving":
            if not self._slow.isActive():
                self._slow.start()
        elif state == "saved" and self.saver.last_saved_at:
            self._saved(None, self.saver.last_saved_at)
