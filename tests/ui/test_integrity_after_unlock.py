"""Through the real window: the full integrity check runs after unlock, off the unlock path,
and a damaged page that unlock did not read is reported in French (issue 20)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox

from desktop.ui import integrity
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import unlock

PAGE = 4096


def _fill(vault, cases=200):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        with s.cases_db.transaction():
            for n in range(cases):
                case = s.cases.create(f"2026/{n:06d}")
                rec = s.records.create(case.id, "audition", "audition_mineur", "1")
                s.records.set_answer(rec.id, "recit_libre", "texte fictif " * 40)
        s.cases_db.checkpoint()


def test_a_healthy_vault_is_reported_checked(qtbot, vault, controller):
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    label = main.findChild(QLabel, "integrity")
    assert label is not None
    qtbot.waitUntil(lambda: label.text() == integrity.DONE, timeout=20000)


def test_a_damaged_page_unlock_did_not_read_is_reported(qtbot, vault, controller):
    _fill(vault)
    size = vault.cases_path.stat().st_size
    data = bytearray(vault.cases_path.read_bytes())
    offset = (size // PAGE - 3) * PAGE + 1500  # a page of answers, far from the schema
    data[offset] ^= 0x5A
    vault.cases_path.write_bytes(bytes(data))
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)  # unlock itself succeeds
    label = main.findChild(QLabel, "integrity")
    qtbot.waitUntil(lambda: "endommagé" in label.text(), timeout=20000)
    boxes = [w for w in main.findChildren(QMessageBox) if w.isVisible()]
    assert boxes, "a French alert is shown"
    assert "restaurez" in boxes[-1].text() and "endommagée" in boxes[-1].text()
