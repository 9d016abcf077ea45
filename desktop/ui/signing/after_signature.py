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
