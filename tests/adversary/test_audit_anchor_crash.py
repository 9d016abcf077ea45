"""Rollback after a crash: the copy of the last audit head kept outside the data folder
was written only at unlock and at a clean close. A disk image taken during a session, then
the application killed (battery, SIGKILL, crash) after a PV was sealed or a case created,
then the image copied back: unlock saw the head of the image and did not warn; the case
and its entries vanished silently."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

CHILD = """
import sys, time
from desktop.core.vault import Vault
s = Vault(sys.argv[1]).unlock("enqueteur", sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
s.cases.create("2026/000931")
print("done", flush=True)
time.sleep(600)
"""

FILES = [f"{n}{x}" for n in ("cases.db", "medical.db", "keyslots.json") for x in ("", "-wal")]


def snapshot(home, into):
    into.mkdir()
    for name in FILES:
        if (home / name).exists():
            shutil.copy2(home / name, into / name)


def put_back(home, image):
    for name in [*FILES, "cases.db-shm", "medical.db-shm"]:
        (home / name).unlink(missing_ok=True)
        if (image / name).exists():
            shutil.copy2(image / name, home / name)


def test_an_image_taken_mid_session_copied_back_after_a_crash_makes_unlock_warn(vault, tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault.home), OFFICER_PASSWORD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        snapshot(vault.home, tmp_path / "image")  # the disk image, session open, idle
        proc.stdin.write("go\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "done"  # the case is committed
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    put_back(vault.home, tmp_path / "image")
    with Vault(vault.home).unlock("admin", ADMIN_PASSWORD) as s:
        assert all(c.number != "2026/000931" for c in s.cases.list())  # rolled back indeed
        assert any("revenu en arrière" in w for w in s.warnings)
