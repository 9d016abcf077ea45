"""First seal of an account: a guided dialog creates its sealing certificate.

    CertificateDialog(ctx, name="Léa FABRE", organization="BPM", parent=view)
        .created -> the CertRecord, once written in the vault (by the worker)

The certificate is self-signed (desktop.core.seal.certs): it proves integrity and who sealed,
not a qualified electronic signature; the dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit

from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, label, title, vbox

EXPLANATION = (
    "Pour sceller un document, votre compte a besoin d'un certificat de sceau. Il est créé "
    "une seule fois, gardé chiffré dans le coffre, et son empreinte figure dans chaque PV "
    "scellé. Le sceau prouve l'intégrité du document et qui l'a scellé ; ce n'est pas une "
    "signature électronique qualifiée. Un certificat sur carte (PKCS#12) peut être importé "
    "à la place : « trame cert import »."
)


class CertificateDialog(QDialog):
    created = Signal(object)  # CertRecord

    def __init__(self, ctx, name: str = "", organization: str = "", unit: str = "", parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.setObjectName("certificate_dialog")
        self.setWindowTitle("Créer mon certificat de sceau")
        self.name = QLineEdit(name)
        self.name.setObjectName("cert_name")
        self.name.setPlaceholderText("Prénom NOM, tel qu'il doit figurer dans le sceau")
        self.organization = QLineEdit(organization)
        self.organization.setObjectName("cert_organization")
        self.organization.setPlaceholderText("Direction, préfecture de police…")
        self.unit = QLineEdit(unit)
        self.unit.setObjectName("cert_unit")
        self.unit.setPlaceholderText("Brigade, service")
        form = QFormLayout()
        form.addRow("&Prénom et nom", self.name)
        form.addRow("&Organisme", self.organization)
        form.addRow("&Unité", self.unit)
        self.error = label("", ERROR_STYLE)
        self.error.setVisible(False)
        self.ok = button("&Créer le certificat", self._submit)
        self.ok.setObjectName("cert_create")
        self.ok.setDefault(True)
        cancel = button("Annuler", self.reject, None, "Annuler (Échap)")
        self.setLayout(
            vbox(
                title("Créer mon certificat de sceau", 14),
                label(EXPLANATION, MUTED_STYLE),
                form,
                self.error,
                hbox(None, cancel, self.ok),
                margin=14,
                spacing=8,
            )
        )
        self.setMinimumWidth(520)
        self.name.setFocus()

    def _submit(self) -> None:
        name, org, unit = self.name.text(), self.organization.text(), self.unit.text()
        if not name.strip():
            self._fail("Indiquez vos prénom et nom : ils figurent dans le sceau.")
            return
        from desktop.core.documents import create_seal_certificate

        self.ok.setEnabled(False)
        self.ctx.tasks.op(
            lambda s: create_seal_certificate(s, name, org, unit), parent=self
        ).success(self._done).failure(self._failed).run()

    def _done(self, record) -> None:
        self.created.emit(record)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self._fail(error_message(exc))

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
