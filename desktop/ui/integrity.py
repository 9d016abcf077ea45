"""The full integrity check of the vault, run in the worker right after unlock.

Unlock itself reads only what it needs (its cost does not grow with the vault); every page of
the databases is checked here, while the officer already sees the main window. The status bar
says that the check runs and how it ended; a damaged base gets a French alert that says what
to do. Jobs queued meanwhile (opening a case) run after it on the same worker.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

RUNNING = "Contrôle d'intégrité du coffre en cours…"
DONE = "Coffre vérifié : aucune page altérée."
ADVICE = (
    "Les données déjà lues restent affichées, mais n'enregistrez rien de nouveau : "
    "fermez Trame et restaurez la dernière sauvegarde (menu Administration ou "
    "« trame restore »), puis prévenez l'administrateur."
)


def check_after_unlock(ctx, window: QMainWindow) -> None:
    """Queue `Session.integrity_problems()` and report in `window`'s status bar.

    The label is `window.findChild(QLabel, "integrity")`: RUNNING, then DONE or the problem.
    """
    label = window.findChild(QLabel, "integrity")
    if label is None:
        label = QLabel()
        label.setObjectName("integrity")
        window.statusBar().addWidget(label)
    label.setText(RUNNING)

    def done(problems: list[str]) -> None:
        if problems:
            label.setText("Coffre endommagé : voir le message.")
            ctx.show_error(" ".join(problems) + " " + ADVICE, window)
        else:
            label.setText(DONE)

    def failed(exc: BaseException) -> None:
        label.setText("Coffre endommagé : voir le message.")
        ctx.show_error(exc, window)

    ctx.tasks.op(lambda s: s.integrity_problems()).success(done).failure(failed).run()


def show_unlock_warnings(ctx, window: QMainWindow) -> None:
    """Show the Session's French warnings (`Session.warnings`: the vault went backwards, an
    older vault's medical recovery key to renew) in a window-modal box over `window`; the
    same sentences the command line prints on stderr. Nothing when there are none."""

    def done(warnings: list[str]) -> None:
        if warnings:
            ctx.show_error("\n\n".join(warnings), window)

    ctx.tasks.op(lambda s: list(s.warnings)).success(done).run()
