"""`trame COMMAND` imports only the module of COMMAND (issue 20: fast commands).

`trame verify` used to import every sub-command's module (the vault, the demo, the export
pipeline) before parsing its arguments.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys

from desktop.cli import COMMANDS, build_parser, module_of


def _registered(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(f"desktop.cli.{module}").register(sub)
    return set(sub.choices)


def test_the_command_table_names_what_each_module_registers():
    for module, names in COMMANDS.items():
        assert _registered(module) == set(names), module


def test_every_command_is_reachable_through_the_full_parser():
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {n for names in COMMANDS.values() for n in names}
    assert module_of("verify-bundle") == "verify_bundle"
    assert module_of("nope") is None


PROBE = """
import json, sys
from desktop.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "mods": sorted(sys.modules)}))
"""


def _run(*args):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_verify_loads_neither_the_vault_nor_the_other_commands(tmp_path):
    junk = tmp_path / "x.pdf"
    junk.write_bytes(b"%PDF-1.7\n%%EOF\n")
    result = _run("verify", str(junk))
    assert result["code"] == 2
    mods = set(result["mods"])
    loaded = {m for m in mods if m.startswith("desktop.cli.") and m != "desktop.cli.common"}
    assert loaded == {"desktop.cli.verify"}
    assert not {"desktop.core.vault", "desktop.core.export", "PySide6"} & mods
