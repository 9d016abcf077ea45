"""Issue 16 in the application: the UAPED coordinator logs in, opens the case, signs her UAPED
report on the pad with her quality, and seals it from the « Documents » box; the sealed PDF
names her (her certificate's name), her quality and the time. Real main window, real vault,
offscreen; the test body presses keys and draws strokes, it reads the vault only to check."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from tests.conftest import OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_e2e_documents import draw_signature, shown

AUTHOR = "Inès ROUSSEAU"
USER_ROLE = Qt.ItemDataRole.UserRole
LEFT = Qt.MouseButton.LeftButton


def _case_with_uaped_report(vault) -> int:
    """Setup: the officer's case, then the coordinator's UAPED checklist and certificate."""
    from desktop.core.sample import base_time, create_case, create_uaped, demo_data
    from desktop.core.seal.store import CertificateStore

    data = demo_data()
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case, victim, _hearing, _ = create_case(s, data, base_time())
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        CertificateStore(s).create(AUTHOR, "Centre hospitalier fictif de Valmont")
        return create_uaped(s, data, s.cases.get(case.id), victim, base_time()).id


def test_the_coordinator_signs_and_seals_the_uaped_report(qtbot, vault, controller, tmp_path):
    record_id = _case_with_uaped_report(vault)
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")  # her menu entry « Accueil UAPED »
    qtbot.waitUntil(lambda: home.records.count() == 1, timeout=10000)
    home.records.setCurrentRow(0)
    home.records.setFocus()
    key(Qt.Key.Key_Return, widget=home.records)
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "uaped_page", timeout=5000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    box = page.report
    qtbot.waitUntil(lambda: box.row is not None, timeout=10000)
    assert box.row.record_id == record_id and box.row.state == "brouillon"
    assert "signature de l'auteur (coordination UAPED) au scellement" in box.state.text()

    # she fills her checklist: the « Suivi » step, the referent typed with the keyboard
    steps = page.view.steps
    item = next(
        steps.item(i) for i in range(steps.count()) if steps.item(i).data(USER_ROLE) == "suivi"
    )
    qtbot.mouseClick(steps.viewport(), LEFT, pos=steps.visualItemRect(item).center())
    field = page.view.findChild(QWidget, "field_referent_suivi")
    qtbot.waitUntil(lambda: field is not None and field.isVisible(), timeout=5000)
    edit = field.findChild(QLineEdit)
    edit.setFocus()
    key(Qt.Key.Key_A, CTRL, widget=edit)
    type_text(edit, "Mme Inès ROUSSEAU (référente nommée ce jour)")

    # « Signer et sceller… »: her name comes from her account, she states her quality
    box.seal_button.click()
    sign = shown(qtbot, "uaped_seal_dialog")
    shown_text = " ".join(w.text() for w in sign.findChildren(QLabel))
    assert AUTHOR in shown_text  # the author is the account's holder, not typed
    assert not sign.seal_button.isEnabled()
    sign.quality_edit.selectAll()
    type_text(sign.quality_edit, "puéricultrice coordinatrice de l'UAPED")
    assert sign.quality() == "puéricultrice coordinatrice de l'UAPED"
    draw_signature(sign.pad)
    qtbot.waitUntil(sign.seal_button.isEnabled, timeout=2000)
    sign.seal_button.click()
    qtbot.waitUntil(lambda: box.row is not None and box.row.state == "scelle", timeout=30000)
    dialog(qtbot, "Document scellé").close()
    assert not box.seal_button.isEnabled()

    row = box.row
    with vault.unlock("uaped", UAPED_PASSWORD) as s:  # read back only
        pdf = s.documents.content(row.document_id)
    out = tmp_path / "rapport.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.replace("\u00a0", " ").split())
    block = text[text.index("Signé le ") - 200 : text.index("Signé le ") + 60]
    assert AUTHOR in block and "puéricultrice coordinatrice de l'UAPED" in block, block
    assert "auteur du rapport" in block, block
    assert " à " in block[block.index("Signé le ") :], block  # the time she signed
    assert "Mme Inès ROUSSEAU (référente nommée ce jour)" in text  # what she typed


def test_an_officer_is_told_the_uaped_report_is_its_authors(qtbot, vault, controller):
    """On the officer's case screen the UAPED report is listed; « Sceller » says in French that
    its author, the coordination UAPED, signs and seals it — before any pad is shown."""
    from desktop.core.seal.store import CertificateStore

    record_id = _case_with_uaped_report(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        CertificateStore(s).create("Camille DURAND", "Brigade fictive")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    box = main.current_page().documents
    qtbot.waitUntil(lambda: any(r.record_id == record_id for r in box.rows), timeout=10000)
    index = next(i for i, r in enumerate(box.rows) if r.record_id == record_id)
    assert box.table.item(index, 0).text().startswith("Rapport UAPED du ")
    box.table.setFocus()
    box.table.selectRow(index)
    key(Qt.Key.Key_S, CTRL | SHIFT, widget=main)  # « Sceller… »
    refusal = dialog(qtbot, "Trame")
    assert "signé et scellé par son auteur, la coordination de l'UAPED" in refusal.text()
    assert "enquêteur" in refusal.text()
    assert getattr(box, "uaped_dialog", None) is None  # no pad: he cannot sign it
