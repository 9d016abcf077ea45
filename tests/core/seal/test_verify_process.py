"""`trame verify` as a process loads pyHanko's validation only (issue 20), and says exactly
what the full load says: same lines, same exit code, on valid, damaged and foreign files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import io, json, sys, contextlib
sys.argv = ["trame", *sys.argv[1:]]
from desktop.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main()  # argv None: a real `trame verify` process
heavy = [m for m in ("aiohttp", "pyhanko.sign.signers", "reportlab", "desktop.core.vault")
         if m in sys.modules]
print(json.dumps({"code": code, "out": out.getvalue(), "heavy": heavy}))
"""

FULL = """
import sys
from desktop.cli import main
sys.exit(main(sys.argv[1:]))  # argv given: the ordinary, full import of pyHanko
"""


def _env():
    return {**os.environ, "PYTHONPATH": os.getcwd()}


def _lean(*args):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=_env()
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _full(*args):
    out = subprocess.run(
        [sys.executable, "-c", FULL, *args], capture_output=True, text=True, env=_env()
    )
    return out.returncode, out.stdout


@pytest.fixture(scope="module")
def files(sealed_pv, tmp_path_factory):
    folder = tmp_path_factory.mktemp("verify")
    good = folder / "pv.pdf"
    good.write_bytes(sealed_pv)
    damaged = bytearray(sealed_pv)
    damaged[len(damaged) // 3] ^= 0x20
    (folder / "modifie.pdf").write_bytes(bytes(damaged))
    (folder / "pas-un-pdf.pdf").write_bytes(b"%PDF-1.7\nrien\n%%EOF\n")
    appended = sealed_pv + b"\n% ajout\n"
    (folder / "ajout.pdf").write_bytes(appended)
    return folder


@pytest.mark.parametrize("name", ["pv.pdf", "modifie.pdf", "pas-un-pdf.pdf", "ajout.pdf"])
def test_lean_process_says_what_the_full_load_says(files, name):
    path = str(files / name)
    lean = _lean("verify", path)
    code, out = _full("verify", path)
    assert (lean["code"], lean["out"]) == (code, out)
    assert lean["heavy"] == []


def test_the_sealed_pv_is_valid_in_the_lean_process(files):
    lean = _lean("verify", str(files / "pv.pdf"))
    assert lean["code"] == 0 and lean["out"].startswith("VALIDE")
