"""The export dialog: destination, optional recording and scellé, procedure bundle or
pseudonymised copy; the job runs in the vault worker (ctx.tasks), a progress bar appears
when it lasts more than a second, and « Annuler » stops it with nothing written.

The core does the work (desktop.core.export.bundle); this is only its view.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QWidget,
)

from desktop.ui.tasks import error_message
from desktop.ui.widgets import MUTED_STYLE, button, hbox, label, make_action, title, vbox

PROGRESS_AFTER_MS = 1000
ERROR_STYLE = "color: #a31515;"
OK_STYLE = "color: #1b5e20;"


class _Bridge(QObject):
    """Carries progress from the worker thread to the GUI thread (queued signal)."""

    progressed = Signal(float, str)
    hashing = Signal(float)  # the recording's SHA-256 being computed (M8)


class ExportDialog(QDialog):
    """« Exporter vers la procédure » for one case."""

    finished_export = Signal(object)  # the ExportResult, on the GUI thread

    def __init__(self, ctx, case_id: int, parent: QWidget | None = None, label_text: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        self.result = None
        self.progress_after_ms = PROGRESS_AFTER_MS
        self._cancel = threading.Event()
        self._running = False
        self._reviewed: list[str] | None = None  # names kept at « Relecture avant diffusion »
        self.review = None  # the ReviewDialog while it is open
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progress)
        self.setObjectName("export_dialog")
        self.setWindowTitle("Exporter vers la procédure")
        self.setMinimumWidth(680)  # room for the whole SHA-256 of the recording

        heading = title("Exporter vers la procédure", 14)
        intro = label(
            "Les pièces scellées du dossier (PV, annexes, CMI transmis, fiche de signalement) "
            "sont écrites dans un nouveau dossier avec leur empreinte SHA-256 (manifest.json) "
            "et un bordereau de transmission scellé. Un export interrompu ne laisse rien.",
            MUTED_STYLE,
        )
        if label_text:
            intro.setText(f"{label_text}. {intro.text()}")

        self.procedure = QRadioButton("Pièces pour la procédure")
        self.procedure.setChecked(True)
        self.pseudo = QRadioButton(
            "Copie pseudonymisée (associations, statistiques : initiales et âge seulement)"
        )
        self.procedure.toggled.connect(self._mode_changed)

        self.out = QLineEdit()
        self.out.setObjectName("export_out")
        self.out.setPlaceholderText("Dossier ou clé USB de destination")
        self.recording = QLineEdit()
        self.recording.setObjectName("export_recording")
        self.recording.setPlaceholderText("Facultatif : fichier de l'enregistrement (706-52)")
        self.scelle = QLineEdit()
        self.scelle.setObjectName("export_scelle")
        self.scelle.setPlaceholderText("N° du scellé de l'original")
        self.mark = QCheckBox("Déclarer le dossier « transmis » une fois l'export écrit")

        form = QFormLayout()
        form.addRow("Destination", hbox(self.out, button("Choisir…", self._choose_out)))
        self.recording_row = hbox(self.recording, button("Choisir…", self._choose_recording))
        form.addRow("Enregistrement", self.recording_row)
        self.recording_hash = label("", MUTED_STYLE)
        self.recording_hash.setObjectName("export_recording_hash")
        self.recording_hash.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_bar = QProgressBar()
        self.hash_bar.setObjectName("export_hash_progress")
        self.hash_bar.setRange(0, 100)
        self.hash_bar.setVisible(False)
        form.addRow("", vbox(self.hash_bar, self.recording_hash))
        # the hash row shows only with something in it (no empty row above « Scellé n° »)
        self._hash_row = (form, form.rowCount() - 1)
        form.setRowVisible(form.rowCount() - 1, False)
        self._hash_cancel = threading.Event()
        self._bridge.hashing.connect(lambda f: self.hash_bar.setValue(int(round(f * 100))))
        self.recording.editingFinished.connect(self._hash_recording)
        form.addRow("Scellé n°", self.scelle)

        self.bar = QProgressBar()
        self.bar.setObjectName("export_progress")
        self.bar.setRange(0, 100)
        self.bar.setVisible(False)
        self.step = label("", MUTED_STYLE)
        self.message = label("")
        self.message.setObjectName("export_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.go = button("Exporter", self.start, shortcut="Ctrl+Return")
        self.go.setObjectName("export_go")
        self.go.setDefault(True)
        self.cancel = button("Fermer", self._cancel_or_close, shortcut="Esc")
        self.cancel.setObjectName("export_cancel")
        self.open_folder = button("Ouvrir le dossier", self._open_folder)
        self.open_folder.setVisible(False)

        self.setLayout(
            vbox(
                heading,
                intro,
                self.procedure,
                self.pseudo,
                form,
                self.mark,
                self.bar,
                self.step,
                self.message,
                None,
                hbox(self.open_folder, None, self.cancel, self.go),
                margin=14,
                spacing=8,
            )
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_progress)

    # -- inputs -------------------------------------------------------------------------------
    def _mode_changed(self) -> None:
        procedure = self.procedure.isChecked()
        for w in (self.recording, self.scelle, self.mark):
            w.setEnabled(procedure)

    def _choose_out(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Dossier de destination de l'export")
        if path:
            self.out.setText(path)

    def _choose_recording(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Fichier de l'enregistrement audiovisuel")
        if path:
            self.recording.setText(path)
            self._hash_recording()

    def _hash_recording(self) -> None:
        """M8: the recording's SHA-256, computed in the worker with a progress bar, shown
        before the export (which checks it against the one in the sealed PV)."""
        path = self.recording.text().strip()
        if path and path == getattr(self, "_hashed_path", None):
            return  # this file's hash is shown (or on its way): keep it
        self._hash_cancel.set()  # a previous file's hash is abandoned
        self._hashed_path = None
        self.recording_hash.setText("")
        self.hash_bar.setVisible(False)
        self._show_hash_row()
        if not path:
            return
        self._hashed_path = path
        cancel = self._hash_cancel = threading.Event()
        bridge = self._bridge

        from desktop.ui.wizard.recording_hash import recording_hash_job

        job = recording_hash_job(path, cancel, bridge.hashing.emit)
        self.hash_bar.setValue(0)
        self.hash_bar.setVisible(True)
        self.recording_hash.setText("Calcul de l'empreinte SHA-256 de l'enregistrement…")
        self._show_hash_row()
        self.ctx.tasks.call(job, parent=self).success(self._hashed).failure(self._hash_failed).run()

    def _show_hash_row(self) -> None:
        """The hash row is shown while hashing or when it holds a hash or an error."""
        form, row = self._hash_row
        form.setRowVisible(row, not self.hash_bar.isHidden() or bool(self.recording_hash.text()))

    def _hashed(self, info) -> None:
        self.hash_bar.setVisible(False)
        if self.recording.text().strip() != self._hashed_path:
            self._show_hash_row()
            return
        size = f"{info.size / 1_000_000:.1f}".replace(".", ",")
        self.recording_hash.setStyleSheet(MUTED_STYLE)
        self.recording_hash.setText(f"SHA-256 ({size} Mo) :\n{info.sha256}")  # never cut
        self._show_hash_row()
        self._grow()

    def _hash_failed(self, exc: BaseException) -> None:
        self.hash_bar.setVisible(False)
        self._hashed_path = None
        if type(exc).__name__ != "ExportCancelled":
            self.recording_hash.setStyleSheet(ERROR_STYLE)
            self.recording_hash.setText(error_message(exc))
        self._show_hash_row()

    def _fail(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self._grow()

    def _grow(self) -> None:
        """Make the dialog tall enough for its wrapped texts: Qt does not grow a top-level
        window for a label that wraps, it squeezes the other rows (the recording's hash)."""
        layout = self.layout()
        layout.activate()
        need = layout.totalHeightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)

    # -- the job ------------------------------------------------------------------------------
    def start(self) -> None:
        if self._running:
            return
        out = self.out.text().strip()
        if not out:
            self._fail("Choisissez le dossier de destination de l'export.")
            return
        pseudonymised = self.pseudo.isChecked()
        recording = self.recording.text().strip() if not pseudonymised else ""
        scelle = self.scelle.text().strip()
        if recording and not scelle:
            self._fail("Indiquez le numéro du scellé sous lequel l'enregistrement est placé.")
            return
        mark = self.mark.isChecked() and not pseudonymised
        case_id = self.case_id
        if pseudonymised and self._reviewed is None:
            self._start_review()
            return
        extra_names, self._reviewed = self._reviewed or [], None
        cancel = self._cancel
        cancel.clear()
        bridge = self._bridge

        def progress(fraction: float, message: str) -> None:
            bridge.progressed.emit(fraction, message)  # from the worker: queued to the GUI

        def job(session):
            from desktop.core.export.bundle import export_case, export_pseudonymised

            if pseudonymised:
                result = export_pseudonymised(
                    session,
                    case_id,
                    Path(out),
                    progress=progress,
                    cancelled=cancel.is_set,
                    extra_names=extra_names,
                )
            else:
                result = export_case(
                    session,
                    case_id,
                    Path(out),
                    recording=Path(recording) if recording else None,
                    scelle=scelle,
                    progress=progress,
                    cancelled=cancel.is_set,
                )
            if mark:
                from desktop.core.export.retention import mark_transmitted

                mark_transmitted(session, case_id)
            return result

        self._running = True
        self.go.setEnabled(False)
        self.cancel.setText("Annuler")
        self.message.setText("")
        self.open_folder.setVisible(False)
        self.bar.setValue(0)
        self._timer.start(max(0, self.progress_after_ms))
        self.ctx.tasks.op(job, parent=self).success(self._done).failure(self._failed).run()

    def _start_review(self) -> None:
        """Candidates found in the worker (spaCy loads there), then the review dialog."""
        from desktop.core.export.review import review_candidates

        case_id = self.case_id
        self._running = True
        self.go.setEnabled(False)
        self.message.setText("")
        self.step.setText("Recherche des noms à relire…")
        self.ctx.tasks.op(lambda s: review_candidates(s, case_id), parent=self).success(
            self._show_review
        ).failure(self._failed).run()

    def _show_review(self, candidates) -> None:
        from desktop.ui.review import ReviewDialog

        self._finish()
        self.review = ReviewDialog(candidates, self)
        self.review.accepted.connect(self._reviewed_ok)
        self.review.open()

    def _reviewed_ok(self) -> None:
        self._reviewed = self.review.confirmed()
        self.review = None
        self.start()

    def _show_progress(self) -> None:
        if self._running:
            self.bar.setVisible(True)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(int(round(fraction * 100)))
        self.step.setText(message)

    def _finish(self) -> None:
        self._running = False
        self._timer.stop()
        self.bar.setVisible(False)
        self.step.setText("")
        self.go.setEnabled(True)
        self.cancel.setText("Fermer")

    def _done(self, result) -> None:
        self._finish()
        self.result = result
        n = len(result.pieces)
        what = "Copie pseudonymisée écrite" if result.kind != "procedure" else "Export écrit"
        text = (
            f"{what} dans « {result.path} » : {n} pièce{'s' if n > 1 else ''} "
            f"scellée{'s' if n > 1 else ''}, bordereau de transmission et manifeste."
        )
        if result.skipped:
            text += " Non exportés (projets non scellés) : " + ", ".join(
                s.title for s in result.skipped
            )
        self.message.setStyleSheet(OK_STYLE)
        self.message.setText(text)
        self.open_folder.setVisible(True)
        self._grow()
        self.finished_export.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self._fail(error_message(exc))

    def _cancel_or_close(self) -> None:
        if self._running:
            self._cancel.set()
            self.step.setText("Annulation…")
            return
        self.reject()

    def reject(self) -> None:  # Esc while running cancels instead of closing
        if self._running:
            self._cancel_or_close()
            return
        self._hash_cancel.set()
        super().reject()

    def _open_folder(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path)))


def export_action(ctx, parent: QWidget, case_id, shortcut: str | None = "Ctrl+Shift+E"):
    """A QAction « Exporter vers la procédure… » for a menu or toolbar.

    `case_id` is a callable returning the current case id (None: nothing to export).
    """

    def trigger() -> None:
        current = case_id()
        if current is None:
            return
        ExportDialog(ctx, current, parent).open()

    return make_action(
        parent,
        "Exporter vers la procédure…",
        trigger,
        shortcut=shortcut,
        tip="Exporter les pièces scellées du dossier vers la procédure",
    )
