"""The doctor's other documents, beside « Transmettre le CMI »:

- « Bordereau de remise des prélèvements » (on réquisition): the receiving officer enters a
  scellé number per sample, name, quality and service, signs on screen; the doctor signs;
  the sealed bordereau goes to the case with the CMI (desktop.core.documents.medical.bordereau);
- « Signalement au procureur » (no réquisition, art. 226-14 CP): addressee and the doctor's
  signature; sealed and kept in the medical database (desktop.core.documents.medical.handover).

Each dialog is one-line calls over the core, run in the worker; errors stay next to fields.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.medical.samples import site_label
from desktop.core.medical.validation import FieldError, FieldIssue
from desktop.ui.checklists.common import FieldErrors, with_error
from desktop.ui.signing import SignaturePad
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, label

PARQUET = "procureur de la République près le tribunal judiciaire de "
TOWN_MISSING = (
    "Complétez le destinataire : le tribunal judiciaire de quelle ville ? (par exemple "
    "« … près le tribunal judiciaire de Paris »)."
)


def _pad(name: str) -> SignaturePad:
    pad = SignaturePad()
    pad.setAccessibleName(name)
    pad.setMinimumSize(300, 110)
    return pad


class _CoreDialog(QDialog):
    """A dialog whose « Sceller » runs a core call in the worker and shows its errors."""

    def __init__(self, ctx, title: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(title)
        self.errors = FieldErrors()
        self.message = label("", ERROR_STYLE)
        self.message.setObjectName("dialog_message")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.result_document = None
        self.setMinimumWidth(560)  # a message under a field fits on one or two lines

    def job(self):  # -> callable(session) -> Document
        raise NotImplementedError

    def submit(self) -> None:
        job = self.job()
        if job is None:
            return
        self.ok_button.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Scellement en cours…")
        self.ctx.tasks.op(job, parent=self).success(self._done).failure(self._failed).run()

    def _done(self, document) -> None:
        self.result_document = document
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        if isinstance(exc, FieldError):
            self.errors.show(exc.issues)
            self.message.setText("Document non scellé : corrigez les champs signalés.")
        else:
            self.message.setText(error_message(exc))
        self._fit()

    def _fit(self) -> None:
        """Grow to show every message whole: a dialog keeps its size when word-wrapped lines
        appear, and Qt then cuts them in half over the next field."""
        lay = self.layout()
        lay.activate()
        width = self.width()
        needed = (
            lay.totalHeightForWidth(width)
            if lay.hasHeightForWidth()
            else lay.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(width, needed)


class BordereauDialog(_CoreDialog):
    """Scellé numbers per sample, the receiving officer, both signatures drawn on screen."""

    def __init__(self, ctx, record_id: int, samples, clock, parent: QWidget | None = None):
        super().__init__(
            ctx, "Bordereau de remise des prélèvements", "Sceller le bordereau", parent
        )
        self.record_id, self.clock = record_id, clock
        self.setObjectName("bordereau_dialog")
        self.officer_name = QLineEdit()
        self.officer_quality = QLineEdit()
        self.officer_quality.setPlaceholderText("capitaine de police, OPJ")
        self.officer_service = QLineEdit()
        who = QFormLayout()
        who.addRow(
            "Nom de l'enquêteur :", with_error(self.officer_name, self.errors.make("remis_a"))
        )
        who.addRow(
            "Qualité :", with_error(self.officer_quality, self.errors.make("remis_a_qualite"))
        )
        who.addRow(
            "Service :", with_error(self.officer_service, self.errors.make("remis_a_service"))
        )
        seals = QFormLayout()
        self.seal_edits: dict[int, QLineEdit] = {}
        for i, s in enumerate(samples, start=1):
            edit = QLineEdit(s.seal_number)
            edit.setAccessibleName(f"Scellé du prélèvement {s.number}")
            self.seal_edits[s.number] = edit
            seals.addRow(
                f"Prélèvement n°\u00a0{s.number} ({site_label(s.site).lower()}) — scellé n° :",
                with_error(edit, self.errors.make(f"prelevements.{i}.scelle_numero")),
            )
        self.officer_pad = _pad("Signature de l'enquêteur")
        self.doctor_pad = _pad("Signature du médecin")
        box_who = QGroupBox("Enquêteur qui reçoit les prélèvements")
        box_who.setLayout(who)
        box_seals = QGroupBox("Numéros de scellés (donnés par l'OPJ)")
        box_seals.setLayout(seals)
        lay = QVBoxLayout(self)
        lay.addWidget(box_who)
        lay.addWidget(box_seals)
        lay.addWidget(label("Signature de l'enquêteur (reçoit les prélèvements) :"))
        lay.addWidget(with_error(self.officer_pad, self.errors.make("signature_enqueteur")))
        lay.addWidget(label("Signature du médecin (remet les prélèvements) :"))
        lay.addWidget(with_error(self.doctor_pad, self.errors.make("signature_medecin")))
        lay.addWidget(self.errors.make("*"))
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def job(self):
        from desktop.core.documents.medical.bordereau import Receiver, seal_bordereau

        receiver = Receiver(
            self.officer_name.text(), self.officer_quality.text(), self.officer_service.text()
        )
        seals = {n: e.text().strip() for n, e in self.seal_edits.items()}
        officer, doctor = self.officer_pad.to_png(), self.doctor_pad.to_png()
        rid, clock = self.record_id, self.clock
        return lambda s: seal_bordereau(
            s,
            rid,
            receiver=receiver,
            seal_numbers=seals,
            officer_png=officer,
            doctor_png=doctor,
            clock=clock,
        )


class SignalementDialog(_CoreDialog):
    """The doctor's signalement to the procureur (art. 226-14 CP): addressee, signature."""

    def __init__(self, ctx, record_id: int, clock, parent: QWidget | None = None):
        super().__init__(ctx, "Signalement au procureur de la République", "Sceller", parent)
        self.record_id, self.clock = record_id, clock
        self.setObjectName("signalement_dialog")
        self.parquet = QLineEdit(PARQUET)
        self.parquet.setAccessibleName("Destinataire du signalement")
        self.pad = _pad("Signature du médecin")
        form = QFormLayout()
        form.addRow("Destinataire :", with_error(self.parquet, self.errors.make("parquet")))
        lay = QVBoxLayout(self)
        lay.addWidget(
            label(
                "Sans réquisition, le médecin peut alerter le procureur de la République "
                "(article 226-14 du code pénal). Le signalement est scellé et conservé au dossier "
                "médical ; il n'est pas copié dans le dossier d'enquête.",
                MUTED_STYLE,
            )
        )
        lay.addLayout(form)
        lay.addWidget(label("Signature du médecin :"))
        lay.addWidget(with_error(self.pad, self.errors.make("signature_medecin")))
        lay.addWidget(self.errors.make("*"))
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def job(self):
        from desktop.core.documents.medical.handover import signal_to_prosecutor

        parquet, png = self.parquet.text(), self.pad.to_png()
        if parquet.strip() == PARQUET.strip():  # the town left out: « … judiciaire de » alone
            self.errors.show([FieldIssue("parquet", TOWN_MISSING)])
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("Document non scellé : corrigez les champs signalés.")
            self._fit()
            self.parquet.setFocus()
            self.parquet.end(False)
            return None
        rid, clock = self.record_id, self.clock
        return lambda s: signal_to_prosecutor(s, rid, parquet=parquet, doctor_png=png, clock=clock)
