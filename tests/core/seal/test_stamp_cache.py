"""The rescaled stamp font is built once per machine, not once per process (issue 20).

The first seal of every process used to pay ~0.5 s of fontTools work; the result is now kept
in the cache folder and read back by the next process.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop.core.seal import stamp

PROBE = """
import sys
from desktop.core.seal import stamp
built = []
real = stamp._build_rescaled_font
stamp._build_rescaled_font = lambda src: built.append(1) or real(src)
data = stamp.rescaled_font()
print(len(built), len(data))
"""


def _fresh_process(cache, env_extra=None):
    import os

    env = {**os.environ, "TRAME_CACHE": str(cache), **(env_extra or {})}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    built, size = out.stdout.split()
    return int(built), int(size)


def test_second_process_reads_the_font_from_the_cache(tmp_path):
    cache = tmp_path / "cache"
    first = _fresh_process(cache)
    second = _fresh_process(cache)
    assert first[0] == 1, "the first process builds the font"
    assert second[0] == 0, "the second process must not rebuild it"
    assert first[1] == second[1] > 10_000
    assert len(list(cache.glob("stamp-*.ttf"))) == 1


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a font at all", b"\x00\x01\x00\x00" + b"\x00" * 64],
    ids=["empty", "text", "truncated-header"],
)
def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("TRAME_CACHE", str(tmp_path))
    stamp.rescaled_font.cache_clear()
    good = stamp.rescaled_font()
    (path,) = tmp_path.glob("stamp-*.ttf")
    path.write_bytes(damage)
    stamp.rescaled_font.cache_clear()
    try:
        rebuilt = stamp.rescaled_font()
        assert stamp._is_rescaled(rebuilt) and len(rebuilt) == len(good)
        assert path.read_bytes() == rebuilt
    finally:
        stamp.rescaled_font.cache_clear()


def test_an_unwritable_cache_still_gives_the_font(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("TRAME_CACHE", str(blocker / "sub"))
    stamp.rescaled_font.cache_clear()
    try:
        assert stamp._is_rescaled(stamp.rescaled_font())
    finally:
        stamp.rescaled_font.cache_clear()
