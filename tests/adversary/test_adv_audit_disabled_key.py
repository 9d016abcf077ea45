"""A disabled account's signing key keeps verifying entries in its name.

The enquêteur knew a colleague's password (a shared password, a note on the desk) and kept a
copy of the key-slot file of that time (the data folder, any backup). The administrator
disables the colleague; the case key rotates, so the colleague's slot opens nothing live. But
the colleague's Ed25519 signing key, unwrapped from the old copy with the old password, is
still registered in the chain: the enquêteur (who holds the new case key) appends entries
in the disabled colleague's name, dated after the disable, and `trame audit verify` must not
call them intact. The same after a restore of a backup made before the disable."""

from __future__ import annotations

from desktop.core.vault import sealing
from desktop.core.vault.backup import backup, restore
from desktop.core.vault.keyslots import KeySlotFile
from tests.adversary.test_adv_audit_enrolment_key import append_signed
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

COLLEAGUE = "collègue du quai aux mouettes bleues"


def old_signing_key(raw: bytes, path, login: str, password: str) -> tuple[str, bytes]:
    slots = KeySlotFile.parse(raw, path)
    slot = slots.find(login)
    return slot.user_id, slots.open_slot(slot, password)[sealing.SIGN]


def test_a_disabled_accounts_key_signs_nothing_after_the_disable(vault, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("collegue", COLLEAGUE, "enqueteur")
        archive = backup(s, tmp_path / "avant.trame").path
    old = vault.keyslots_path.read_bytes()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.disable_user("collegue")
    colleague, private = old_signing_key(old, vault.keyslots_path, "collegue", COLLEAGUE)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        append_signed(s, colleague, "case.purge", "3", private)
        report = s.audit.verify()
    assert not report.ok and "désactivé" in report.reason, report
    # A restore of the backup made before the disable (its chain never saw the disable).
    restore(vault.home, archive, "admin", ADMIN_PASSWORD, accept_rollback=True)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok, s.audit.verify().reason
        append_signed(s, colleague, "case.purge", "3", private)
        report = s.audit.verify()
    assert not report.ok and "désactivé" in report.reason, report


def test_a_reset_accounts_old_key_signs_nothing_after_the_reset(vault):
    """The administrator resets the colleague's password because it leaked: the leaked
    password and an old copy of the slot still yield the colleague's previous signing key."""
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.add_user("collegue", COLLEAGUE, "enqueteur")
    old = vault.keyslots_path.read_bytes()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.change_password("collegue", "girouette rouillée du clocher, 1964")
    colleague, private = old_signing_key(old, vault.keyslots_path, "collegue", COLLEAGUE)
    with vault.unlock("collegue", "girouette rouillée du clocher, 1964") as s:
        s.cases.create("2026/000555")
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.audit.verify().ok
        append_signed(s, colleague, "case.purge", "3", private)
        report = s.audit.verify()
    assert not report.ok, report
