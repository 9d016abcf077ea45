"""Issue 14: every TRAME_* environment variable is declared once (desktop.core.settings), with
type, default and French/English documentation, and desktop/ reads the environment only there."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from desktop.core import settings
from desktop.core.errors import InvalidInput

ROOT = Path(__file__).resolve().parents[2]
NAME = re.compile(r"\bTRAME_[A-Z0-9_]*[A-Z0-9]\b")
# printed by the application for the bench, not read from the environment
NOT_VARIABLES = {"TRAME_UNLOCK_SHOWN"}


def _names_in_python_text(path: Path) -> set[str]:
    """TRAME_ names in strings and comments, less the file's Python identifiers (pdfa.TRAME_NS)."""
    found: set[str] = set()
    identifiers: set[str] = set()
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    for tok in tokens:
        if tok.type == tokenize.NAME:
            identifiers.add(tok.string)
        elif tok.type == tokenize.COMMENT:
            found.update(NAME.findall(tok.string))
        elif tok.type == tokenize.STRING:
            text = tok.string
            if "f" in text.split(text[-1], 1)[0].lower():  # f-string: drop the {expressions}
                text = re.sub(r"\{[^{}]*\}", "", text)
            found.update(NAME.findall(text))
    return found - identifiers


def test_every_name_in_the_package_is_declared():
    used: dict[str, str] = {}
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for name in _names_in_python_text(path):
            used.setdefault(name, str(path.relative_to(ROOT)))
    assert {"TRAME_HOME", "TRAME_PASSWORD", "TRAME_KDF_SECONDS"} <= set(used)
    undeclared = {n: p for n, p in used.items() if n not in {*settings.SETTINGS, *NOT_VARIABLES}}
    assert undeclared == {}


def test_every_name_in_tests_bench_scripts_is_declared():
    files = [ROOT / "Makefile", *ROOT.glob("scripts/*"), *ROOT.glob("installer/*")]
    files += [p for p in (ROOT / "tests").rglob("*.py") if p.name != Path(__file__).name]
    files += [*(ROOT / "bench").rglob("*.py"), *(ROOT / "devtools").rglob("*.py")]
    used: dict[str, str] = {}
    for path in files:
        if path.is_file():
            for name in NAME.findall(path.read_text("utf-8", errors="replace")):
                used.setdefault(name, str(path.relative_to(ROOT)))
    assert {"TRAME_TORTURE", "TRAME_DIST"} <= set(used)
    undeclared = {n: p for n, p in used.items() if n not in {*settings.SETTINGS, *NOT_VARIABLES}}
    assert undeclared == {}


def test_the_package_reads_the_environment_only_through_settings():
    readers = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        if path.name == "settings.py" and path.parent.name == "core":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"os\.getenv|environ\.get\(|environ\[[^\]]*\](?!\s*=)", code):
                readers.append(f"{path.relative_to(ROOT)}:{number}")
            elif re.sub(r"dict\(os\.environ\b", "", code).count("os.environ"):
                # a child's environment copied whole (dict(os.environ, …)) reads no setting
                readers.append(f"{path.relative_to(ROOT)}:{number}")
    assert readers == []


def test_table_is_documented_in_both_languages():
    for s in settings.table():
        assert s.kind in {"path", "float", "int", "bool", "text", "secret"}
        assert s.scope in {"app", "dev"}
        assert s.doc_fr and s.doc_en, s.name
        if s.default is not None:
            settings._parse(s.kind, s.default)  # a declared default reads as its own type


def test_typed_values_and_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("TRAME_KDF_SECONDS", "0,25")
    assert settings.get("TRAME_KDF_SECONDS") == 0.25
    monkeypatch.setenv("TRAME_HOME", "~/coffre")
    assert settings.get("TRAME_HOME") == Path("~/coffre").expanduser()
    monkeypatch.setenv("TRAME_HOME", "")
    assert settings.get("TRAME_HOME") is None  # empty means unset
    monkeypatch.delenv("TRAME_TORTURE_RUNS", raising=False)
    assert settings.get("TRAME_TORTURE_RUNS") == 5
    monkeypatch.setenv("TRAME_BENCH_EXIT_ON_SHOWN", "oui")
    assert settings.get("TRAME_BENCH_EXIT_ON_SHOWN") is True
    monkeypatch.setenv("TRAME_PASSWORD", "")
    assert settings.raw("TRAME_PASSWORD") == ""  # a secret is taken as typed
    with pytest.raises(KeyError):
        settings.get("TRAME_NOT_DECLARED")


def test_a_bad_value_is_refused_in_french(monkeypatch):
    monkeypatch.setenv("TRAME_KDF_SECONDS", "vite")
    with pytest.raises(InvalidInput, match="TRAME_KDF_SECONDS.*« vite ».*nombre positif"):
        settings.get("TRAME_KDF_SECONDS")


def test_cli_reports_a_bad_kdf_setting_in_french(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "TRAME_HOME": str(tmp_path / "coffre"),
        "TRAME_KDF_SECONDS": "vite",
        "TRAME_PASSWORD": "un mot de passe assez long",
    }
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "init", "--admin", "admin"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert "TRAME_KDF_SECONDS" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "coffre" / "vault.db").exists()


def test_readme_lists_every_variable():
    readme = (ROOT / "README.md").read_text("utf-8")
    part = readme[readme.index("## Architecture") :]
    part = part[: part.index("\n## ", 1)]
    assert [s.name for s in settings.table() if f"`{s.name}`" not in part] == []
