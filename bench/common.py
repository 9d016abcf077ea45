"""Small helpers shared by the benchmark modules."""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

PASSWORD = "mot de passe de banc d'essai"


@dataclass
class Figure:
    figure: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    goal: str = ""
    met: bool | None = None
    note: str = ""
    spread: str = ""  # "min–max" over the repeats, in the figure's unit

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        return d


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


@contextlib.contextmanager
def scratch(name: str) -> Iterator[Path]:
    base = Path(os.environ.get("TRAME_BENCH_DIR") or tempfile.gettempdir())
    path = Path(tempfile.mkdtemp(prefix=f"trame-bench-{name}-", dir=base))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def timed(fn, repeat: int = 1) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def spread(values: list[float], scale: float = 1.0) -> str:
    """ "min–max" of `values` × `scale`, for the table (figures are medians of repeats)."""
    return f"{min(values) * scale:.2f}–{max(values) * scale:.2f}"


CHILD_PRELUDE = """
import json, sys, time
def _peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
def report(**values):
    print("BENCH " + json.dumps({**values, "peak_kib": _peak_kib()}), flush=True)
"""


def child(code: str, *args: str, env: dict | None = None, timeout: float = 600) -> dict:
    """Run `code` in a fresh Python process (its own settings, its own memory) and return
    what it passed to `report(**values)`, plus its own peak resident memory (`peak_kib`)."""
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", CHILD_PRELUDE + code, *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("BENCH ")]
    if out.returncode != 0 or not lines:
        raise RuntimeError(f"bench child failed ({out.returncode}): {out.stderr[-2000:]}")
    import json

    return json.loads(lines[-1][len("BENCH ") :])


NOW = "2026-11-26T10:00:00Z"


def insert_case(conn, n: int, last_name: str) -> int:
    """One fictional case n° n with its victim (raw SQL inside the caller's transaction);
    returns the case id."""
    cid = conn.execute(
        "INSERT INTO cases (procedure_number, service, status, created_at, updated_at)"
        " VALUES (?, 'BPM Paris', 'en cours', ?, ?)",
        (f"2026/{n:06d}", NOW, NOW),
    ).lastrowid
    conn.execute(
        "INSERT INTO persons (case_id, role, last_name, first_name, created_at, updated_at)"
        " VALUES (?, 'victime', ?, 'Léa', ?, ?)",
        (cid, last_name, NOW, NOW),
    )
    return cid


#: fictional surnames of the generated cases (each numbered: « DURAND12 » is one case)
NAMES = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND"]


def fill_cases(conn, n: int, rng) -> None:
    """Cases n° 1…n, each with its victim « NAME<i> » (one transaction, raw SQL: scale data)."""
    conn.execute("BEGIN")
    for i in range(1, n + 1):
        insert_case(conn, i, f"{rng.choice(NAMES)}{i}")
    conn.execute("COMMIT")
