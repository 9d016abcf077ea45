"""The vault's command line, run as a user would: a real process, a real vault."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PASSWORD = "phrase de test pour un ornithorynque"


def trame(home, *args, password=PASSWORD, env_extra=None, stdin=None):
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_KDF_SECONDS="0.02")
    env.pop("TRAME_USER", None)
    if password is not None:
        env["TRAME_PASSWORD"] = password
    else:
        env.pop("TRAME_PASSWORD", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def own_password(home, login: str, temporary: str, new: str) -> None:
    """The account changes the temporary password the administrator gave it (the command
    line refuses everything else until then)."""
    r = trame(
        home,
        "users",
        "passwd",
        login,
        "--user",
        login,
        password=temporary,
        env_extra={"TRAME_NEW_PASSWORD": new},
    )
    assert r.returncode == 0, r.stderr


@pytest.fixture
def home(tmp_path):
    h = tmp_path / "home"
    r = trame(h, "init")
    assert r.returncode == 0, r.stderr
    assert "CLÉ DE SECOURS" in r.stdout
    return h


def test_init_prints_recovery_keys_in_groups(home, tmp_path):
    import re

    r = trame(tmp_path / "autre", "init")
    codes = re.findall(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b", r.stdout)
    assert len(codes) == 1  # the administration key only: no medical key at init


def test_init_never_creates_or_shows_a_medical_key(tmp_path):
    """Everything init prints and writes: one recovery key (administration), no slot holding
    a medical key, no medical database; the médecin enrols himself later and gets his key."""
    import json
    import re

    home = tmp_path / "neuf"
    r = trame(home, "init")
    assert r.returncode == 0, r.stderr
    assert len(re.findall(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b", r.stdout + r.stderr)) == 1
    written = sorted(p.name for p in home.rglob("*") if p.is_file())
    assert "medical.db" not in written
    slots = json.loads((home / "keyslots.json").read_text())["slots"]
    assert all("medical" not in s["sealed"] and "medical" not in s["keys"] for s in slots)
    assert all(s["kind"] != "medical-recovery" for s in slots)
    # The administrator issues a code; the médecin enrols and alone sees the medical key.
    r = trame(home, "users", "enrol-medical")
    assert r.returncode == 0, r.stderr
    [code] = re.findall(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b", r.stdout)
    r = trame(
        home,
        "users",
        "enrol-doctor",
        "dr-fictif",
        env_extra={
            "TRAME_ENROLMENT_CODE": code,
            "TRAME_NEW_PASSWORD": "phrase du médecin funambule 63",
        },
    )
    assert r.returncode == 0, r.stderr
    [medical] = re.findall(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b", r.stdout)
    assert (home / "medical.db").exists()
    r = trame(home, "recover", "dr-fictif", "--medical", env_extra={"TRAME_RECOVERY_KEY": code})
    assert r.returncode == 1  # the administrator's code opens nothing medical
    r = trame(
        home,
        "recover",
        "dr-fictif",
        "--medical",
        env_extra={"TRAME_RECOVERY_KEY": medical},
        password="nouvelle phrase du médecin kayakiste 58",
    )
    assert r.returncode == 0, r.stderr


def test_users_and_cases_commands(home):
    r = trame(
        home,
        "users",
        "add",
        "durand",
        "--role",
        "enqueteur",
        env_extra={"TRAME_NEW_PASSWORD": "durand grimpe au pylône 1944"},
    )
    assert r.returncode == 0, r.stderr
    r = trame(home, "users", "list")
    assert r.returncode == 0
    lines = [ln.split("\t") for ln in r.stdout.splitlines()]
    assert ["admin", "administrateur", "actif"] == lines[0][:3]
    assert ["durand", "enqueteur", "actif"] == lines[1][:3]

    # create cases as the officer through the API, list them through the CLI
    from desktop.core.vault import Vault

    with Vault(home).unlock("durand", "durand grimpe au pylône 1944") as s:
        c = s.cases.create("2026/000123", "BPM Paris")
        s.persons.add(c.id, "victime", "Secret", "Nom")
    own_password(home, "durand", "durand grimpe au pylône 1944", "durand se repose au pylône 1950")
    r = trame(
        home,
        "cases",
        "list",
        env_extra={"TRAME_USER": "durand"},
        password="durand se repose au pylône 1950",
    )
    assert r.returncode == 0, r.stderr
    fields = r.stdout.strip().split("\t")
    assert fields[0] == str(c.id) and fields[1] == "2026/000123" and fields[3] == "en cours"
    assert len(fields) == 4 and "Secret" not in r.stdout

    r = trame(
        home,
        "users",
        "passwd",
        "durand",
        env_extra={"TRAME_NEW_PASSWORD": "durand descend du pylône 1945"},
    )
    assert r.returncode == 0, r.stderr
    r = trame(home, "users", "disable", "durand")
    assert r.returncode == 0, r.stderr
    r = trame(home, "cases", "list", "--user", "durand", password="durand descend du pylône 1945")
    assert r.returncode != 0 and "désactivé" in r.stderr


def test_only_the_admin_adds_police_accounts(home):
    trame(
        home,
        "users",
        "add",
        "agent",
        "--role",
        "enqueteur",
        env_extra={"TRAME_NEW_PASSWORD": "agent1 boit du cidre tiède"},
    )
    own_password(home, "agent", "agent1 boit du cidre tiède", "agent1 préfère le poiré frais")
    r = trame(
        home,
        "users",
        "add",
        "autre",
        "--role",
        "enqueteur",
        "--user",
        "agent",
        password="agent1 préfère le poiré frais",
        env_extra={"TRAME_NEW_PASSWORD": "x" * 14},
    )
    assert r.returncode == 1 and "administrateur" in r.stderr


def test_audit_verify_exit_codes(home):
    r = trame(home, "audit", "verify")
    assert r.returncode == 0 and "intact" in r.stdout
    from desktop.core.vault import Vault

    with Vault(home).unlock("admin", PASSWORD) as s:
        s.cases_db.execute("UPDATE audit SET user_id = 'quelqu-un' WHERE seq = 1")
    r = trame(home, "audit", "verify")
    assert r.returncode == 1 and "n° 1" in r.stdout
    r = trame(home, "audit", "verify", password="mauvais mot de passe")
    assert r.returncode == 2


def test_backup_and_restore_commands(home, tmp_path):
    out = tmp_path / "sauvegarde.tar"
    r = trame(home, "backup", "--out", str(out))
    assert r.returncode == 0, r.stderr and out.exists()
    r = trame(home, "restore", str(out))
    assert r.returncode == 0, r.stderr
    assert "conservé" in r.stdout
    r = trame(home, "restore", str(tmp_path / "absente.tar"))
    assert r.returncode == 1 and "introuvable" in r.stderr


@pytest.mark.parametrize(
    ("password", "expected"),
    [("", "vide"), ("court", "12 caractères")],
)
def test_bad_passwords_at_init(tmp_path, password, expected):
    r = trame(tmp_path / "h", "init", password=password)
    assert r.returncode == 1
    assert expected in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_missing_password_without_terminal(tmp_path):
    r = trame(tmp_path / "h", "init", password=None)
    assert r.returncode == 1 and "TRAME_PASSWORD" in r.stderr


def test_password_file(tmp_path):
    pw = tmp_path / "pw.txt"
    pw.write_text("dans un fichier, le chamois de 1936\n")
    r = trame(tmp_path / "h", "init", "--password-file", str(pw), password=None)
    assert r.returncode == 0, r.stderr
    r = trame(tmp_path / "h", "cases", "list", "--password-file", str(pw), password=None)
    assert r.returncode == 0, r.stderr


def test_not_writable_data_folder(tmp_path):
    blocker = tmp_path / "un-fichier"
    blocker.write_text("")  # a file where the data folder's parent should be (works as root)
    r = trame(blocker / "home", "init")
    assert r.returncode == 1 and "écriture impossible" in r.stderr.lower()
    assert len(r.stderr.strip().splitlines()) == 1
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        r = trame(ro / "home", "init")
        assert r.returncode == 1 and "écriture" in r.stderr


def test_no_vault_yet(tmp_path):
    r = trame(tmp_path / "vide", "cases", "list")
    assert r.returncode == 1 and "trame init" in r.stderr
