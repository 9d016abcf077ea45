"""« Conservation et purge » through the real main window: mark a case transmitted, purge it
after a confirmation that names its procedure number, then check with the command line
(`python -m desktop`) that it is gone and that the audit chain holds."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD
from tests.ui.conftest import unlock
from tests.ui.helpers import dialog, key

ALT = Qt.KeyboardModifier.AltModifier


def _cli(home, *args):
    env = dict(os.environ)
    env.update(
        TRAME_HOME=str(home),
        TRAME_PASSWORD=ADMIN_PASSWORD,
        TRAME_USER="admin",
        TRAME_KDF_SECONDS="0.02",
    )
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _row(page, number):
    for r in range(page.table.rowCount()):
        if page.table.item(r, 0).text() == number:
            return r
    raise AssertionError(number)


def test_mark_transmitted_then_purge_then_the_cli_agrees(
    qtbot, vault, vault_home, controller, exported_case
):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        exported_case(
            s,
            "2026/000501",
            prepare=lambda s, c: s.persons.add(c, "victime", "Quenneville", "Zéphyrine"),
        )
        exported_case(s, "2026/000502")
        s.cases.create("2026/000503", "BPM — Paris")  # never exported to the procedure
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    main.page_actions["admin.retention"].trigger()
    page = main.current_page()
    assert page.objectName() == "retention_page"
    qtbot.waitUntil(lambda: page.table.rowCount() == 3, timeout=10000)
    assert "2016/680" in " ".join(lab.text() for lab in page.findChildren(type(page.message)))

    # a case never exported cannot be declared transmitted: the vault holds its only copy
    page.table.setFocus()
    page.table.selectRow(_row(page, "2026/000503"))
    key(Qt.Key.Key_M, ALT)
    qtbot.waitUntil(lambda: "exportez-le d'abord" in page.message.text(), timeout=20000)
    assert "2026/000503" in page.message.text()
    assert page.table.item(_row(page, "2026/000503"), 1).text() == "en cours"
    page.table.clearSelection()

    page.table.setFocus()
    page.table.selectRow(_row(page, "2026/000501"))
    key(Qt.Key.Key_M, ALT)
    qtbot.waitUntil(
        lambda: "transmis" in page.table.item(_row(page, "2026/000501"), 1).text(), timeout=20000
    )
    row = _row(page, "2026/000501")
    assert page.table.item(row, 1).text() == "transmis — échu"  # delay 0: at once
    assert page.table.item(row, 3).text() != "—"

    page.table.selectRow(row)
    key(Qt.Key.Key_P, ALT)
    box = dialog(qtbot, "Purger des dossiers")
    assert isinstance(box, QMessageBox)
    said = (box.text() + box.informativeText()).replace("\xa0", " ")
    assert "2026/000501" in said and "Quenneville" not in said and "Zéphyrine" not in said
    purge = next(b for b in box.buttons() if "Purger" in b.text())
    purge.click()
    qtbot.waitUntil(lambda: "Purgé" in page.message.text(), timeout=20000)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10000)

    listed = _cli(vault_home, "cases", "list")
    assert listed.returncode == 0, listed.stderr
    assert "2026/000501" not in listed.stdout and "2026/000502" in listed.stdout
    due = _cli(vault_home, "purge", "--due")
    assert due.returncode == 0 and "2026/000501" not in due.stdout
    verify = _cli(vault_home, "audit", "verify")
    assert verify.returncode == 0 and "intact" in verify.stdout, verify.stdout + verify.stderr

    # a delay: a case transmitted now cannot be purged yet, and nothing is deleted
    page.delay.setValue(30)
    page.store_delay()
    qtbot.waitUntil(lambda: "30 jours" in page.message.text(), timeout=5000)
    page.table.clearSelection()
    page.table.selectRow(_row(page, "2026/000502"))
    page.mark.click()
    qtbot.waitUntil(
        lambda: page.table.item(_row(page, "2026/000502"), 1).text() == "transmis", timeout=10000
    )
    page.table.clearSelection()
    page.table.selectRow(_row(page, "2026/000502"))
    assert page.purge_selected() is None
    assert "délai de conservation" in page.message.text() and page.table.rowCount() == 2


def test_the_page_names_the_restore_copies_and_the_purge_deletes_them(
    qtbot, vault, vault_home, controller, exported_case, tmp_path
):
    from desktop.core.admin import backups
    from desktop.core.export.retention import mark_transmitted

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case_id = exported_case(s, "2026/000504")
        mark_transmitted(s, case_id)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
    aside = backups.restore_backup(vault_home, old.path, "admin", ADMIN_PASSWORD)
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    main.page_actions["admin.retention"].trigger()
    page = main.current_page()
    qtbot.waitUntil(lambda: aside.name in page.pending.text(), timeout=10000)
    assert "la prochaine purge les supprimera" in page.pending.text()

    page.table.setFocus()
    page.table.selectRow(_row(page, "2026/000504"))
    key(Qt.Key.Key_P, ALT)
    box = dialog(qtbot, "Purger des dossiers")
    assert aside.name in box.informativeText() and "contiennent" in box.informativeText()
    next(b for b in box.buttons() if "Purger" in b.text()).click()
    qtbot.waitUntil(lambda: "Copies du coffre supprimées" in page.message.text(), timeout=30000)
    assert aside.name in page.message.text() and not aside.exists()
    qtbot.waitUntil(lambda: "Copies du coffre" not in page.pending.text(), timeout=10000)
