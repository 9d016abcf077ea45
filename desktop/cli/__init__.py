"""Command line: `trame` (the application) and its sub-commands.

Each sub-command lives in its own module of this package with a `register(subparsers)`
function; add the module name to COMMANDS. Errors print one French line and exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from desktop import __version__

COMMANDS = [
    "gui",
    "vault_cmds",
    "users",
    "cases",
    "audit",
    "backup",
    "forms",
    "verify",
    "cert",
    "demo",
    "export",
    "verify_bundle",
    "trust",
    "addendum",
    "retention",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trame",
        description="Trame — audition des mineurs victimes, coffre chiffré, PV scellés.",
    )
    parser.add_argument("--version", action="version", version=f"trame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    for name in COMMANDS:
        importlib.import_module(f"desktop.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop.core.errors import TrameError
    from desktop.core.logging import setup

    os.umask(0o077)  # vault files, backups and exports readable by their owner only
    setup()
    if (sys.argv[1:] if argv is None else argv) in ([], ["gui"]):
        # Fast path: the unlock window must show before the other commands' modules load.
        from desktop.cli.gui import run_gui

        return run_gui(None)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        from desktop.cli.gui import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except TrameError as exc:
        print(f"trame: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # `trame … | head`: the reader left, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("trame: interrompu.", file=sys.stderr)
        return 130
