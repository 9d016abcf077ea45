"""« Certificats de sceau »: each account sees its own certificate (holder, SHA-256
fingerprint, validity), creates one with a guided dialog or imports a PKCS#12 (the password
opens the file once and is kept nowhere), exports the public certificate for those who
verify, and seals a test page to check it works. The administrator sees every account's
certificates and can disable one.

Every call goes to desktop.core.admin.certificates (the store `trame cert` uses).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from desktop.ui.admin.common import OK_STYLE, choose_path, fill, form_row, read_only_table
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, title, vbox
from desktop.ui.widgets import fr_label as label


def _fr_iso_date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else "—"


class CertificatesPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("certs_page")
        self.views: list = []
        self.trial = None
        self.own = label("")
        self.own.setObjectName("certs_own")
        self.own.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        own_box = QGroupBox("Votre certificat de sceau")
        own_box.setLayout(vbox(self.own))
        self.table = read_only_table(
            ["Titulaire", "Compte", "Empreinte SHA-256", "Valable jusqu'au", "État"],
            "certs_table",
            stretch=2,
        )
        self.create = button(
            "&Créer un certificat…", self.open_create, tip="Créer une clé et un certificat"
        )
        self.import_button = button(
            "&Importer un PKCS#12…", self.open_import, tip="Installer un fichier .p12 ou .pfx"
        )
        self.export_button = button(
            "E&xporter le certificat public…",
            self.choose_export,
            tip="Écrire le certificat (sans la clé) pour ceux qui vérifient vos documents",
        )
        self.disable = button(
            "Désac&tiver", self.disable_selected, tip="Désactiver le certificat sélectionné"
        )
        self.try_button = button(
            "&Essayer le sceau", self.try_seal, tip="Sceller une page d'essai et la vérifier"
        )
        self.try_button.setObjectName("certs_try")
        self.message = label("")
        self.message.setObjectName("certs_message")
        own_tab = QWidget()
        own_tab.setLayout(
            vbox(
                own_box,
                self.table,
                hbox(self.create, self.import_button, self.export_button, None, self.disable),
                hbox(self.try_button, None),
                self.message,
                margin=8,
                spacing=10,
            )
        )
        from desktop.ui.admin.trust_page import TrustListBox

        self.trust = TrustListBox(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("certs_tabs")
        self.tabs.addTab(own_tab, "&Vos certificats")
        self.tabs.addTab(self.trust, "&Liste de confiance")
        self.setLayout(
            vbox(
                title("Certificats de sceau"),
                label(
                    "Le sceau d'intégrité des PV et des exports est apposé avec le certificat "
                    "actif de votre compte. Il prouve que le document n'a pas changé et qui l'a "
                    "scellé ; ce n'est pas une signature électronique qualifiée.",
                    MUTED_STYLE,
                ),
                self.tabs,
                margin=16,
                spacing=10,
            )
        )
        self.refresh()

    def page_title(self) -> str:
        return "Certificats de sceau"

    def page_shown(self) -> None:
        self.refresh()

    def show_trust_list(self) -> None:
        """The « Liste de confiance » tab, focus on its table."""
        self.tabs.setCurrentWidget(self.trust)
        self.trust.table.setFocus()

    def initial_focus(self):
        return self.table

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.core.admin.certificates import certificate_overview

        self.ctx.tasks.op(certificate_overview, parent=self).success(self._loaded).run()
        self.trust.refresh()

    def _loaded(self, views) -> None:
        self.views = views
        fill(
            self.table,
            [
                (
                    v.record.subject,
                    v.owner,
                    v.record.fingerprint,
                    _fr_iso_date(v.record.not_after),
                    "actif" if v.record.active else "désactivé",
                )
                for v in views
            ],
            [v.record.fingerprint for v in views],
        )
        active = next((v for v in views if v.mine and v.record.active), None)
        if active is None:
            self.own.setStyleSheet(ERROR_STYLE)
            self.own.setText(
                "Aucun certificat actif : vous ne pouvez pas sceller. Créez-en un ou importez "
                "celui que votre service vous a remis."
            )
        else:
            rec = active.record
            self.own.setStyleSheet("")
            self.own.setText(
                f"Titulaire : {rec.subject}\nEmpreinte SHA-256 : {rec.fingerprint}\n"
                f"Valable jusqu'au {_fr_iso_date(rec.not_after)} · installé le "
                f"{_fr_iso_date(rec.created_at)}"
            )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def selected(self):
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    # -- actions ------------------------------------------------------------------------------
    def open_create(self) -> CreateCertificateDialog:
        dialog = CreateCertificateDialog(self.ctx, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def open_import(self) -> ImportCertificateDialog:
        dialog = ImportCertificateDialog(self.ctx, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def choose_export(self):
        view = self.selected()
        if view is None:
            self._say("Sélectionnez d'abord un certificat dans la liste.", True)
            return None
        return choose_path(
            self,
            "Exporter le certificat public",
            lambda path: self.export_to(view.id, path),
            save=True,
            name_filter="Certificats (*.pem *.crt *.cer)",
        )

    def export_to(self, cert_id: int, path: Path) -> None:
        from desktop.core.admin.certificates import export_public_certificate

        self.ctx.tasks.op(
            lambda s: export_public_certificate(s, cert_id, path), parent=self
        ).success(
            lambda out: self._say(
                f"Certificat public écrit : « {out} ». Remettez-le à ceux qui vérifient vos "
                "documents, avec son empreinte."
            )
        ).failure(lambda e: self._say(error_message(e), True)).run()

    def disable_selected(self) -> None:
        from desktop.core.admin.certificates import disable_certificate

        view = self.selected()
        if view is None:
            return self._say("Sélectionnez d'abord un certificat dans la liste.", True)
        self.ctx.tasks.op(lambda s: disable_certificate(s, view.id), parent=self).success(
            lambda _v: (
                self._say(f"Certificat de « {view.record.subject} » ({view.owner}) désactivé."),
                self.refresh(),
            )
        ).failure(lambda e: self._say(error_message(e), True)).run()

    def try_seal(self) -> None:
        from desktop.core.admin.certificates import seal_trial

        self.try_button.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Scellement et vérification d'une page d'essai…")

        def done(trial) -> None:
            self.trial = trial
            self.try_button.setEnabled(True)
            if trial.valid:
                self._say(f"Sceau d'essai valide : {trial.reason}")
            else:
                self._say(f"Sceau d'essai refusé par le vérificateur : {trial.reason}", True)

        def failed(exc) -> None:
            self.try_button.setEnabled(True)
            self._say(error_message(exc), True)

        self.ctx.tasks.op(seal_trial, parent=self).success(done).failure(failed).run()


class _Dialog(QDialog):
    def __init__(self, ctx, parent, title_text: str, name: str):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(name)
        self.setWindowTitle(title_text)
        self.setMinimumWidth(560)
        self.message = label("", ERROR_STYLE)
        self.message.setObjectName(f"{name}_message")
        self.ok = button("&Valider", self.submit)
        self.ok.setDefault(True)
        self.cancel = button("Annuler", self.reject, tip="Fermer sans rien changer (Échap)")

    def _layout(self, *items) -> None:
        self.setLayout(
            vbox(*items, self.message, hbox(None, self.cancel, self.ok), margin=16, spacing=10)
        )

    def _busy(self, text: str) -> None:
        self.ok.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText(text)

    def _failed(self, exc) -> None:
        self.ok.setEnabled(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_message(exc))

    def submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class CreateCertificateDialog(_Dialog):
    """Guided creation: holder, service, validity; RSA-3072, self-signed."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent, "Créer un certificat de sceau", "cert_create")
        self.ok.setText("&Créer")
        self.name = QLineEdit()
        self.name.setObjectName("cert_name")
        self.name.setPlaceholderText("Prénom NOM, tel qu'il figurera dans le sceau")
        self.org = QLineEdit()
        self.org.setPlaceholderText("ex. Préfecture de police")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("ex. Brigade de protection des mineurs")
        self.email = QLineEdit()
        self.years = QSpinBox()
        self.years.setRange(1, 10)
        self.years.setValue(3)
        self.years.setSuffix(" ans")
        for edit in (self.name, self.org, self.unit, self.email):
            edit.returnPressed.connect(self.submit)
        form = QFormLayout()
        form.addRow("&Titulaire :", self.name)
        form.addRow("&Organisation :", self.org)
        form.addRow("&Service :", self.unit)
        form.addRow("&Courriel (facultatif) :", self.email)
        form.addRow("&Durée de validité :", self.years)
        self._layout(
            title("Créer un certificat de sceau", 14),
            label(
                "Trame crée une clé RSA de 3072 bits et un certificat auto-signé, gardés dans le "
                "coffre chiffré. Il devient votre certificat actif. Pour que vos sceaux soient "
                "reconnus, communiquez son empreinte (ou exportez le certificat public) à ceux "
                "qui vérifient vos documents.",
                MUTED_STYLE,
            ),
            form,
        )
        self.name.setFocus()

    def submit(self) -> None:
        from desktop.core.admin.certificates import create_certificate

        values = (
            self.name.text().strip(),
            self.org.text().strip(),
            self.unit.text().strip(),
            self.email.text().strip(),
            self.years.value() * 365,
        )
        if not values[0]:
            self.message.setText("Indiquez le titulaire du certificat.")
            self.name.setFocus()
            return
        self._busy("Création de la clé et du certificat…")
        self.ctx.tasks.op(
            lambda s: create_certificate(s, *values[:4], days=values[4]), parent=self
        ).success(lambda _rec: self.accept()).failure(self._failed).run()


class ImportCertificateDialog(_Dialog):
    """A .p12/.pfx file and its password (used once, never stored)."""

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent, "Importer un certificat PKCS#12", "cert_import")
        self.ok.setText("&Importer")
        self.path = QLineEdit()
        self.path.setObjectName("cert_import_path")
        self.path.setPlaceholderText("Fichier .p12 ou .pfx remis par votre service")
        self.password = QLineEdit()
        self.password.setObjectName("cert_import_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        form = QFormLayout()
        form_row(
            form,
            "&Fichier :",
            self.path,
            hbox(self.path, button("C&hoisir…", self._choose, tip="Choisir le fichier")),
        )
        form.addRow("&Mot de passe du fichier :", self.password)
        self._layout(
            title("Importer un certificat PKCS#12", 14),
            label(
                "Le mot de passe sert seulement à ouvrir le fichier : Trame ne le conserve pas. "
                "La clé est ensuite gardée dans le coffre chiffré et le certificat devient "
                "votre certificat actif.",
                MUTED_STYLE,
            ),
            form,
        )
        self.path.setFocus()

    def _choose(self) -> None:
        choose_path(
            self,
            "Certificat PKCS#12",
            lambda p: self.path.setText(str(p)),
            name_filter="Certificats PKCS#12 (*.p12 *.pfx);;Tous les fichiers (*)",
        )

    def submit(self) -> None:
        from desktop.core.admin.certificates import import_certificate
        from desktop.core.errors import InvalidInput

        text = self.path.text().strip()
        if not text:
            self.message.setText("Indiquez le fichier PKCS#12 à importer.")
            return
        path = Path(text).expanduser()
        password = self.password.text()
        self.password.clear()  # the password lives only in this job

        def job(s):
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InvalidInput(
                    f"Fichier illisible : « {path} » ({exc.strerror}). Rien n'a été importé."
                ) from None
            return import_certificate(s, data, password)

        self._busy("Ouverture du fichier et installation…")
        self.ctx.tasks.op(job, parent=self).success(lambda _rec: self.accept()).failure(
            self._failed
        ).run()
