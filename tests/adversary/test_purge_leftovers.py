"""Adversary: after « Purger », nothing of the case may be left in the vault folder — the
databases, their WAL, and the copies Trame itself keeps there (the files a restore moved
aside into avant-restauration-*, the backups taken before a migration)."""

from __future__ import annotations

import secrets

from desktop.core.admin import backups
from desktop.core.export.retention import mark_transmitted, purge_case
from desktop.core.vault.keyslots import CASE_KEY
from tests.conftest import ADMIN_PASSWORD
from tests.core.export.test_retention import plaintext_pages


def _canary_case(s, canary, exported_case):
    """The sample case with a canary person, sealed and exported (what « transmis » needs)."""
    return exported_case(
        s,
        "2026/000654",
        prepare=lambda s, case_id: s.persons.add(case_id, "victime", canary, "Léa"),
    )


def _decrypted_hits(home, key, needle):
    hits = []
    for path in sorted(home.rglob("cases.db")):
        if any(needle.encode() in page for page in plaintext_pages(path, key)):
            hits.append(str(path.relative_to(home)))
    for path in home.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            hits.append(f"{path.relative_to(home)} (brut)")
    return hits


def test_purge_leaves_no_plaintext_and_no_decryptable_copy_in_the_live_files(
    vault, vault_home, exported_case
):
    canary = "Zorglubette" + secrets.token_hex(3)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        key = bytes(s._keys[CASE_KEY])
        case_id = _canary_case(s, canary, exported_case)
        assert _decrypted_hits(vault_home, key, canary)  # the search can find it
        mark_transmitted(s, case_id)
        purge_case(s, case_id, confirmed=True)
        assert _decrypted_hits(vault_home, key, canary) == []


def test_purge_also_reaches_the_copies_kept_in_the_vault_folder(
    vault, vault_home, tmp_path, exported_case
):
    canary = "Zorglubette" + secrets.token_hex(3)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        key = bytes(s._keys[CASE_KEY])
        case_id = _canary_case(s, canary, exported_case)
        backup = backups.create_backup(s, tmp_path)
    backups.restore_backup(vault_home, backup.path, "admin", ADMIN_PASSWORD)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        mark_transmitted(s, case_id)
        purge_case(s, case_id, confirmed=True)
    assert _decrypted_hits(vault_home, key, canary) == []
