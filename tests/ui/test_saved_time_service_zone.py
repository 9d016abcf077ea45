"""« Enregistré à hh:mm:ss » reads the service's wall time (desktop.core.servicetime), like
the documents, not the machine's own zone (a laptop left in another zone)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.servicetime import save_setting, set_service_zone
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import make_hearing, open_hearing


@pytest.fixture
def machine_in_new_york(monkeypatch):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
    set_service_zone(None)  # process-wide: the next tests read Paris again


def test_saved_at_uses_the_service_zone(qtbot, vault, controller, machine_in_new_york):
    _case, rid = make_hearing(vault, "2026/004470")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        save_setting(s, "Pacific/Noumea")
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    page.show_transcript()
    before = datetime.now(ZoneInfo("Pacific/Noumea"))
    type_text(page.transcript.question, "Qu'est-ce qui s'est passé ?")
    indicator = main.save_indicator
    qtbot.waitUntil(lambda: indicator.text().startswith("Enregistré à"), timeout=10000)
    after = datetime.now(ZoneInfo("Pacific/Noumea"))
    shown = indicator.text().removeprefix("Enregistré à").strip()
    allowed = {(before + timedelta(seconds=k)).strftime("%H:%M") for k in range(0, 121)}
    allowed |= {after.strftime("%H:%M")}
    assert shown[:5] in allowed, (shown, before, after)
    assert datetime.now().astimezone().utcoffset() != before.utcoffset()  # zones differ
