"""An export killed with SIGKILL, a full disk, a read-only target: nothing half-written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from desktop.core.errors import DiskFull, NotWritable
from desktop.core.export.bundle import export_case
from desktop.core.export.verify import verify_bundle
from desktop.core.export.writer import TMP_PREFIX
from desktop.core.seal.store import CertificateStore
from tests.conftest import OFFICER_PASSWORD, fill_disk
from tests.core.export.export_fixtures import build_case

CHILD = r"""
import os, signal, sys
from pathlib import Path
from desktop.core.vault import Vault
from desktop.core.export.bundle import export_case

home, case_id, out, mode = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
password = os.environ["TRAME_TEST_PASSWORD"]
with Vault(Path(home)).unlock("enqueteur", password) as s:
    print("ready", flush=True)
    def progress(fraction, message):
        # "mid-write": kill ourselves after the first file of the bundle hit the disk
        if mode == "mid-write" and message.startswith("Écriture") and 0.85 < fraction < 0.99:
            os.kill(os.getpid(), signal.SIGKILL)
    export_case(s, case_id, out, progress=progress)
print("done", flush=True)
"""


@pytest.fixture
def stored_case(officer_session, signer, cert_bundle):
    CertificateStore(officer_session).add(cert_bundle)
    return build_case(officer_session, signer)


def _run(vault, case_id, out, mode):
    env = dict(os.environ, TRAME_TEST_PASSWORD=OFFICER_PASSWORD)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(vault.home), str(case_id), str(out), mode],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _visible(out):
    return sorted(p for p in out.iterdir() if not p.name.startswith("."))


def test_sigkill_in_the_middle_of_writing_leaves_no_bundle(vault, stored_case, tmp_path):
    out = tmp_path / "cle-usb"
    proc = _run(vault, stored_case.case_id, out, "mid-write")
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert _visible(out) == []
    leftovers = [p for p in out.iterdir() if p.name.startswith(TMP_PREFIX)]
    assert leftovers and any(leftovers[0].iterdir())  # it was killed with files written
    # The next export removes the dead temporary folder and writes a complete bundle.
    proc = _run(vault, stored_case.case_id, out, "normal")
    assert proc.wait(timeout=120) == 0, proc.stderr.read()
    bundles = _visible(out)
    assert len(bundles) == 1 and verify_bundle(bundles[0]).valid
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_sigkill_at_random_moments(vault, stored_case, tmp_path):
    """Killed anywhere in the export: nothing visible, or bundles that all verify."""
    out = tmp_path / "cible"
    rnd = random.Random(7)
    runs = int(os.environ.get("TRAME_TORTURE_RUNS", "5"))
    for _ in range(runs):
        proc = _run(vault, stored_case.case_id, out, "normal")
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rnd.uniform(0.0, 1.2))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        for bundle in _visible(out):
            assert verify_bundle(bundle).valid, bundle.name


def test_full_disk_leaves_nothing(officer_session, case_data, signer, small_fs):
    filler = fill_disk(small_fs, leave=200_000)  # room for some pieces, not all
    with pytest.raises(DiskFull) as exc:
        export_case(officer_session, case_data.case_id, small_fs, signer=signer)
    assert "rien n'a été laissé" in exc.value.message
    assert sorted(p.name for p in small_fs.iterdir()) == [filler.name]
    filler.unlink()
    result = export_case(officer_session, case_data.case_id, small_fs, signer=signer)
    assert verify_bundle(result.path).valid


def test_read_only_target_is_refused_before_any_work(officer_session, case_data, signer, small_fs):
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    try:
        with pytest.raises(NotWritable) as exc:
            export_case(officer_session, case_data.case_id, small_fs / "export", signer=signer)
        assert "accessible en écriture" in exc.value.message
        assert list(small_fs.iterdir()) == []
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_fs)], check=True)
