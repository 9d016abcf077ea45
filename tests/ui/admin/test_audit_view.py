"""« Journal d'audit » through the real main window: the entries with ids only, the filters,
« Vérifier l'intégrité » (intact, then broken by an edit outside Trame), the sealed PDF."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import QDate, Qt

from desktop.core.seal.store import CertificateStore
from desktop.core.seal.verify import verify_pdf
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import key


def test_audit_view_verify_and_sealed_export(qtbot, vault, vault_home, controller, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        CertificateStore(s).create("Camille DURAND")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/004217", "BPM — Paris")
        s.persons.add(case.id, "victime", "Quenneville", "Zéphyrine", "2011-09-23")
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    main.page_actions["admin.audit"].trigger()
    page = main.current_page()
    assert page.objectName() == "audit_page"
    qtbot.waitUntil(lambda: page.table.rowCount() > 5 and page.account.count() == 5, timeout=10000)
    shown = {page.table.item(r, c).text() for r in range(page.table.rowCount()) for c in range(5)}
    assert "Création d'un dossier" in shown and "Ajout d'une personne" in shown
    assert not any("Quenneville" in t or "2026/004217" in t for t in shown)  # ids only

    # filters: the officer's entries about cases
    page.account.setCurrentIndex(page.account.findText("enqueteur"))
    page.kind.setCurrentIndex(page.kind.findData("case"))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert page.table.item(0, 3).text() == "Création d'un dossier"
    assert page.table.item(0, 4).text() == str(case.id)
    page.until.setDate(QDate.currentDate().addDays(-1))
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=5000)
    page.until.setDate(page.until.minimumDate())  # « — »: no bound
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)

    # « Vérifier l'intégrité » by keyboard (Alt+V)
    page.table.setFocus()
    key(Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "intact" in page.verdict.text(), timeout=10000)
    assert page.verdict.text().replace("\xa0", " ").startswith("Journal d'audit intact :")

    # the view as a sealed PDF, through the file dialog
    out = tmp_path / "journal-controle.pdf"
    dialog = page.choose_export()
    dialog.selectFile(str(out))
    dialog.accept()
    qtbot.waitUntil(lambda: "exporté" in page.message.text(), timeout=60000)
    report = verify_pdf(out.read_bytes())
    assert report.valid, report.reason
    raw = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(raw.replace("\xa0", " ").split())
    assert "EXTRAIT DU JOURNAL D'AUDIT" in text and "compte « enqueteur »" in text
    assert "Création d'un dossier" in text and "Journal d'audit intact" in text
    assert "Quenneville" not in text and "Ajout d'une personne" not in text  # the view only

    # an entry edited outside Trame: the verdict says where the chain breaks
    with Vault(vault_home).unlock("admin", ADMIN_PASSWORD) as s:
        seq = next(e.seq for e in s.audit.entries("case.create"))
        s.cases_db.execute("UPDATE audit SET object_id = '99' WHERE seq = ?", (seq,))
    page.verify_button.click()
    qtbot.waitUntil(lambda: "ROMPU" in page.verdict.text(), timeout=10000)
    assert f"n° {seq}" in page.verdict.text()
