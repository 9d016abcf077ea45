"""Adversary, through the real main window: « Restaurer depuis un fichier… » with a backup
whose manifest was edited (it claims a medical base it does not hold) — a French refusal on
the page, no confirmation dialog, nothing replaced."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.core.admin import backups
from tests.adversary.test_admin_backup import _edited_manifest
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import controller, ctx, unlock  # noqa: F401 - fixtures of the UI tests


def _files(home):
    return sorted(p.name for p in home.iterdir() if not p.name.endswith(("-wal", "-shm")))


def test_edited_backup_is_refused_on_the_page(qtbot, vault, vault_home, controller, tmp_path):  # noqa: F811
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000808", "BPM")
        police = backups.create_backup(s, tmp_path)
    edited = _edited_manifest(police.path, tmp_path / "modifiee.trame", medical=True)
    before = _files(vault_home)
    main = unlock(qtbot, controller, "admin", ADMIN_PASSWORD)
    main.page_actions["admin.backup"].trigger()
    page = main.current_page()
    page.open_restore(edited)  # what « Restaurer depuis un fichier… » calls with the choice
    qtbot.waitUntil(lambda: "modifiée" in page.message.text(), timeout=15000)
    assert "Rien n'a été modifié" in page.message.text()
    titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert "Restaurer une sauvegarde" not in titles
    assert _files(vault_home) == before  # no avant-restauration-*, nothing moved
