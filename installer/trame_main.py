"""Entry point of the frozen application (PyInstaller): the same as `python -m desktop`."""

from __future__ import annotations

import multiprocessing

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from desktop.cli import main

    raise SystemExit(main())
