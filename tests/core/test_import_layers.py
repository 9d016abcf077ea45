"""Issue 14: the layers of the core are checked by import-linter, and the check bites: a
reintroduced upward import (the vault importing export, the form engine importing the law
table) breaks the contract."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def lint(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run(
        [str(LINT), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(
        ROOT / "desktop", root / "desktop", ignore=shutil.ignore_patterns("__pycache__", "*.yaml")
    )
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_layers_contract_holds_on_the_code_as_it_is(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "desktop.core layers" in result.stdout and "KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward"),
    [
        ("desktop/core/vault/vault.py", "desktop.core.export.retention"),
        ("desktop/core/formspec/loader.py", "desktop.core.law"),
        # no longer tolerated (issue 14): the service-zone times are in servicetime, and the
        # medical delays are provided to the expressions by the use-case layer
        ("desktop/core/hearing/corrections.py", "desktop.core.pv.words"),
        ("desktop/core/formspec/expr.py", "desktop.core.medical.delays"),
    ],
)
def test_a_reintroduced_upward_import_breaks_it(copy, module, upward):
    path = copy / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n\ndef _upward():\n    import {upward}  # noqa\n")
    try:
        result = lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and upward in result.stdout
