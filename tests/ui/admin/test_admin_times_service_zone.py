"""Issue 13 (screen review): the backup table and the audit log showed times in the machine's
own zone while « Enregistré à » and the documents read the service's zone. Both now read the
service zone through the same helpers (desktop.core.servicetime.shown_time and
shown_datetime), like the transcript's « Heure » column."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.admin.backups import backup_history
from desktop.core.servicetime import save_setting, set_service_zone
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import type_text, unlock

NOUMEA = ZoneInfo("Pacific/Noumea")


@pytest.fixture
def machine_in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
    set_service_zone(None)  # process-wide: the next tests read Paris again


def noumea(at: datetime, seconds: bool) -> str:
    return at.astimezone(NOUMEA).strftime("%d/%m/%Y à %H:%M:%S" if seconds else "%d/%m/%Y à %H:%M")


def test_audit_and_backup_times_read_the_service_zone(
    qtbot, vault, vault_home, controller, tmp_path, machine_in_new_york
):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        save_setting(s, "Pacific/Noumea")
    assert datetime.now().astimezone().utcoffset() != datetime.now(NOUMEA).utcoffset()
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)

    # the audit log: each entry's time as the service zone reads it
    main.page_actions["admin.audit"].trigger()
    page = main.current_page()
    qtbot.waitUntil(lambda: page.table.rowCount() > 2, timeout=10000)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        at = {str(e.seq): datetime.fromisoformat(e.ts) for e in s.audit.entries()}
    shown = {page.table.item(r, 0).text(): page.table.item(r, 1).text() for r in range(3)}
    assert shown == {seq: noumea(at[seq], seconds=True) for seq in shown}

    # the backup table: the backup's time as the service zone reads it
    drive = tmp_path / "cle-usb"
    drive.mkdir()
    main.page_actions["admin.backup"].trigger()
    page = main.current_page()
    page.folder.clear()
    type_text(page.folder, str(drive))
    QTest.keyClick(page.folder, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and not page.running, timeout=30000)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        created = backup_history(s, read_files=False)[0].created
    assert page.table.item(0, 0).text() == noumea(created, seconds=False)


def test_transcript_time_column_reads_the_service_zone(
    qtbot, vault, controller, machine_in_new_york
):
    from desktop.core.hearing.transcript import parse_time
    from tests.conftest import OFFICER_PASSWORD
    from tests.ui.helpers import CTRL, key, make_hearing, open_hearing

    _case, rid = make_hearing(vault, "2026/004471")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        save_setting(s, "Pacific/Noumea")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    key(Qt.Key.Key_T, CTRL)
    panel = page.transcript
    type_text(panel.question, "Qu'est-ce qui s'est passé ?")
    key(Qt.Key.Key_Tab)
    type_text(panel.answer, "On est allés à la gare.")
    key(Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(panel.model.entries) == 1, timeout=10000)
    wall_time = parse_time(panel.model.entries[0].wall_time)
    shown = panel.model.index(0, 1).data()
    assert shown == wall_time.astimezone(NOUMEA).strftime("%H:%M:%S"), shown
