"""SIGKILL harness: run a writer in a subprocess, kill it at a random moment, repeat.

The writer prints one line per durable commit, only after the commit returned; the
parent collects every line printed before the kill, then checks them all against the vault.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time


def kill_cycles(
    code: str, args: list[str], cycles: int, seed: int = 1234, window=(0.02, 0.3)
) -> list[str]:
    rng = random.Random(seed)
    committed: list[str] = []
    for _ in range(cycles):
        proc = subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True
        )
        first = proc.stdout.readline().strip()
        if first != "ready":
            proc.kill()
            proc.wait()
            raise AssertionError(f"writer did not start: {first!r}")
        deadline = time.monotonic() + rng.uniform(*window)
        lines = []
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        lines += proc.stdout.read().splitlines()
        proc.stdout.close()
        committed += [ln.strip() for ln in lines if ln.strip()]
    return committed
