"""« Vérifier un export » through the real main window: a real export checked piece by
piece (the verdict of `trame verify-bundle`), then the same export with one piece altered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.export.bundle import export_case
from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.store import CertificateStore
from tests.conftest import OFFICER_PASSWORD
from tests.core.export.export_fixtures import build_case
from tests.ui.conftest import type_text, unlock


@pytest.fixture
def exported(vault, tmp_path):
    bundle = certs.create("Camille DURAND", organization="Préfecture de police (fictive)")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        CertificateStore(s).add(bundle)
        data = build_case(s, SoftwareSigner(bundle))
        result = export_case(s, data.case_id, tmp_path / "cle")
    return result.path


def test_verify_an_exported_bundle(qtbot, vault, vault_home, controller, exported):
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    main.page_actions["admin.verify_export"].trigger()
    page = main.current_page()
    assert page.objectName() == "verify_export_page"
    type_text(page.folder, str(exported))
    QTest.keyClick(page.folder, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.verdict is not None, timeout=60000)
    headline = page.headline.text().replace("\xa0", " ")
    assert headline.startswith("VALIDE — export") and exported.name in headline
    pieces = sorted(p.name for p in exported.iterdir() if p.suffix == ".pdf")
    rows = {
        page.table.item(r, 1).text(): page.table.item(r, 0).text()
        for r in range(page.table.rowCount())
    }
    assert set(pieces) <= set(rows) and set(rows.values()) == {"✔"}

    victim = next(p for p in exported.iterdir() if p.name.startswith("01-"))
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    page.verdict = None
    page.go.click()
    qtbot.waitUntil(lambda: page.verdict is not None, timeout=60000)
    assert page.headline.text().startswith("INVALIDE") and page.verdict.exit_code == 1
    bad = [
        (page.table.item(r, 1).text(), page.table.item(r, 2).text())
        for r in range(page.table.rowCount())
        if page.table.item(r, 0).text() == "✘"
    ]
    assert bad and all(name == victim.name for name, _ in bad)
    assert any("empreinte SHA-256" in reason for _, reason in bad)

    # not an export: said in French, exit code 2 of the CLI
    page.folder.clear()
    type_text(page.folder, str(vault_home))
    page.verdict = None
    page.go.click()
    qtbot.waitUntil(lambda: page.verdict is not None, timeout=10000)
    assert page.verdict.exit_code == 2 and "n'est pas un export Trame" in page.headline.text()
    got = []
    controller.ctx.tasks.op(
        lambda s: [e.object_id for e in s.audit.entries("export.verify")]
    ).success(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got[0] == ["valide", "invalide", "illisible"]
