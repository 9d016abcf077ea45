"""What the user feels in the application (real widgets, offscreen):

- cold start: process start to the unlock window painted, against a bare PySide6 window
  process in the same run;
- keystroke to durable commit of a transcript entry, p50 / p99 over 1,000 keystrokes,
  against a bare sqlite3 WAL insert + commit with the same synchronous setting;
- peak resident memory of the application with 10,000 cases and the case list open,
  against the bare window process.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time

from bench.common import PASSWORD, Figure, fill_cases, median, percentile, scratch
from desktop.core.vault import Vault, crypto

# The child's own peak (VmHWM). ru_maxrss would report the parent's high-water mark, which a
# forked child inherits: a small parent and a big one gave 48 and 338 MB for the same window.
PEAK = textwrap.dedent(
    """
    def peak_kib():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    """
)

BARE_WINDOW = PEAK + textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QObject, QEvent
    from PySide6.QtWidgets import QApplication, QWidget
    app = QApplication(sys.argv)
    w = QWidget(); w.resize(480, 360)
    class Painted(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint:
                print("SHOWN", time.time(), peak_kib(), flush=True)
                app.quit()
            return False
    f = Painted(); w.installEventFilter(f); w.show(); app.exec()
    """
)

APP_WITH_CASES = PEAK + textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bench.hooks.ui import case_list
    out = case_list(Path(sys.argv[1]), "admin", sys.argv[2], ["DURAND12"])
    print("RSS", peak_kib(), out["open"], flush=True)
    """
)


def _env(home) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", TRAME_HOME=str(home))
    env.pop("TRAME_BENCH_EXIT_ON_SHOWN", None)
    return env


def _cold_start(home) -> float:
    env = dict(_env(home), TRAME_BENCH_EXIT_ON_SHOWN="1")
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "desktop"], env=env, capture_output=True, text=True, timeout=60
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("TRAME_UNLOCK_SHOWN"))
    return float(line.split()[1]) - start


def _bare_window(home) -> tuple[float, int]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", BARE_WINDOW],
        env=_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    _, shown, rss = next(ln for ln in out.splitlines() if ln.startswith("SHOWN")).split()
    return float(shown) - start, int(rss)


def _bare_commits(path, n: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, q TEXT)")
    out = []
    for i in range(n):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES (1, ?)", ("x" * (i % 80),))
        conn.execute("COMMIT")
        out.append((time.perf_counter() - started) * 1000)
    conn.close()
    return out


def run() -> list[Figure]:
    import random

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # benchmarks are headless

    from bench.cases_figures import CASES

    with scratch("ui") as tmp:
        home = tmp / "coffre"
        kdf = crypto.tune(0.5)
        Vault.create(home, "admin", PASSWORD, kdf=kdf)
        with Vault(home, kdf).unlock("admin", PASSWORD) as s:
            fill_cases(s.cases_db.conn, CASES, random.Random(3))
            case = s.cases.create("2026/BANC")
            record_id = s.records.create(case.id, "audition", "audition_mineur", "1").id
        starts, bares, bare_rss = [], [], []
        for _ in range(5):  # interleaved: both see the same machine load
            starts.append(_cold_start(home))
            t, rss = _bare_window(home)
            bares.append(t)
            bare_rss.append(rss)
        from bench.hooks.ui import keystroke_to_saved

        lat = keystroke_to_saved(home, "admin", PASSWORD, record_id, n=1000)
        base = _bare_commits(str(tmp / "bare.db"), 1000)
        out = subprocess.run(
            [sys.executable, "-c", APP_WITH_CASES, str(home), PASSWORD],
            env=_env(home),
            capture_output=True,
            text=True,
            timeout=300,
        )
        rss_line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RSS"))
        app_rss_mb = int(rss_line.split()[1]) / 1024
    cold, bare = median(starts), median(bares)
    p50, p99 = percentile(lat, 50), percentile(lat, 99)
    b50, b99 = percentile(base, 50), percentile(base, 99)
    bare_mb = median(bare_rss) / 1024
    return [
        Figure(
            "Démarrage à froid jusqu'à la fenêtre de déverrouillage",
            cold,
            "s",
            bare,
            "fenêtre PySide6 nue",
            goal="≤ 0,5 s et ≤ 2,5×",
            met=cold <= 0.5 and cold <= 2.5 * bare,
        ),
        Figure(
            "Frappe → entrée de transcription enregistrée, p50",
            p50,
            "ms",
            b50,
            "sqlite3 WAL FULL, insert + commit",
        ),
        Figure(
            "Frappe → entrée de transcription enregistrée, p99",
            p99,
            "ms",
            b99,
            "sqlite3 WAL FULL, insert + commit",
            goal="≤ 10 ms et ≤ 3×",
            met=p99 <= 10 and p99 <= 3 * b99,
        ),
        Figure(
            "Mémoire résidente max., 10 000 dossiers, liste ouverte",
            app_rss_mb,
            "Mo",
            bare_mb,
            "fenêtre PySide6 nue",
            goal="≤ 250 Mo",
            met=app_rss_mb <= 250,
        ),
    ]
