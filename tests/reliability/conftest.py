"""Reliability suite: CI-sized by default, long with TRAME_TORTURE=1 (`make torture`)."""

from __future__ import annotations

import os

TORTURE = os.environ.get("TRAME_TORTURE") == "1"


def scale(ci: int, torture: int) -> int:
    return torture if TORTURE else ci


def report(name: str, **figures) -> None:
    """One line of figures per promise; `make torture` shows them (pytest -s)."""
    text = " ".join(f"{k}={v}" for k, v in figures.items())
    print(f"\n[garantie] {name}: {text}")
