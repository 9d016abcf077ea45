"""Dialogs of the case pages: new case, person (role, names, pseudonym, phones)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit

from desktop.core.errors import InvalidInput
from desktop.core.hearing.cases import PERSON_ROLE_LABELS, details_with, parse_phones
from desktop.core.records.signed_edits import ReasonNeeded, update_person_signed
from desktop.ui.tasks import error_message
from desktop.ui.widgets import ERROR_STYLE, MUTED_STYLE, button, hbox, vbox
from desktop.ui.widgets import fr_label as label


class _Dialog(QDialog):
    def __init__(self, ctx, heading: str, parent=None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.setWindowTitle(heading)
        self.error = label("", ERROR_STYLE)
        self.error.setObjectName("dialog_error")
        self.error.setVisible(False)
        self.ok = button("&Enregistrer", self._submit, tip="Enregistrer")
        self.ok.setToolTip("Enregistrer (Entrée)")
        self.ok.setDefault(True)
        self.cancel = button("Annuler", self.reject, tip="Fermer sans enregistrer")
        self.cancel.setToolTip("Fermer sans enregistrer (Échap)")

    def _finish_layout(self, *items) -> None:
        self.setLayout(
            vbox(*items, self.error, hbox(None, self.cancel, self.ok), margin=16, spacing=10)
        )

    def show_error(self, exc_or_text) -> None:
        text = exc_or_text if isinstance(exc_or_text, str) else error_message(exc_or_text)
        self.error.setText(text)
        self.error.setVisible(True)
        self.ok.setEnabled(True)

    def _submit(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class NewCaseDialog(_Dialog):
    created = Signal(int)

    def __init__(self, ctx, known_services: list[str], parent=None):
        super().__init__(ctx, "Nouveau dossier", parent)
        self.number = QLineEdit()
        self.number.setObjectName("procedure_number")
        self.number.setPlaceholderText("ex. 2026/001234")
        self.service = QComboBox()
        self.service.setObjectName("service")
        self.service.setEditable(True)
        self.service.addItems(known_services)
        self.service.setCurrentText(known_services[0] if known_services else "")
        self.service.lineEdit().setPlaceholderText("ex. Brigade de protection des mineurs")
        form = QFormLayout()
        form.addRow("&N° de procédure :", self.number)
        form.addRow("&Service :", self.service)
        self.number.setMinimumWidth(360)
        self._finish_layout(form)
        self.ok.setText("&Créer")
        self.ok.setToolTip("Créer le dossier (Entrée)")

    def _submit(self) -> None:
        number = self.number.text().strip()
        if not number:
            self.show_error("Le numéro de procédure est obligatoire.")
            self.number.setFocus()
            return
        service = self.service.currentText().strip()
        self.ok.setEnabled(False)
        self.ctx.tasks.op(lambda s: s.cases.create(number, service).id, parent=self).success(
            self._done
        ).failure(self.show_error).run()

    def _done(self, case_id: int) -> None:
        self.accept()
        self.created.emit(case_id)


class PersonDialog(_Dialog):
    """Add or edit a person of the case. Birth date in any common French format."""

    saved = Signal(int)

    def __init__(self, ctx, case_id: int, person=None, parent=None):
        super().__init__(ctx, "Modifier la personne" if person else "Ajouter une personne", parent)
        self.case_id = case_id
        self.person = person
        self.role = QComboBox()
        self.role.setObjectName("person_role")
        for code, text in PERSON_ROLE_LABELS.items():
            self.role.addItem(text, code)
        self.last_name = QLineEdit()
        self.last_name.setObjectName("last_name")
        self.first_name = QLineEdit()
        self.first_name.setObjectName("first_name")
        self.pseudonym = QLineEdit()
        self.pseudonym.setObjectName("pseudonym")
        self.pseudonym.setPlaceholderText("surnom, nom d'usage ou pseudonyme")
        self.birth = QLineEdit()
        self.birth.setObjectName("birth_date")
        self.birth.setPlaceholderText("ex. 02/04/2011, 2 avril 2011")
        self.phones = QLineEdit()
        self.phones.setObjectName("phones")
        self.phones.setPlaceholderText("06 12 34 56 78 ; +33 7 …")
        form = QFormLayout()
        form.addRow("&Rôle :", self.role)
        form.addRow("&Nom :", self.last_name)
        form.addRow("&Prénom :", self.first_name)
        form.addRow("Ps&eudonyme :", self.pseudonym)
        form.addRow("Date de &naissance :", self.birth)
        form.addRow("&Téléphones :", self.phones)
        self.last_name.setMinimumWidth(360)
        hint = label(
            "Seuls le rôle et le pseudonyme apparaissent tant que les noms sont masqués.",
            MUTED_STYLE,
        )
        self._finish_layout(form, hint)
        if person is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(person.role)))
            self.last_name.setText(person.last_name)
            self.first_name.setText(person.first_name)
            self.pseudonym.setText(person.details.get("pseudonyme", ""))
            self.phones.setText(" ; ".join(person.details.get("telephones", [])))
            if person.birth_date:
                y, m, d = person.birth_date.split("-")
                self.birth.setText(f"{d}/{m}/{y}")

    def _submit(self) -> None:
        try:
            phones = parse_phones(self.phones.text())
            birth = parse_birth_date(self.birth.text())
        except InvalidInput as exc:
            self.show_error(exc)
            return
        role = self.role.currentData()
        last, first = self.last_name.text().strip(), self.first_name.text().strip()
        details = details_with(
            self.person.details if self.person else {},
            pseudonym=self.pseudonym.text(),
            phones=phones,
        )
        person = self.person
        case_id = self.case_id
        self.ok.setEnabled(False)

        changes = dict(
            role=role, last_name=last, first_name=first, birth_date=birth, details=details
        )

        def job(s, reason=None):
            if person is None:
                return s.persons.add(case_id, role, last, first, birth, details).id
            # issue 16: a change of what a signed PV prints needs a reason (the core checks)
            return update_person_signed(s, person.id, reason, **changes).id

        self._job = job
        self._run(job)

    def _run(self, job) -> None:
        self.ctx.tasks.op(job, parent=self).success(self._done).failure(self._failed).run()

    def _failed(self, exc) -> None:
        if not isinstance(exc, ReasonNeeded):
            self.show_error(exc)
            return
        from desktop.ui.signing.after_signature import SignedEditDialog

        asked = SignedEditDialog(exc.signers, self)
        asked.chosen.connect(lambda reason: self._run(lambda s: self._job(s, reason)))
        asked.rejected.connect(lambda: self.ok.setEnabled(True))
        asked.open()

    def _done(self, person_id: int) -> None:
        self.accept()
        self.saved.emit(person_id)


def parse_birth_date(text: str) -> str | None:
    """A French date (02/04/2011, 2 avril 2011, 2011-04-02…) -> 'YYYY-MM-DD'."""
    text = (text or "").strip()
    if not text:
        return None
    from desktop.core.formspec.dates import parse_date_fr

    return parse_date_fr(text).isoformat()
