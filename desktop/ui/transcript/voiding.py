"""« Annuler l'entrée… » (finding M3): an entry typed by mistake is annulled with a reason,
never deleted; the PV mentions it. The work is desktop.core.hearing.corrections.void_entry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit

from desktop.ui.transcript.dialogs import prompt_layout
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, make_action
from desktop.ui.widgets import fr_label as label

VOID_SHORTCUT = "Ctrl+Del"


class VoidDialog(QDialog):
    chosen = Signal(str)

    def __init__(self, seq: int, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("void_dialog")
        self.setWindowTitle(f"Annuler l'entrée n° {seq}")
        self.reason = QLineEdit()
        self.reason.setObjectName("void_reason")
        self.reason.setPlaceholderText("Motif (ex. erreur de saisie, question mal attribuée)")
        self.reason.setMinimumWidth(440)
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        ok = button("&Annuler l'entrée", self._submit, None, "Annuler l'entrée (Entrée)")
        ok.setDefault(True)
        cancel = button("Ne rien changer", self.reject, None, "Ne rien changer (Échap)")
        self.setLayout(
            prompt_layout(
                label(
                    "L'entrée reste dans le fil et figure au procès-verbal comme annulée, "
                    "avec ce motif et l'heure.",
                    MUTED_STYLE,
                ),
                self.reason,
                self.error,
                cancel,
                ok,
            )
        )
        self.reason.setFocus()

    def _submit(self) -> None:
        text = " ".join(self.reason.text().split())
        if not text:
            self.error.setText("Indiquez le motif de l'annulation : il figure au procès-verbal.")
            self.error.setVisible(True)
            return
        self.accept()
        self.chosen.emit(text)


def install(panel) -> None:
    """Add « Annuler l'entrée… » to the transcript panel (on the selected history row)."""
    action = make_action(
        panel.table,
        "Annuler l'entrée…",
        lambda: void_selected(panel),
        VOID_SHORTCUT,
        "Annuler l'entrée sélectionnée (motif demandé, jamais effacée)",
    )
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)


def void_selected(panel) -> None:
    index = panel.table.currentIndex()
    if not index.isValid():
        return
    entry = panel.model.entries[index.row()]
    if entry.kind != "qr":
        return
    dialog = VoidDialog(entry.seq, panel)
    dialog.chosen.connect(lambda reason: _void(panel, entry.id, reason))
    dialog.open()


def _void(panel, entry_id: int, reason: str) -> None:
    from desktop.core.hearing.corrections import void_entry

    rid = panel.record_id

    def job(s):
        void_entry(s, entry_id, reason)
        return s.records.get(rid).meta

    def done(meta) -> None:
        panel.meta = meta
        panel.model.set_meta(meta)

    panel.ctx.saver.save(None, job, on_saved=done)
