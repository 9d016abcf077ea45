"""Once the text is signed, a change of it asks a confirmation and a reason (issue 16).

The change itself stays possible (a material error must be correctable before the seal),
but it makes every signature « périmée » (desktop.core.pv.binding) and its reason is kept
in the vault and audited (desktop.core.records.signed_edits). Used by the transcript panel,
its voiding dialog and the step-form view; kept apart so that their modules only call in.

    refresh_signed(ctx, record_id, parent, lambda signers: …)   # in a worker; () unsigned
    reason = ask_reason(parent, signers)                         # None: cancelled
    dialog = SignedEditDialog(signers, parent)                   # .chosen(reason) / .rejected
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLineEdit

from desktop.core.records.signed_edits import confirmation_text
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, WARNING_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label

REASON_HINT = (
    "Raison de la modification (conservée dans le coffre ; la modification est tracée au journal) :"
)
NO_REASON = "Indiquez la raison de la modification : le texte a déjà été signé."

STALE_NOTICE = (
    "Correction enregistrée. Les signatures sont périmées : faites relire le procès-verbal "
    "et signer de nouveau (étape des signatures)."
)


def refresh_signed(ctx, record_id: int, parent, done) -> None:
    """Ask the vault (worker) who holds a valid signature on the record's text;
    `done(tuple of « name (role) »)` on the UI thread (empty: nothing to confirm)."""
    from desktop.core.records.signed_edits import signed_text

    ctx.tasks.op(lambda s: signed_text(s, record_id).signers, parent=parent).success(
        done
    ).quiet().run()


class SignedEditDialog(QDialog):
    """« Texte déjà signé »: who will have to re-read and re-sign, and the reason (required).

    `chosen(reason)` once confirmed with a reason; `rejected` when the officer changes
    nothing (Échap, « Ne rien modifier »)."""

    chosen = Signal(str)

    def __init__(self, signers, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setObjectName("signed_edit_dialog")
        self.setWindowTitle("Texte déjà signé")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.warning = label(confirmation_text(tuple(signers)), WARNING_STYLE)
        self.warning.setObjectName("signed_edit_warning")
        self.reason = QLineEdit()
        self.reason.setObjectName("signed_edit_reason")
        self.reason.setPlaceholderText(
            "Ex. : erreur de frappe relevée par la mineure à la relecture"
        )
        self.reason.setMinimumWidth(480)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("signed_edit_error")
        self.error.setVisible(False)
        self.ok = button("&Modifier quand même", self._submit, None, "Modifier (Entrée)")
        self.ok.setObjectName("signed_edit_ok")
        self.ok.setDefault(True)
        self.cancel = button("Ne rien modifier", self.reject, None, "Ne rien modifier (Échap)")
        self.cancel.setObjectName("signed_edit_cancel")
        self.setLayout(
            vbox(
                self.warning,
                label(REASON_HINT, MUTED_STYLE),
                self.reason,
                self.error,
                hbox(None, self.cancel, self.ok),
                margin=16,
                spacing=8,
            )
        )
        self.reason.setFocus()

    def _submit(self) -> None:
        text = " ".join(self.reason.text().split())
        if not text:
            self.error.setText(NO_REASON)
            self.error.setVisible(True)
            self.reason.setFocus()
            return
        self.accept()
        self.chosen.emit(text)


def ask_reason(parent, signers=()) -> str | None:
    """The dialog, modal: the reason, or None when cancelled."""
    dialog = SignedEditDialog(signers or ("La personne entendue",), parent)
    got: list[str] = []
    dialog.chosen.connect(got.append)
    dialog.exec()
    return got[0] if got else None


class StaleBanner:
    """A red line above a signature step: whose signature is « périmée » and what to do.

    banner = StaleBanner(ctx, record_id, parent)   # banner.label goes into the layout
    banner.refresh()                               # after a save (runs in the worker)
    """

    def __init__(self, ctx, record_id: int, parent):
        from PySide6.QtWidgets import QLabel

        self.ctx, self.record_id = ctx, record_id
        self.label = QLabel(parent)
        self.label.setObjectName("stale_signatures")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #a40000; font-weight: bold;")
        self.label.setVisible(False)
        self.refresh()

    @staticmethod
    def watches(fields) -> bool:
        from desktop.core.pv.binding import SIGNATURE_FIELDS

        return any(f.id in SIGNATURE_FIELDS.values() for f in fields)

    def refresh(self) -> None:
        from desktop.core.pv.binding import signature_states

        rid = self.record_id
        self.ctx.tasks.op(lambda s: signature_states(s, rid), parent=self.label).success(
            self._show
        ).quiet().run()

    def _show(self, states) -> None:
        stale = [st.name or st.role for st in states if st.stale]
        self.label.setText(
            "Signature périmée : "
            + ", ".join(stale)
            + ". Le texte a changé depuis la signature (ou elle n'est rattachée à aucun texte) : "
            "faites relire le procès-verbal et signer de nouveau ; le sceau est refusé d'ici là."
            if stale
            else ""
        )
        self.label.setVisible(bool(stale))
