"""Usability (anyone printing a PV): Qt's own dialogs speak French once Trame has started.

Found printing a procès-verbal: the print dialog showed « Page &Set: » among French texts;
qtbase_fr (PySide6's translations folder) is loaded at start but lacks that text, so Trame
adds it (desktop.ui.context.MISSING_FR)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QGroupBox, QLabel

ENGLISH = ("Page &Set", "Cancel", "Print", "Options", "Copies:", "Pages from")


def test_standard_dialogs_are_french_after_start(qtbot, controller):
    window = controller.start()  # the real start: AppContext.create installs the translators
    qtbot.waitExposed(window)

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, window)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuler"

    dialog = QPrintDialog(QPrinter(), window)
    texts = [w.text() for w in dialog.findChildren(QLabel)]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    texts += [w.title() for w in dialog.findChildren(QGroupBox)]
    assert "&Jeu de pages\u00a0:" in texts, texts
    assert "Annuler" in texts and "Im&primer" in texts, texts
    english = [t for t in texts if any(t.startswith(e) for e in ENGLISH)]
    assert not english, english
    dialog.deleteLater()
