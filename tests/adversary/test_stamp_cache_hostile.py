"""Adversary: the stamp font disk cache (TRAME_CACHE, else ~/.cache/Trame) is writable by
anything running as the user; a file placed there must not change what a seal shows."""

from __future__ import annotations

import io

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from desktop.core.pv import fonts
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs, stamp
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf


def _digit_swapped(genuine: bytes) -> bytes:
    """A valid 1000-upem TrueType whose '0' and '1' are each other's glyphs."""
    font = TTFont(io.BytesIO(genuine))
    seen = set()
    for table in font["cmap"].tables:  # subtables may share one mapping: swap each once
        mapping = table.cmap
        if id(mapping) not in seen and {ord("0"), ord("1")} <= mapping.keys():
            seen.add(id(mapping))
            mapping[ord("0")], mapping[ord("1")] = mapping[ord("1")], mapping[ord("0")]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _outline(data: bytes, char: str):
    font = TTFont(io.BytesIO(data))
    pen = RecordingPen()
    font.getGlyphSet()[font.getBestCmap()[ord(char)]].draw(pen)
    return pen.value


@pytest.mark.xfail(
    strict=True,
    reason="the cached font is only checked to parse and recompile as a 1000-upem TrueType; its "
    "glyphs, cmap and layout tables are trusted, so a planted file changes what the stamp shows while the seal "
    "still verifies. A real fix ships the rescaled font with the application or checks the "
    "cached file against the source outlines and layout (about the cost of a rebuild).",
)
def test_planted_cache_font_does_not_change_the_stamp(tmp_path, monkeypatch):
    source = fonts.font_path(fonts.REGULAR).read_bytes()
    genuine = stamp._build_rescaled_font(source)
    monkeypatch.setenv("TRAME_CACHE", str(tmp_path))
    stamp.rescaled_font.cache_clear()
    stamp.stamp_style.cache_clear()
    try:
        stamp.rescaled_font()  # writes the genuine file under its cache name
        (path,) = tmp_path.glob("stamp-*.ttf")
        path.write_bytes(_digit_swapped(genuine))
        stamp.rescaled_font.cache_clear()
        stamp.stamp_style.cache_clear()
        pv = render_pv(sample_pv(pairs=2))
        sealed = seal_pdf(
            pv.pdf,
            SoftwareSigner(certs.create("Camille DURAND", "PP", "BPM")),
            placements=pv.seals,
        )
        assert verify_pdf(sealed).valid  # the seal holds whatever the stamp shows
        used = stamp.rescaled_font()
        # The digits of the certificate fingerprint on the stamp must be drawn as digits.
        assert _outline(used, "0") == _outline(genuine, "0")
        assert _outline(used, "1") == _outline(genuine, "1")
    finally:
        stamp.rescaled_font.cache_clear()
        stamp.stamp_style.cache_clear()


def _table_wiped(font: bytes, tag: bytes) -> bytes:
    """The same file with one table's bytes overwritten (its directory entry intact)."""
    data = bytearray(font)
    for i in range(int.from_bytes(font[4:6], "big")):
        entry = font[12 + 16 * i : 28 + 16 * i]
        if entry[:4] == tag:
            offset, length = int.from_bytes(entry[8:12], "big"), int.from_bytes(entry[12:16], "big")
            data[offset : offset + length] = b"\xff" * length
    return bytes(data)


@pytest.mark.parametrize("damage", ["glyf", "cut"])
def test_cache_font_with_a_damaged_table_is_rebuilt_and_sealing_works(
    tmp_path, monkeypatch, damage
):
    source = fonts.font_path(fonts.REGULAR).read_bytes()
    genuine = stamp._build_rescaled_font(source)
    monkeypatch.setenv("TRAME_CACHE", str(tmp_path))
    stamp.rescaled_font.cache_clear()
    stamp.stamp_style.cache_clear()
    try:
        stamp.rescaled_font()
        (path,) = tmp_path.glob("stamp-*.ttf")
        bad = _table_wiped(genuine, b"glyf") if damage == "glyf" else genuine[: len(genuine) // 2]
        path.write_bytes(bad)
        stamp.rescaled_font.cache_clear()
        stamp.stamp_style.cache_clear()
        pv = render_pv(sample_pv(pairs=2))
        signer = SoftwareSigner(certs.create("Camille DURAND", "PP", "BPM"))
        sealed = seal_pdf(pv.pdf, signer, placements=pv.seals)
        assert verify_pdf(sealed).valid
        rebuilt = path.read_bytes()  # the damaged file was replaced by a whole font
        assert rebuilt != bad and stamp._is_rescaled(rebuilt) and len(rebuilt) == len(genuine)
    finally:
        stamp.rescaled_font.cache_clear()
        stamp.stamp_style.cache_clear()
