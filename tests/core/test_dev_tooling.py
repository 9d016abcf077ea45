"""Issue 14: dev tooling (screenshots, bench hooks, the seal benchmark) lives outside the
shipped package: the bundle collects `desktop` only, and `desktop` never imports bench/,
devtools/ or tests/. `make bench` and `make screenshots` find the tools at their new place."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEV_PACKAGES = {"bench", "devtools", "tests"}


def test_the_package_holds_no_dev_tooling():
    names = {p.name for p in (ROOT / "desktop").rglob("*.py")}
    assert names & {"benchmark.py", "benchhooks.py", "screenshots.py", "screens.py"} == set()


def test_the_package_never_imports_dev_tooling():
    found = []
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            else:
                continue
            found += [
                f"{path.relative_to(ROOT)}: {m}" for m in modules if m.split(".")[0] in DEV_PACKAGES
            ]
    assert found == []


def test_the_bundle_excludes_dev_tooling():
    spec = (ROOT / "installer" / "trame.spec").read_text("utf-8")
    excludes = spec[spec.index("excludes = [") :]
    excludes = excludes[: excludes.index("]")]
    assert all(f'"{name}"' in excludes for name in DEV_PACKAGES)
    assert 'collect_submodules("desktop")' in spec  # the only first-party package collected


def test_the_tools_load_from_their_new_place():
    names = ["bench.hooks.seal", "bench.hooks.ui", "devtools.screenshots"]
    names += [f"devtools.{p.stem}" for p in (ROOT / "devtools").glob("*_screens.py")]
    assert {"devtools.admin_screens", "devtools.cases_screens"} <= set(names)
    for name in names:
        importlib.import_module(name)
    script = (ROOT / "scripts" / "screenshots.sh").read_text("utf-8")
    assert "-m devtools.screenshots" in script
    r = subprocess.run(
        [sys.executable, "-m", "devtools.screenshots", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "--out" in r.stdout
