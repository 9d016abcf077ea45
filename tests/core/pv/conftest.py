"""Helpers for PV tests: read rendered PDFs back with poppler (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def pdftotext(pdf: bytes, layout: bool = False) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "poppler-utils (pdftotext) est requis : lancez scripts/bootstrap.sh"
    args = [exe, "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    out = subprocess.run(args, input=pdf, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def flat(text: str) -> str:
    """Collapse whitespace (line breaks, NBSP) so mentions can be searched across lines."""
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.fixture
def text_of():
    return lambda pdf: flat(pdftotext(pdf))
