"""« Sauvegarde et restauration » through the real main window on a real vault: back up with
progress, see the backup listed with its audit head, restore it through the confirmation
dialog, unlock again and find the data of the backup back; the home-screen reminder."""

from __future__ import annotations

import json
import tarfile

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import dialog


def _cases(ctx, qtbot):
    got = []
    ctx.tasks.op(lambda s: sorted(c.procedure_number for c in s.cases.list())).success(
        got.append
    ).run()
    qtbot.waitUntil(lambda: bool(got), timeout=10000)
    return got[0]


def test_backup_then_restore_through_the_dialogs(qtbot, vault, vault_home, controller, tmp_path):
    from desktop.core.admin.certificates import create_certificate, disable_certificate

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.cases.create("2026/000777", "BPM — Paris")
        cert = create_certificate(s, "Camille DURAND", "PP (fictive)")
    drive = tmp_path / "cle-usb"
    drive.mkdir()
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    ctx = controller.ctx

    # never backed up: the home screen says so
    reminder = main.backup_reminder
    qtbot.waitUntil(reminder.isVisible, timeout=5000)
    assert "Aucune sauvegarde" in reminder.text.text()

    main.page_actions["admin.backup"].trigger()  # Administration > Sauvegarde et restauration
    page = main.current_page()
    assert page.objectName() == "backup_page" and not reminder.isVisible()
    seen = []
    page.bar.valueChanged.connect(lambda v: seen.append(v))
    page.folder.clear()
    type_text(page.folder, str(drive))
    QTest.keyClick(page.folder, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.running, timeout=30000)
    assert "Sauvegarde écrite" in page.message.text(), page.message.text()
    assert seen and max(seen) == 100
    files = list(drive.glob("trame-sauvegarde-*.trame"))
    assert len(files) == 1
    with tarfile.open(files[0]) as tar:
        manifest = json.loads(tar.extractfile("trame-backup.json").read())
    seq = manifest["audit"]["seq"]
    assert seq > 0 and len(manifest["audit"]["hash"]) == 64
    row = [page.table.item(0, c).text() for c in range(5)]
    assert f"entrée n° {seq}" in row[2] and row[4] == str(files[0])

    # after the backup: a new case, then the restore takes the vault back to the backup
    ctx.tasks.op(lambda s: s.cases.create("2026/000888", "BPM — Paris")).run()
    ctx.tasks.op(lambda s: disable_certificate(s, cert.id)).run()  # reported compromised
    assert _cases(ctx, qtbot) == ["2026/000777", "2026/000888"]

    page.table.setFocus()
    page.table.selectRow(0)
    page.restore_button.click()
    dlg = dialog(qtbot, "Restaurer une sauvegarde")
    summary = dlg.summary.text()
    assert str(vault_home) in summary and "avant-restauration-" in summary
    assert f"entrée n° {seq}" in summary and "revient en arrière" in summary
    type_text(dlg.password, "pas le bon mot de passe")
    QTest.keyClick(dlg.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "incorrect" in dlg.message.text(), timeout=15000)
    assert _cases(ctx, qtbot) == ["2026/000777", "2026/000888"]  # nothing replaced
    type_text(dlg.password, ADMIN_PASSWORD)
    QTest.keyClick(dlg.password, Qt.Key.Key_Return)

    qtbot.waitUntil(
        lambda: controller.main is None and controller.unlock_window.isVisible(), timeout=30000
    )
    form = controller.unlock_window.form
    assert "restaurée" in form.intro.text() and form.login.text() == "admin"
    # the certificate disabled since the backup stays disabled, and the user is told
    assert "reste désactivé" in form.intro.text() and cert.fingerprint[:16] in form.intro.text()
    aside = [p for p in vault_home.iterdir() if p.name.startswith("avant-restauration-")]
    assert len(aside) == 1 and (aside[0] / "cases.db").exists()
    type_text(form.password, ADMIN_PASSWORD)
    QTest.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main.isVisible(), timeout=15000
    )
    assert controller.main is not main
    assert _cases(ctx, qtbot) == ["2026/000777"]  # the data of the backup, found back
    # the restored vault knows it was backed up then: no reminder
    qtbot.wait(300)
    ctx.tasks.wait_idle()
    qtbot.wait(100)
    assert controller.main.backup_reminder.overdue is None
    assert not controller.main.backup_reminder.isVisible()
    with Vault(vault_home).unlock("admin", ADMIN_PASSWORD) as s:
        assert s.audit.verify().ok
        assert not [c for c in s.cases_db.execute("SELECT id FROM certificates WHERE active = 1")]
        # the restored chain is the backup's, up to the head its manifest carries
        assert [e.hash for e in s.audit.entries() if e.seq == seq] == [manifest["audit"]["hash"]]
        restored = [e.object_id for e in s.audit.entries("vault.restore")]
        assert restored == [f"{seq}:{manifest['audit']['hash']}"]  # the backup's head


def test_reminder_after_the_configured_delay(qtbot, vault, controller, tmp_path):
    from datetime import UTC, datetime, timedelta

    from desktop.core.admin.backups import HISTORY_KEY

    old = (datetime.now(UTC) - timedelta(days=9)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.settings.set(HISTORY_KEY, [{"path": str(tmp_path / "x.trame"), "created": old}])
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    reminder = main.backup_reminder
    qtbot.waitUntil(reminder.isVisible, timeout=5000)
    assert "il y a 9 jours" in reminder.text.text()
    page = main.open_page("admin.backup")
    qtbot.waitUntil(lambda: page.reminder.value() == 7, timeout=5000)
    page.reminder.setValue(10)
    page.save_reminder()
    qtbot.waitUntil(lambda: "10 jours" in page.message.text(), timeout=5000)
    main.back()
    qtbot.waitUntil(lambda: reminder.overdue is None, timeout=5000)
    assert not reminder.isVisible()
    # an officer (who cannot reach the backup screen) is not shown the reminder
    controller.lock()
    form = controller.unlock_window.form
    form.login.clear()
    type_text(form.login, "enqueteur")
    type_text(form.password, OFFICER_PASSWORD)
    form._submit()
    qtbot.waitUntil(
        lambda: controller.main is not None and controller.main is not main, timeout=10000
    )
    qtbot.wait(200)
    assert not controller.main.backup_reminder.isVisible()
    assert controller.main.spec("admin.backup") is None
