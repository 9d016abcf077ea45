"""Where Trame keeps its data. `TRAME_HOME` overrides the platform data folder."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from desktop.core import settings

APP_NAME = "Trame"


def data_home() -> Path:
    env = settings.get("TRAME_HOME")
    if env:
        return env
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def package_root() -> Path:
    """The `desktop` package folder (forms/ and templates/ live inside it)."""
    return Path(__file__).resolve().parent.parent


def resources_root() -> Path:
    """`resources/` beside the package in a checkout, or inside it in a bundle."""
    inner = package_root() / "resources"
    if inner.is_dir():
        return inner
    return package_root().parent / "resources"
