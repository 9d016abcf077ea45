"""The « Exporter vers la procédure » dialog on a real vault, its job in the real worker."""

from __future__ import annotations

import pytest

from desktop.core.export.verify import verify_bundle
from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.store import CertificateStore  # noqa: E402
from desktop.ui.export import ExportDialog, export_action  # noqa: E402
from tests.conftest import OFFICER_PASSWORD  # noqa: E402
from tests.core.export.export_fixtures import build_case


@pytest.fixture(scope="module")
def bundle_cert():
    return certs.create("Camille DURAND", organization="Préfecture de police (fictive)")


@pytest.fixture
def ready(vault, ctx, bundle_cert):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        CertificateStore(s).add(bundle_cert)
        data = build_case(s, SoftwareSigner(bundle_cert))
    ctx.tasks.unlock("enqueteur", OFFICER_PASSWORD).run().result(timeout=30)
    return data


def _dialog(qtbot, ctx, case_id):
    dlg = ExportDialog(ctx, case_id)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def test_export_with_progress_bar(qtbot, ctx, ready, tmp_path):
    dlg = _dialog(qtbot, ctx, ready.case_id)
    dlg.progress_after_ms = 0  # the bar shows after a second; here at once
    seen = []
    dlg.bar.valueChanged.connect(lambda v: seen.append((v, dlg.bar.isVisible())))
    dlg.out.setText(str(tmp_path / "cle"))
    dlg.mark.setChecked(True)
    dlg.go.click()
    assert not dlg.go.isEnabled() and dlg.cancel.text() == "Annuler"
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=60000)
    assert any(visible for _, visible in seen) and max(v for v, _ in seen) == 100
    assert "Export écrit" in dlg.message.text() and dlg.open_folder.isVisible()
    assert not dlg.bar.isVisible() and dlg.go.isEnabled()
    assert verify_bundle(dlg.result.path).valid
    # « Déclarer transmis » was applied in the same job
    got = []
    ctx.tasks.op(lambda s: s.cases.get(ready.case_id).status).success(got.append).run()
    qtbot.waitUntil(lambda: got == ["transmis"], timeout=10000)
    dlg.grab().save(str(tmp_path / "dialog.png"))


def test_errors_are_shown_in_french_and_nothing_written(qtbot, ctx, ready, tmp_path):
    dlg = _dialog(qtbot, ctx, ready.case_id)
    dlg.go.click()
    assert "destination" in dlg.message.text()
    out = tmp_path / "o"
    dlg.out.setText(str(out))
    dlg.recording.setText(str(tmp_path / "absent.mp4"))
    dlg.go.click()
    assert "scellé" in dlg.message.text()
    dlg.scelle.setText("2026-412")
    dlg.go.click()
    qtbot.waitUntil(lambda: dlg.go.isEnabled(), timeout=60000)
    assert "Enregistrement illisible" in dlg.message.text()
    assert dlg.result is None
    assert not out.exists() or list(out.iterdir()) == []


def test_cancel_writes_nothing(qtbot, ctx, ready, tmp_path):
    dlg = _dialog(qtbot, ctx, ready.case_id)
    out = tmp_path / "o"
    dlg.out.setText(str(out))
    dlg.go.click()
    dlg.cancel.click()  # « Annuler » while running
    qtbot.waitUntil(lambda: dlg.go.isEnabled(), timeout=60000)
    assert "annulé" in dlg.message.text() and dlg.result is None
    assert not out.exists() or [p for p in out.iterdir() if not p.name.startswith(".")] == []
    assert dlg.isVisible()  # cancelling does not close the dialog


def test_export_action_opens_the_dialog(qtbot, ctx, ready):
    from PySide6.QtWidgets import QApplication, QWidget

    host = QWidget()
    qtbot.addWidget(host)
    action = export_action(ctx, host, lambda: ready.case_id)
    assert action.text() == "Exporter vers la procédure…"
    action.trigger()
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "export_dialog" and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
