"""« Liste de confiance » (a tab of « Certificats de sceau »): the certificates whose holder
the verifier names (label, fingerprint, issuer); « Ajouter… » a certificate file or a
fingerprint with a label, « Exporter la liste… » signed with the account's active
certificate (the file a service hands to its parquet), « Importer une liste… » received
signed. Every call goes to desktop.core.admin.trust_list (the functions `trame trust` uses),
on the worker thread, audited.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QWidget

from desktop.ui.admin.common import OK_STYLE, choose_path, fill, form_row, read_only_table
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label

LIST_FILTER = "Listes de confiance (*.json);;Tous les fichiers (*)"


class TrustListBox(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trust_box")
        self.entries: list = []
        self.table = read_only_table(
            ["Garant (libellé)", "Titulaire", "Émetteur", "Empreinte SHA-256"], "trust_table", 3
        )
        self.add_button = button(
            "Ajo&uter…", self.open_add, tip="Ajouter un certificat (fichier) ou une empreinte"
        )
        self.export_button = button(
            "E&xporter la liste…",
            self.choose_export,
            tip="Écrire la liste signée par votre certificat, pour un parquet ou un service",
        )
        self.import_button = button(
            "Im&porter une liste…", self.choose_import, tip="Ajouter les entrées d'une liste signée"
        )
        self.remove_button = button(
            "&Retirer", self.remove_selected, tip="Retirer l'entrée sélectionnée"
        )
        self.message = label("")
        self.message.setObjectName("trust_message")
        self.setLayout(
            vbox(
                label(
                    "Le vérificateur ne nomme celui qui a scellé un document que si son "
                    "certificat (ou l'autorité qui l'a émis) figure sur cette liste, avec le "
                    "nom de qui s'en porte garant. Les certificats contenus dans un PDF ne "
                    "suffisent jamais.",
                    MUTED_STYLE,
                ),
                self.table,
                hbox(
                    self.add_button,
                    self.export_button,
                    self.import_button,
                    None,
                    self.remove_button,
                ),
                self.message,
                margin=8,
                spacing=10,
            )
        )

    # -- data ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.core.admin.trust_list import trust_entries

        self.ctx.tasks.call(lambda _: trust_entries(), parent=self).success(self._loaded).failure(
            lambda e: self._say(error_message(e), True)
        ).run()

    def _loaded(self, entries) -> None:
        from desktop.core.seal.trust import visible  # invisible code points shown, never hidden

        self.entries = list(entries)
        fill(
            self.table,
            [
                (
                    visible(e.label),
                    visible(e.subject or "—"),
                    visible(e.issuer or "—"),
                    e.fingerprint,
                )
                for e in self.entries
            ],
            [e.fingerprint for e in self.entries],
        )
        if not self.entries:
            self._say("Liste vide : aucun certificat n'est reconnu par le vérificateur.", True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def _failed(self, exc) -> None:
        self._say(error_message(exc), True)

    # -- actions ------------------------------------------------------------------------------
    def open_add(self) -> AddTrustDialog:
        dialog = AddTrustDialog(self.ctx, self)
        dialog.accepted.connect(self._added)
        dialog.open()
        return dialog

    def _added(self) -> None:
        self.refresh()
        self._say("Certificat ajouté à la liste de confiance.")

    def choose_export(self):
        return choose_path(
            self,
            "Exporter la liste de confiance",
            self.export_to,
            save=True,
            name_filter=LIST_FILTER,
        )

    def export_to(self, path: Path) -> None:
        from desktop.core.admin.trust_list import active_bundle, export_trust_list

        path = Path(path)
        if not path.suffix:
            path = path.with_name(path.name + ".json")
        self._say("Signature et écriture de la liste…")
        self.ctx.tasks.op(
            lambda s: export_trust_list(path, active_bundle(s), s), parent=self
        ).success(
            lambda n: self._say(
                f"Liste de confiance exportée : « {path} » ({n} certificat(s)), signée par "
                "votre certificat actif."
            )
        ).failure(self._failed).run()

    def choose_import(self):
        return choose_path(
            self, "Importer une liste de confiance", self.import_from, name_filter=LIST_FILTER
        )

    def import_from(self, path: Path) -> None:
        """A list is imported only when the key that signs it is pinned; otherwise the
        screen asks for the fingerprint the sending service gave by another channel."""
        from desktop.core.admin.trust_list import list_signer

        def checked(signer) -> None:
            signed_by, pinned_as = signer
            if pinned_as:
                self._import(path)
            else:
                self.open_vouch(path, signed_by)

        self.ctx.tasks.call(lambda _: list_signer(path), parent=self).success(checked).failure(
            self._failed
        ).run()

    def _import(self, path: Path) -> None:
        from desktop.core.admin.trust_list import import_trust_list

        self.ctx.tasks.op(lambda s: import_trust_list(path, s), parent=self).success(
            self._imported
        ).failure(self._failed).run()

    def _imported(self, imported) -> None:
        self.refresh()
        self._say(
            f"{len(imported.entries)} certificat(s) ajouté(s). Liste signée par la clé "
            f"épinglée « {imported.pinned_as} » ({imported.signed_by})."
        )

    def open_vouch(self, path: Path, signed_by: str) -> VouchListDialog:
        dialog = VouchListDialog(self.ctx, path, signed_by, self)
        dialog.imported.connect(self._imported)
        dialog.rejected.connect(lambda: self._say("Import annulé : la liste n'est pas ajoutée."))
        dialog.open()
        return dialog

    def remove_selected(self) -> None:
        from desktop.core.admin.trust_list import remove_from_trust_list
        from desktop.core.seal.trust import visible

        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            return self._say("Sélectionnez d'abord une entrée de la liste.", True)
        entry = self.entries[row]
        self.ctx.tasks.op(
            lambda s: remove_from_trust_list(entry.fingerprint, s), parent=self
        ).success(
            lambda _fp: (
                self.refresh(),
                self._say(f"« {visible(entry.label)} » retiré de la liste."),
            )
        ).failure(self._failed).run()


class AddTrustDialog(QDialog):
    """A certificate file (DER/PEM) or a fingerprint, and who vouches for it."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("trust_add")
        self.setWindowTitle("Ajouter à la liste de confiance")
        self.setMinimumWidth(620)
        self.source = QLineEdit()
        self.source.setObjectName("trust_add_source")
        self.source.setPlaceholderText("Fichier .pem / .crt / .cer, ou empreinte SHA-256")
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("trust_add_label")
        self.label_edit.setPlaceholderText("ex. BPM de Valmont — capitaine DURAND")
        for edit in (self.source, self.label_edit):
            edit.returnPressed.connect(self.submit)
        self.message = label("", ERROR_STYLE)
        self.message.setObjectName("trust_add_message")
        self.ok = button("&Ajouter", self.submit)
        self.ok.setDefault(True)
        self.cancel = button("Annuler", self.reject, tip="Fermer sans rien changer (Échap)")
        form = QFormLayout()
        form_row(
            form,
            "&Certificat ou empreinte :",
            self.source,
            hbox(self.source, button("C&hoisir…", self._choose, tip="Choisir le fichier")),
        )
        form_row(form, "&Garant (libellé) :", self.label_edit)
        self.setLayout(
            vbox(
                label(
                    "Le libellé est ce que le vérificateur affichera : « certificat reconnu : "
                    "<libellé> ». Vérifiez l'empreinte auprès de son titulaire avant de l'ajouter.",
                    MUTED_STYLE,
                ),
                form,
                self.message,
                hbox(None, self.cancel, self.ok),
                margin=16,
                spacing=10,
            )
        )
        self.source.setFocus()

    def _choose(self) -> None:
        choose_path(
            self,
            "Certificat",
            lambda p: self.source.setText(str(p)),
            name_filter="Certificats (*.pem *.crt *.cer *.der);;Tous les fichiers (*)",
        )

    def submit(self) -> None:
        from desktop.core.admin.trust_list import add_to_trust_list

        source, text = self.source.text().strip(), self.label_edit.text().strip()
        if not source:
            self.message.setText("Indiquez un fichier de certificat ou une empreinte.")
            self.source.setFocus()
            return
        if not text:
            self.message.setText("Indiquez qui se porte garant de ce certificat (libellé).")
            self.label_edit.setFocus()
            return
        self.ok.setEnabled(False)
        self.message.setStyleSheet(MUTED_STYLE)
        self.message.setText("Ajout…")

        def failed(exc) -> None:
            self.ok.setEnabled(True)
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(error_message(exc))

        self.ctx.tasks.op(lambda s: add_to_trust_list(source, text, s), parent=self).success(
            lambda _e: self.accept()
        ).failure(failed).run()


class VouchListDialog(QDialog):
    """Before importing a list whose signing key is not pinned: the fingerprint the sending
    service gave by another channel, and who it is (the pin's label)."""

    imported = Signal(object)

    def __init__(self, ctx, path: Path, signed_by: str, parent=None):
        super().__init__(parent)
        self.ctx, self.path = ctx, path
        self.setObjectName("trust_vouch")
        self.setWindowTitle("Qui a signé cette liste ?")
        self.setMinimumWidth(640)
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("trust_vouch_fingerprint")
        self.fingerprint.setPlaceholderText("AB:CD:… (lue au téléphone ou reçue par courrier)")
        self.label_edit = QLineEdit()
        self.label_edit.setObjectName("trust_vouch_label")
        self.label_edit.setPlaceholderText("ex. Parquet de Valmont — liste de la BPM")
        for edit in (self.fingerprint, self.label_edit):
            edit.returnPressed.connect(self.submit)
        self.message = label("", ERROR_STYLE)
        self.message.setObjectName("trust_vouch_message")
        self.ok = button("&Épingler et importer", self.submit)
        self.ok.setDefault(True)
        cancel = button("Annuler", self.reject, tip="Ne rien importer (Échap)")
        form = QFormLayout()
        form_row(form, "&Empreinte annoncée :", self.fingerprint)
        form_row(form, "&Service (libellé) :", self.label_edit)
        half = len(signed_by) // 2 + 1  # two lines of 16 bytes, as read aloud
        shown = label(
            f"Empreinte de la clé qui signe le fichier :\n{signed_by[:half]}\n{signed_by[half:]}",
            MUTED_STYLE,
        )
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setObjectName("trust_vouch_signed_by")
        self.setLayout(
            vbox(
                label(
                    "Cette liste est signée par une clé que vous n'avez pas encore épinglée. "
                    "N'importe qui peut signer une liste : tapez l'empreinte que le service "
                    "vous a donnée par un autre moyen que le fichier (téléphone, courrier). "
                    "Si elle diffère, rien n'est importé.",
                    MUTED_STYLE,
                ),
                shown,
                form,
                self.message,
                hbox(None, cancel, self.ok),
                margin=16,
                spacing=10,
            )
        )
        self.fingerprint.setFocus()

    def submit(self) -> None:
        from desktop.core.admin.trust_list import pin_and_import

        fp, text = self.fingerprint.text().strip(), self.label_edit.text().strip()
        if not fp:
            self.message.setText("Tapez l'empreinte annoncée par le service.")
            return self.fingerprint.setFocus()
        if not text:
            self.message.setText("Indiquez quel service vous a remis cette liste (libellé).")
            return self.label_edit.setFocus()
        self.ok.setEnabled(False)

        def failed(exc) -> None:
            self.ok.setEnabled(True)
            self.message.setText(error_message(exc))

        def done(imported) -> None:
            self.imported.emit(imported)
            self.accept()

        self.ctx.tasks.op(lambda s: pin_and_import(self.path, fp, text, s), parent=self).success(
            done
        ).failure(failed).run()
