"""Issue 15, lock means locked, in the memory of a real process rather than among its Python
objects: a child process runs the core session (unlock a real vault, store a canary
statement, lock); the test then reads every readable page of the child's memory through
/proc/PID/mem, as a core dump or a memory-reading attacker would, and looks for the case
key (raw and in hex, as SQLCipher's raw-key PRAGMA spells it) and the statement (UTF-8
and UTF-16).

The child does not call desktop.core.hardening.disable_core_dumps (the GUI and the CLI do,
at start): PR_SET_DUMPABLE 0 would stop the kernel from writing a core file and other
processes from reading the memory, which is the point of it, and would hide from this test
what a dump taken anyway (by root, a debugger, a crash handler) would find."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.hardening import reexec_argv, scrubbing_env
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, fast_kdf

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/mem").exists(), reason="/proc/PID/mem (Linux) is needed"
)


def read_memory(pid: int, needles: dict[str, bytes]) -> dict[str, int]:
    """How many times each needle occurs in the readable mappings of process `pid`."""
    found = dict.fromkeys(needles, 0)
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            if "r" not in perms:
                continue
            start, end = (int(x, 16) for x in span.split("-"))
            try:
                mem.seek(start)
                chunk = mem.read(end - start)
            except OSError:  # [vvar] and the like
                continue
            for name, needle in needles.items():
                found[name] += chunk.count(needle)
    return found


@pytest.fixture(scope="module")
def after_lock(tmp_path_factory):
    """(counts while open, counts after lock) of the needles in one child process."""
    home = tmp_path_factory.mktemp("memoire") / "trame-home"
    kdf = fast_kdf()
    Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
    with Vault(home, kdf).unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
    env = dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        TRAME_HOME=str(home),
        TRAME_CONFIG_HOME=str(home.parent / "config"),
        TRAME_TEST_PASSWORD=OFFICER_PASSWORD,
    )
    env = scrubbing_env(env)  # the allocator settings `trame` re-executes itself with
    read_end, write_end = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.adversary.lock_memory_child", str(home), "enqueteur"]
        + [str(write_end)],
        cwd=ROOT,
        env=env,
        pass_fds=(write_end,),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    os.close(write_end)
    try:
        data = b""
        while chunk := os.read(read_end, 4096):
            data += chunk
        key, canary = data[:32], data[32:]
        assert len(key) == 32 and canary.startswith(b"Canari")
        needles = {
            "key": key,
            "key_hex": key.hex().encode(),
            "key_HEX": key.hex().upper().encode(),
            "statement": canary,
            "statement_utf16": canary.decode().encode("utf-16-le"),
        }
        assert child.stdout.readline().strip() == b"OUVERT"
        try:
            before = read_memory(child.pid, needles)
        except PermissionError:
            pytest.skip("this machine forbids reading a child's memory (ptrace policy)")
        child.stdin.write(b"\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"VERROUILLE"
        after = read_memory(child.pid, needles)
    finally:
        os.close(read_end)
        child.stdin.close()
        child.wait(timeout=30)
    return before, after


def test_after_lock_the_case_key_bytes_are_in_no_page_of_the_process(after_lock):
    before, after = after_lock
    assert before["key"] >= 1 and before["statement"] >= 1  # the reading sees them
    assert after["key"] == 0


def test_after_lock_neither_the_statement_nor_the_key_in_hex_is_in_memory(after_lock):
    _before, after = after_lock
    assert after["key_hex"] == after["key_HEX"] == 0
    assert after["statement"] == after["statement_utf16"] == 0


def test_the_command_line_re_executes_itself_with_those_settings(monkeypatch):
    """`trame` (desktop.cli.main, the GUI included) re-executes once with scrubbing_env:
    without MALLOC_PERTURB_ the process asks for it, with it (after the exec) never again."""
    monkeypatch.delenv("MALLOC_PERTURB_", raising=False)
    argv = reexec_argv()
    assert argv is not None and argv[0] == sys.executable
    monkeypatch.setenv("MALLOC_PERTURB_", "165")
    monkeypatch.setenv("PYTHONMALLOC", "malloc")
    assert reexec_argv() is None


def test_a_real_trame_process_runs_with_the_scrubbing_allocator(tmp_path):
    """The real entry point, as `make run` and the menu start it: the re-executed process
    sees the settings (printed by a command that needs no vault)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MALLOC_PERTURB_", "PYTHONMALLOC")}
    script = (
        "import os, sys; sys.argv = ['trame', '--version'];"
        "import desktop.cli as c; print(os.environ.get('MALLOC_PERTURB_'), file=sys.stderr);"
        "c.main()"
    )
    r = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr.split() == ["None", "165"]  # before the exec, then in the new process
