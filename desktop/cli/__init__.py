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
    "trust": ("trust",),
    "addendum": ("addendum",),
    "retention": ("mark-transmitted", "purge"),
}


class FrenchHelpFormatter(argparse.HelpFormatter):
    """argparse's help with a French usage line."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(
            usage, actions, groups, "utilisation : " if prefix is None else prefix
        )


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose every printed word is French (help, group titles, errors)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {_french(message)}\n")


ARGPARSE_FR = (  # argparse's own messages (Python 3.11–3.13), in the order they are tried
    ("the following arguments are required: ", "arguments obligatoires manquants : "),
    ("unrecognized arguments: ", "arguments inconnus : "),
    ("invalid choice: ", "choix invalide : "),
    ("(choose from ", "(choisir parmi "),
    ("expected one argument", "une valeur est attendue"),
    ("argument ", "argument "),
    ("invalid ", "valeur invalide, type "),
    (" value: ", " : "),
)


def _french(message: str) -> str:
    for english, french in ARGPARSE_FR:
        message = message.replace(english, french)
    return message


def module_of(command: str) -> str | None:
    """The desktop.cli module that registers `command`, or None when no module does."""
    return next((mod for mod, names in COMMANDS.items() if command in names), None)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `trame` parser. With `command` known, only its module is imported and registered;
    otherwise every module is (for --help, and to name an unknown command's alternatives)."""
    parser = FrenchParser(
        prog="trame",
        description="Trame — audition des mineurs victimes, coffre chiffré, PV scellés.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"trame {__version__}",
        help="afficher la version et quitter",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMANDE", title="commandes", parser_class=FrenchParser
    )
    only = module_of(command) if command else None
    for name in [only] if only else COMMANDS:
        importlib.import_module(f"desktop.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from desktop.core.errors import TrameError
    from desktop.core.logging import setup

    os.umask(0o077)  # vault files, backups and exports readable by their owner only
    from desktop.core.hardening import disable_core_dumps, scrub_freed_memory

    if argv is None:  # the real process (not a test calling main): freed memory scrubbed
        scrub_freed_memory()
    disable_core_dumps()  # no core file may carry keys or statements (issue 15)
    setup()
    if (sys.argv[1:] if argv is None else argv) in ([], ["gui"]):
        # Fast path: the unlock window must show before the other commands' modules load.
        from desktop.cli.gui import run_gui

        return run_gui(None)
    words = sys.argv[1:] if argv is None else argv
    if argv is None and words[:1] == ["verify"] and "--coffre" not in words:
        # a process that only verifies: pyHanko's validation without its signers (0.2 s)
        from desktop.core.seal.lean import validation_only

        validation_only()
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
