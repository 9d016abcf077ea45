"""`trame` or `trame gui`: start the desktop application."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("gui", help="ouvrir l'application (par défaut)")
    p.set_defaults(func=run_gui)


def run_gui(args) -> int:
    try:
        from desktop.ui.app import run
    except ImportError as exc:  # the UI is not installed or Qt cannot load
        import sys

        print(f"trame: l'interface graphique ne peut pas démarrer ({exc}).", file=sys.stderr)
        return 1
    return run()
