"""`trame --help` and every sub-command's help and errors are French, not argparse's English."""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.cli import COMMANDS, build_parser

ENGLISH = ("usage:", "positional arguments", "optional arguments", "show this help message")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=60
    )


def test_main_help_is_french():
    out = run("--help").stdout
    assert out.startswith("utilisation : trame")
    assert "afficher cette aide et quitter" in out
    assert "commandes:" in out
    assert not [w for w in ENGLISH if w in out]


@pytest.mark.parametrize("name", sorted(build_parser()._subparsers._group_actions[0].choices))
def test_every_command_help_is_french(name, capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args([name, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"utilisation : trame {name}"), out[:80]
    assert not [w for w in ENGLISH if w in out], out


def test_errors_are_french():
    done = run("export")
    assert done.returncode == 2
    assert "trame export : erreur : arguments obligatoires manquants" in done.stderr
    assert "utilisation : " in done.stderr
    assert "required" not in done.stderr
    done = run("commande-inconnue")
    assert done.returncode == 2 and "choix invalide" in done.stderr
    assert COMMANDS  # the table the parser is built from
