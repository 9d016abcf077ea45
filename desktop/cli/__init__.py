"""Command line: `trame` (the application) and its sub-commands.

Each sub-command lives in its own module of this package with a `register(subparsers)`
function; add the module and the command names it registers to COMMANDS. Only the module of
the command being run is imported (`trame verify` must not pay for the vault, the forms and
reportlab); `--help` and unknown commands import them all. Errors print one French line and
exit non-zero.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from desktop import __version__

# module of desktop.cli -> the sub-commands its register() adds (checked by a test)
COMMANDS: dict[str, tuple[str, ...]] = {
    "gui": ("gui",),
    "vault_cmds": ("init", "recover", "passphrase"),
    "users": ("users", "keys"),
    "cases": ("cases",),
    "audit": ("audit",),
    "backup": ("backup", "restore"),
    "forms": ("forms",),
    "verify": ("verify",),
    "cert": ("cert",),
    "demo": ("demo",),
    "export": ("export",),
    "verify_bundle": ("verify-bundle",),
    "retention": ("mark-transmitted", "purge"),
}


def module_of(command: str) -> str | None:
    """The desktop.cli module that registers `command`, or None when no module does."""
    return next((mod for mod, names in COMMANDS.items() if command in names), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `trame` parser. With `command` known, only its module is imported and registered;
    otherwise every module is (for --help, and to name an unknown command's alternatives)."""
    parser = argparse.ArgumentParser(
        prog="trame",
        description="Trame — audition des mineurs victimes, coffre chiffré, PV scellés.",
    )
    parser.add_argument("--version", action="version", version=f"trame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMANDE")
    only = module_of(command) if command else None
    for name in [only] if only else COMMANDS:
        importlib.import_module(f"desktop.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop.core.errors import TrameError
    from desktop.core.logging import setup

    os.umask(0o077)  # vault files, backups and exports readable by their owner only
    from desktop.core.hardening import disable_core_dumps

    disable_core_dumps()  # no core file may carry keys or statements (issue 15)
    setup()
    if (sys.argv[1:] if argv is None else argv) in ([], ["gui"]):
        # Fast path: the unlock window must show before the other commands' modules load.
        from desktop.cli.gui import run_gui

        return run_gui(None)
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(words[0] if words and not words[0].startswith("-") else None)
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
