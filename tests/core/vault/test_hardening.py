"""Core dumps are disabled when Trame starts (RLIMIT_CORE 0, not dumpable)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

PROBE = """
import resource, sys
from desktop.cli import main
main(["passphrase"])
from desktop.core.hardening import dumpable
print("RLIMIT", resource.getrlimit(resource.RLIMIT_CORE))
print("DUMPABLE", dumpable())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux prctl")
def test_the_process_cannot_dump_its_memory(tmp_path):
    env = dict(os.environ, TRAME_HOME=str(tmp_path / "h"))
    r = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert "RLIMIT (0, 0)" in r.stdout
    assert "DUMPABLE 0" in r.stdout
