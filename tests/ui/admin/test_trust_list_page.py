"""« Certificats de sceau » › « Liste de confiance » through the real main window: add the
demo certificate with a label, export the signed list, import it in a second vault (another
installation), then a PV sealed with that certificate is verified as « certificat reconnu :
<label> » in the verify panel; each action is in the audit log."""

from __future__ import annotations

from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit

from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.store import CertificateStore
from desktop.core.seal.trust import TrustList
from desktop.core.vault import Vault
from desktop.ui.app import AppController
from desktop.ui.context import AppContext
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, fast_kdf
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import dialog, key
from tests.ui.test_e2e_documents import shown

LABEL = "BPM de Valmont (fictive) — capitaine DURAND"
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _trust_tab(qtbot, main):
    main.page_actions["admin.certificates"].trigger()
    page = main.current_page()
    assert page.objectName() == "certs_page"
    key(Qt.Key.Key_L, ALT, widget=page.table)  # « &Liste de confiance »
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is page.trust, timeout=5000)
    return page.trust


def _verdict(qtbot, main, pdf, number: str) -> str:
    """Open a case by keyboard, « Vérifier un document… » (Ctrl+Maj+V), the panel's text."""
    main.page_actions["cases"].trigger()
    qtbot.waitUntil(lambda: main.current_page().objectName() != "certs_page", timeout=5000)
    key(Qt.Key.Key_N, CTRL, widget=main)
    new = dialog(qtbot, "Nouveau dossier")
    type_text(new.number, number)
    key(Qt.Key.Key_Tab, widget=new.number)
    type_text(new.service.lineEdit(), "Brigade de protection des mineurs")
    key(Qt.Key.Key_Return, widget=new.service.lineEdit())
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None, timeout=5000)
    view.setFocus()
    key(Qt.Key.Key_V, CTRL | SHIFT, widget=main)
    picker = shown(qtbot, "verify_file_dialog")
    name = picker.findChild(QLineEdit, "fileNameEdit")
    name.setText(str(pdf))
    key(Qt.Key.Key_Return, widget=name)
    result = shown(qtbot, "verdict_dialog")
    text = result.panel.verdict.text() + "\n" + result.panel.details.toPlainText()
    key(Qt.Key.Key_Escape, widget=result)
    qtbot.waitUntil(lambda: not result.isVisible(), timeout=2000)
    return text


def test_add_export_import_then_seal_is_recognised(
    qtbot, qapp, vault, controller, tmp_path, monkeypatch
):
    demo = certs.create("Camille DURAND", organization="Préfecture de police (fictive)")
    pem = tmp_path / "durand.pem"
    pem.write_bytes(demo.certificate.public_bytes(Encoding.PEM))
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:  # the officer's own seal
        CertificateStore(s).create("Léa FABRE", "Préfecture de police (fictive)", "BPM")
    rendered = render_pv(sample_pv(pairs=1))
    pdf = tmp_path / "pv-durand.pdf"
    pdf.write_bytes(seal_pdf(rendered.pdf, SoftwareSigner(demo), placements=rendered.seals))

    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    box = _trust_tab(qtbot, main)
    qtbot.waitUntil(lambda: "Liste vide" in box.message.text(), timeout=10000)

    # « Ajouter… » (Alt+U): a certificate file and who vouches for it
    key(Qt.Key.Key_U, ALT, widget=box.table)
    add = dialog(qtbot, "Ajouter à la liste de confiance")
    type_text(add.source, str(pem))
    QTest.keyClick(add.source, Qt.Key.Key_Tab)
    QTest.keyClick(add.focusWidget(), Qt.Key.Key_Tab)  # past « Choisir… »
    assert add.focusWidget() is add.label_edit
    QTest.keyClick(add.label_edit, Qt.Key.Key_Return)  # no label: refused in French
    assert "garant" in add.message.text() and add.isVisible()
    type_text(add.label_edit, LABEL)
    QTest.keyClick(add.label_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=10000)
    row = [box.table.item(0, c).text() for c in range(4)]
    assert row == [LABEL, "Camille DURAND", "Camille DURAND", demo.fingerprint]

    # « Exporter la liste… » (Alt+X): signed with the officer's active certificate
    out = tmp_path / "transfert" / "liste-valmont"
    out.parent.mkdir()
    chooser = box.choose_export()
    chooser.selectFile(str(out))
    chooser.accept()
    qtbot.waitUntil(lambda: "exportée" in box.message.text(), timeout=10000)
    exported = out.with_name("liste-valmont.json")
    assert TrustList.from_file(exported).find(demo.fingerprint).label == LABEL
    main.flush()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        actions = [e.action for e in s.audit.entries("trust.")]
    assert actions == ["trust.add", "trust.export"]

    # a second installation (its own vault and TRAME_HOME) imports the list
    controller.lock()
    home2 = tmp_path / "second-home"
    monkeypatch.setenv("TRAME_HOME", str(home2))
    Vault.create(home2, "admin", ADMIN_PASSWORD, kdf=fast_kdf())
    with Vault(home2, fast_kdf()).unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
    ctx2 = AppContext.create(qapp, home2)
    controller2 = AppController(ctx2)
    try:
        main2 = unlock(qtbot, controller2, "enqueteur", OFFICER_PASSWORD)
        assert "certificat inconnu" in _verdict(qtbot, main2, pdf, "2026/007731")
        box2 = _trust_tab(qtbot, main2)
        qtbot.waitUntil(lambda: "Liste vide" in box2.message.text(), timeout=10000)
        picker = box2.choose_import()
        picker.selectFile(str(exported))
        picker.accept()
        # the signing key is not pinned on this machine: the fingerprint announced by the
        # service by telephone is asked; a wrong one imports nothing
        vouch = dialog(qtbot, "Qui a signé cette liste ?")
        signed_by = TrustList.from_file(exported).signed_by
        assert signed_by[:47] in vouch.findChild(QLabel, "trust_vouch_signed_by").text()
        type_text(vouch.fingerprint, demo.fingerprint)  # another certificate's
        type_text(vouch.label_edit, "Parquet de Valmont (fictif)")
        key(Qt.Key.Key_Return, widget=vouch.label_edit)
        qtbot.waitUntil(lambda: "ne correspond pas" in vouch.message.text(), timeout=10000)
        assert box2.table.rowCount() == 0 and vouch.isVisible()
        vouch.fingerprint.clear()
        type_text(vouch.fingerprint, signed_by.replace(":", " ").lower())
        key(Qt.Key.Key_Return, widget=vouch.fingerprint)
        qtbot.waitUntil(lambda: "ajouté(s)" in box2.message.text(), timeout=10000)
        assert "Parquet de Valmont (fictif)" in box2.message.text()
        qtbot.waitUntil(lambda: box2.table.rowCount() == 1, timeout=10000)
        assert box2.table.item(0, 0).text() == LABEL
        text = _verdict(qtbot, main2, pdf, "2026/007732")
        assert text.startswith("VALIDE"), text
        assert f"certificat reconnu : {LABEL}" in text
        main2.flush()
        with Vault(home2, fast_kdf()).unlock("admin", ADMIN_PASSWORD) as s:
            assert [e.action for e in s.audit.entries("trust.")] == ["trust.pin", "trust.import"]
    finally:
        ctx2.app.removeEventFilter(controller2.idle)
        controller2.idle.stop()
        controller2._discard_windows()
        if controller2.unlock_window is not None:
            controller2.unlock_window.close()
            controller2.unlock_window.deleteLater()
        ctx2.saver.flush()
        ctx2.tasks.shutdown()


def test_bad_input_is_refused_in_french_and_nothing_changes(qtbot, vault, controller, tmp_path):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    box = _trust_tab(qtbot, main)
    qtbot.waitUntil(lambda: "Liste vide" in box.message.text(), timeout=10000)

    # a fingerprint too short: French message, the dialog stays open, the list stays empty
    key(Qt.Key.Key_U, ALT, widget=box.table)
    add = dialog(qtbot, "Ajouter à la liste de confiance")
    type_text(add.source, "AB:CD:EF")
    type_text(add.label_edit, LABEL)
    key(Qt.Key.Key_Return, widget=add.label_edit)
    qtbot.waitUntil(lambda: "Empreinte invalide" in add.message.text(), timeout=10000)
    assert add.isVisible() and box.table.rowCount() == 0
    fp = certs.create("Camille DURAND").fingerprint
    add.source.clear()
    type_text(add.source, fp.replace(":", " ").lower())  # as read aloud over the phone
    key(Qt.Key.Key_Return, widget=add.source)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=10000)
    assert box.table.item(0, 3).text() == fp

    # no seal certificate of one's own: the export says so, no file is written
    out = tmp_path / "liste.json"
    chooser = box.choose_export()
    chooser.selectFile(str(out))
    chooser.accept()
    qtbot.waitUntil(lambda: "Aucun certificat actif" in box.message.text(), timeout=10000)
    assert not out.exists()

    # an altered list is refused; the local list is unchanged
    signer = certs.create("Hugo PERRIN")
    received = TrustList()
    received.add_certificate(signer.cert_der, "UMJ de Valmont (fictive) — Dr PERRIN")
    altered = tmp_path / "liste-modifiee.json"
    altered.write_bytes(received.export_signed(signer).replace(b"Dr PERRIN", b"Dr PIRATE"))
    picker = box.choose_import()
    picker.selectFile(str(altered))
    picker.accept()
    qtbot.waitUntil(lambda: "a été modifié" in box.message.text(), timeout=10000)
    assert [e.fingerprint for e in TrustList.local().entries] == [fp]

    # « Retirer » removes the selected entry, audited
    box.table.selectRow(0)
    key(Qt.Key.Key_R, ALT, widget=box.table)
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=10000)
    assert TrustList.local().entries == []
    main.flush()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        entries = s.audit.entries("trust.")
    assert [e.action for e in entries] == ["trust.add", "trust.remove"]
