"""« Annuler l'entrée… » (finding M3): an entry typed by mistake is annulled with a reason,
never deleted; the PV mentions it. The work is desktop.core.records.signed_edits
.void_entry_signed: once the text is signed (issue 16), the dialog names who will have to
re-read and re-sign, and the voiding reason is also kept as the reason of a change after
signature (audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit

from desktop.ui.transcript.dialogs import prompt_layout
from desktop.ui.widgets import (
    ERROR_STYLE,
    MUTED_STYLE,
    WARNING_STYLE,
    button,
    make_action,
    vbox,
)
from desktop.ui.widgets import fr_label as label

VOID_SHORTCUT = "Ctrl+Del"
VOID_STALE_NOTICE = (
    "Annulation enregistrée. Les signatures sont périmées : faites relire le procès-verbal "
    "et signer de nouveau (étape des signatures)."
)


class VoidDialog(QDialog):
    chosen = Signal(str)

    def __init__(self, seq: int, parent=None, signers=()):
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
        hint = label(
            "L'entrée reste dans le fil et figure au procès-verbal comme annulée, "
            "avec ce motif et l'heure.",
            MUTED_STYLE,
        )
        if signers:  # issue 16: the text was signed
            from desktop.core.records.signed_edits import confirmation_text

            self.signed = label(
                confirmation_text(tuple(signers), "Annuler cette entrée")
                + " Le motif est conservé dans le coffre "
                "et l'annulation est tracée au journal.",
                WARNING_STYLE,
            )
            self.signed.setObjectName("void_signed_warning")
            hint = vbox(self.signed, hint)
        self.setLayout(
            prompt_layout(
                hint,
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
    dialog = VoidDialog(entry.seq, panel, signers=panel.signers)
    dialog.chosen.connect(lambda reason: _void(panel, entry.id, reason))
    dialog.open()


def _void(panel, entry_id: int, reason: str) -> None:
    from desktop.core.records.signed_edits import void_entry_signed
    from desktop.ui.signing import after_signature

    rid = panel.record_id

    def job(s):
        signed = void_entry_signed(s, entry_id, reason)
        return s.records.get(rid).meta, signed

    def done(value) -> None:
        meta, signed = value
        panel.meta = meta
        panel.model.set_meta(meta)
        if signed:
            panel._flash(VOID_STALE_NOTICE)
            after_signature.refresh_signed(panel.ctx, rid, panel, panel._set_heard_signed)

    panel.ctx.saver.save(None, job, on_saved=done)
