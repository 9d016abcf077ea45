"""Once the person heard has signed, a change of the text asks for a reason (issue 16).

The change itself stays possible (a material error must be correctable before the seal),
but it makes every signature « périmée » (desktop.core.pv.binding) and its reason is kept
in the vault and audited. Used by the transcript panel; kept apart so that its owner's
module only calls two functions.

    refresh_signed(ctx, record_id, parent, lambda signed: …)   # in a worker
    reason = ask_reason(parent)                                # None: cancelled
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit

QUESTION = (
    "La personne entendue a déjà signé ce texte. Le modifier rendra sa signature (et celles "
    "des autres signataires) périmée : il faudra relire le procès-verbal et signer de "
    "nouveau.\n\nRaison de la modification (conservée dans le coffre) :"
)

STALE_NOTICE = (
    "Correction enregistrée. Les signatures sont périmées : faites relire le procès-verbal "
    "et signer de nouveau (étape des signatures)."
)


def refresh_signed(ctx, record_id: int, parent, done) -> None:
    """Ask the vault (worker) whether the person heard has signed; `done(bool)` on the UI."""
    from desktop.core.pv.binding import heard_person_signed

    ctx.tasks.op(lambda s: heard_person_signed(s, record_id), parent=parent).success(
        done
    ).quiet().run()


def ask_reason(parent) -> str | None:
    text, ok = QInputDialog.getText(
        parent, "Texte déjà signé", QUESTION, QLineEdit.EchoMode.Normal, ""
    )
    text = " ".join(text.split()) if ok else ""
    return text or None


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
