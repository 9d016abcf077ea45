"""« Certificats de sceau » through the real main window: create a certificate with the
guided dialog, import a PKCS#12 (wrong password refused, then accepted), seal a document
with it and check the seal with the real verifier, export the public part; the
administrator sees every account's certificates and disables one."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.seal import certs
from desktop.core.seal.verify import verify_pdf
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import dialog

P12_PASSWORD = "phrase du fichier p12"


def test_create_import_then_seal_with_it(qtbot, vault, controller, tmp_path):
    issued = certs.create("Camille DURAND", organization="Préfecture de police (fictive)")
    p12 = tmp_path / "durand.p12"
    p12.write_bytes(certs.export_pkcs12(issued, P12_PASSWORD))

    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.page_actions["admin.certificates"].trigger()
    page = main.current_page()
    assert page.objectName() == "certs_page"
    qtbot.waitUntil(lambda: "Aucun certificat" in page.own.text(), timeout=10000)

    # guided creation
    page.open_create()
    create = dialog(qtbot, "Créer un certificat de sceau")
    type_text(create.name, "Léa FABRE")
    type_text(create.unit, "BPM")
    QTest.keyClick(create.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=30000)
    qtbot.waitUntil(lambda: "Léa FABRE" in page.own.text(), timeout=5000)
    assert not create.isVisible()

    # PKCS#12 import: a wrong password is refused in French, nothing installed
    page.open_import()
    imp = dialog(qtbot, "Importer un certificat PKCS#12")
    type_text(imp.path, str(p12))
    type_text(imp.password, "pas le bon")
    QTest.keyClick(imp.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "incorrect" in imp.message.text(), timeout=10000)
    assert imp.password.text() == "" and page.table.rowCount() == 1
    type_text(imp.password, P12_PASSWORD)
    QTest.keyClick(imp.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10000)
    qtbot.waitUntil(lambda: issued.fingerprint in page.own.text(), timeout=5000)
    states = sorted(page.table.item(r, 4).text() for r in range(2))
    assert states == ["actif", "désactivé"]

    # seal a document with it: the verifier names the imported certificate
    page.try_button.click()
    qtbot.waitUntil(lambda: page.trial is not None, timeout=60000)
    assert page.trial.valid and page.trial.fingerprint == issued.fingerprint
    report = verify_pdf(page.trial.pdf)
    assert report.valid and report.seals[-1].fingerprint == issued.fingerprint
    assert "Sceau d'essai valide" in page.message.text()

    # export of the public part only
    page.table.selectRow(next(r for r in range(2) if page.views[r].record.active))
    out = tmp_path / "durand-public"
    chooser = page.choose_export()
    chooser.selectFile(str(out))
    chooser.accept()
    qtbot.waitUntil(lambda: "Certificat public écrit" in page.message.text(), timeout=10000)
    pem = (tmp_path / "durand-public.pem").read_text()
    assert "BEGIN CERTIFICATE" in pem and "PRIVATE KEY" not in pem
    loaded = x509.load_pem_x509_certificate(pem.encode())
    assert certs.fingerprint(loaded.public_bytes(Encoding.DER)) == issued.fingerprint

    # the administrator sees the officer's certificates and disables the active one
    controller.lock()
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "admin")
    type_text(form.password, ADMIN_PASSWORD)
    form._submit()
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main is not main, timeout=10000
    )
    admin_page = controller.main.open_page("admin.certificates")
    qtbot.waitUntil(lambda: admin_page.table.rowCount() == 2, timeout=10000)
    assert {admin_page.table.item(r, 1).text() for r in range(2)} == {"enqueteur"}
    assert "Aucun certificat" in admin_page.own.text()
    row = next(r for r in range(2) if admin_page.views[r].record.active)
    admin_page.table.selectRow(row)
    admin_page.disable.click()
    qtbot.waitUntil(lambda: "désactivé" in admin_page.message.text(), timeout=10000)
    qtbot.waitUntil(
        lambda: all(admin_page.table.item(r, 4).text() == "désactivé" for r in range(2)),
        timeout=10000,
    )
