"""Adversary: backups and restores through the administration use cases (the ones the
« Sauvegarde et restauration » page and `trame restore` call), on a real vault."""

from __future__ import annotations

import io
import json
import tarfile

import pytest

from desktop.core.admin import backups
from desktop.core.errors import TrameError
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, fast_kdf


def _tar(path, members):
    with tarfile.open(path, "w") as tar:
        for name, data, kind in members:
            info = tarfile.TarInfo(name)
            if kind == "file":
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            elif kind == "sym":
                info.type = tarfile.SYMTYPE
                info.linkname = data
                tar.addfile(info)
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
                tar.addfile(info)
    return path


def _cases(vault, login="admin", password=ADMIN_PASSWORD):
    with vault.unlock(login, password) as s:
        return sorted(c.procedure_number for c in s.cases.list()), s.audit.verify().ok


GOOD = json.dumps({"format": "trame-backup", "version": 1, "medical": False}).encode()


@pytest.mark.parametrize(
    "members",
    [
        [("trame-backup.json", b"{pas du json", "file")],
        [("trame-backup.json", b"[1, 2, 3]", "file")],
        [("trame-backup.json", b"\xff\xfe\x00{}", "file")],
        [("trame-backup.json", b'"trame-backup"', "file")],
        [("trame-backup.json", b'{"format": "trame-backup", "audit": {"seq": "x"}}', "file")],
        [("trame-backup.json", GOOD, "file"), ("cases.db", "/etc/passwd", "sym")],
        [("trame-backup.json", GOOD, "file"), ("keyslots.json", "", "fifo")],
        [("trame-backup.json", "cases.db", "sym")],
        [("../trame-backup.json", GOOD, "file")],
    ],
    ids=[
        "bad-json",
        "json-list",
        "bad-utf8",
        "json-string",
        "bad-audit",
        "symlink",
        "fifo",
        "manifest-link",
        "dotdot",
    ],
)
def test_crafted_backup_is_refused_in_french_and_changes_nothing(
    vault, vault_home, tmp_path, members
):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000100", "BPM")
    before = sorted(p.name for p in vault_home.iterdir())
    archive = _tar(tmp_path / "piege.trame", members)
    with pytest.raises(TrameError) as exc:
        backups.restore_backup(vault_home, archive, "admin", ADMIN_PASSWORD)
    assert "piege.trame" in exc.value.message or "sauvegarde" in exc.value.message.lower()
    try:  # the page's list reads the manifest alone: a French refusal or a description
        backups.read_backup(archive)
    except TrameError:
        pass
    assert sorted(p.name for p in vault_home.iterdir()) == before
    assert _cases(vault) == (["2026/000100"], True)


def test_backup_of_another_install_does_not_replace_this_vault(vault, vault_home, tmp_path):
    other = tmp_path / "autre-poste"
    Vault.create(other, "admin", "autre coffre, autre hibou grincheux", kdf=fast_kdf())
    with Vault(other, fast_kdf()).unlock("admin", "autre coffre, autre hibou grincheux") as s:
        s.cases.create("2026/999999", "AUTRE")
        foreign = backups.create_backup(s, tmp_path)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000001", "ICI")
    # Whoever knows a password of the *other* install may not swap this vault for it.
    with pytest.raises(TrameError):
        backups.restore_backup(
            vault_home, foreign.path, "admin", "autre coffre, autre hibou grincheux"
        )
    assert _cases(vault)[0] == ["2026/000001"]


def test_disabled_account_cannot_restore_an_old_backup_that_enables_it(vault, vault_home, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000002", "ICI")
        s.disable_user("enqueteur")
    with pytest.raises(TrameError):
        backups.restore_backup(vault_home, old.path, "enqueteur", OFFICER_PASSWORD)
    assert _cases(vault)[0] == ["2026/000002"]


def test_officer_cannot_roll_the_case_database_back(vault, vault_home, tmp_path):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000003", "ICI")
    # An officer (not an administrator) replacing the whole case database with an older one.
    with pytest.raises(TrameError):
        backups.restore_backup(vault_home, old.path, "enqueteur", OFFICER_PASSWORD)
    assert _cases(vault)[0] == ["2026/000003"]


def test_restore_of_a_pre_purge_backup_does_not_silently_bring_the_case_back(
    vault, vault_home, tmp_path, exported_case
):
    from desktop.core.export.retention import mark_transmitted, purge_case

    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.get(exported_case(s, "2026/000004"))
        old = backups.create_backup(s, tmp_path)
        mark_transmitted(s, case.id)
        purge_case(s, case.id, confirmed=True)
    # `trame restore FILE` with no other option: a purged case must not come back unasked.
    with pytest.raises(TrameError):
        backups.restore_backup(vault_home, old.path, "admin", ADMIN_PASSWORD)
    assert _cases(vault)[0] == []


def test_doctor_cannot_replace_the_case_database(vault, vault_home, tmp_path):
    from tests.conftest import DOCTOR_PASSWORD

    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases.create("2026/000005", "ICI")
    # The « Sauvegarde et restauration » page is open to doctors; police data is not theirs.
    try:
        backups.restore_backup(vault_home, old.path, "medecin", DOCTOR_PASSWORD)
    except TrameError:
        pass
    assert _cases(vault)[0] == ["2026/000005"]


def _without_audit_head(src, dst):
    """The same backup with a manifest of the older format (no audit head), as the backup
    taken before a migration writes it; the manifest is plain JSON in a plain tar."""
    with tarfile.open(src) as tin, tarfile.open(dst, "w") as tout:
        for member in tin.getmembers():
            data = tin.extractfile(member).read()
            if member.name == "trame-backup.json":
                manifest = json.loads(data)
                manifest.pop("audit", None)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            tout.addfile(member, io.BytesIO(data))
    return dst


def test_every_restore_leaves_its_own_vault_restore_entry(vault, vault_home, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        first = backups.create_backup(s, tmp_path)
    backups.restore_backup(vault_home, first.path, "admin", ADMIN_PASSWORD)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        second = backups.create_backup(s, tmp_path / "b.trame")  # holds one vault.restore
        before = len(s.audit.entries("vault.restore"))
    old_format = _without_audit_head(second.path, tmp_path / "ancien.trame")
    backups.restore_backup(vault_home, old_format, "admin", ADMIN_PASSWORD)
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert len(s.audit.entries("vault.restore")) == before + 1
        assert s.audit.verify().ok


def _edited_manifest(src, dst, **changes):
    with tarfile.open(src) as tin, tarfile.open(dst, "w") as tout:
        for member in tin.getmembers():
            data = tin.extractfile(member).read()
            if member.name == "trame-backup.json":
                data = json.dumps({**json.loads(data), **changes}).encode()
                member.size = len(data)
            tout.addfile(member, io.BytesIO(data))
    return dst


def test_manifest_claiming_a_medical_base_it_lacks_does_not_drop_the_live_one(
    vault, vault_home, tmp_path
):
    from desktop.core.errors import VaultCorrupt
    from tests.conftest import DOCTOR_PASSWORD

    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        case = doc.cases.create("2026/000006", "UMJ")
        doc.medical_records.create(case.id, "umj", "checklist_umj", "1.0")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        police = backups.create_backup(s, tmp_path)  # no medical base: the admin has no key
    assert not police.medical
    edited = _edited_manifest(police.path, tmp_path / "modifiee.trame", medical=True)
    try:
        backups.restore_backup(vault_home, edited, "admin", ADMIN_PASSWORD)
    except TrameError:
        pass
    with vault.unlock("medecin", DOCTOR_PASSWORD) as doc:
        try:
            records = doc.medical_records.for_case(case.id, "umj")
        except VaultCorrupt as exc:
            pytest.fail(f"the live medical base is gone after the restore: {exc.message}")
        assert len(records) == 1


def test_manifest_lying_about_its_audit_head_does_not_hide_a_rollback(vault, vault_home, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
        s.cases.create("2026/000007", "ICI")
    # The restore dialog warns « revient en arrière » from the manifest's head, plain JSON.
    lying = _edited_manifest(
        old.path, tmp_path / "menteuse.trame", audit={"seq": 10**6, "hash": "0" * 64}
    )
    assert backups.read_backup(lying).audit_seq == 10**6
    with pytest.raises(TrameError):
        backups.restore_backup(vault_home, lying, "admin", ADMIN_PASSWORD)
    assert _cases(vault)[0] == ["2026/000007"]


@pytest.mark.parametrize("damage", ["truncated", "slot-removed"])
def test_key_slot_file_damaged_after_unlock_is_never_put_in_a_backup(
    vault, vault_home, tmp_path, damage
):
    raw = vault.keyslots_path.read_bytes()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        if damage == "truncated":
            vault.keyslots_path.write_bytes(raw[: len(raw) // 2])
        else:  # still valid JSON, one slot less: its MAC no longer matches
            data = json.loads(raw)
            data["slots"] = data["slots"][:-1]
            vault.keyslots_path.write_text(json.dumps(data), "utf-8")
        history = backups.backup_history(s)
        with pytest.raises(TrameError) as exc:
            backups.create_backup(s, tmp_path)
        assert "aucune sauvegarde" in exc.value.message or "endommagé" in exc.value.message
        assert backups.backup_history(s) == history
    assert not list(tmp_path.glob("*.trame"))
