"""python -m bench: run every figure module, print one table, write bench/results.json."""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
import traceback
from pathlib import Path

FIGURE_MODULES = [
    "bench.ui_figures",
    "bench.vault_figures",
    "bench.cases_figures",
    "bench.pv_figures",
    "bench.export_figures",
    "bench.scale_figures",
]


def main() -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # benchmarks are headless
    rows = []
    machine = f"{platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}"
    load_before = os.getloadavg()[0]
    date = time.strftime("%Y-%m-%d %H:%M:%S")
    for name in FIGURE_MODULES:
        try:
            module = importlib.import_module(name)
            figures = module.run()
        except Exception:  # noqa: BLE001 - a broken bench is reported, the others still run
            print(f"[{name}] échec :", file=sys.stderr)
            traceback.print_exc()
            continue
        for f in figures:
            rows.append({**f.to_dict(), "machine": machine, "date": date})
    header = f"{'Mesure':<62} {'valeur':>10} {'référence':>10} {'ratio':>6}  objectif"
    print(header)
    print("-" * len(header))
    for r in rows:
        base = "" if r["baseline"] is None else f"{r['baseline']:.2f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        state = "" if r["met"] is None else ("✔" if r["met"] else "✘")
        print(
            f"{r['figure'][:62]:<62} {r['value']:>8.2f}{r['unit']:>2} {base:>10} {ratio:>6}"
            f"  {r['goal']} {state}"
        )
        if r["baseline_name"] or r["note"] or r.get("spread"):
            extra = f"étendue {r['spread']}  " if r.get("spread") else ""
            print(f"{'':<4}{extra}référence : {r['baseline_name']}  {r['note']}".rstrip())
    load_after = os.getloadavg()[0]
    print(
        f"\nMachine : {machine} ; charge moyenne (1 min) {load_before:.2f} au début, "
        f"{load_after:.2f} à la fin. Au-delà de 0,5, les chiffres ne valent que comme ordre de "
        "grandeur : refaites la mesure sur une machine au repos."
    )
    out = Path(__file__).parent / "results.json"
    out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), "utf-8")
    print(f"\nRésultats écrits dans {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
