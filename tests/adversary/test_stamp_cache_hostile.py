"""Adversary: a font planted where a user account can write (the old stamp cache, the home
folder) must not change what a seal's stamp shows. The stamp font now ships with the
application and nothing else is read; a planted file is ignored."""

from __future__ import annotations

import io

from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

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


def test_planted_fonts_in_writable_folders_do_not_change_the_stamp(tmp_path, monkeypatch):
    genuine = stamp.shipped_font_path().read_bytes()
    planted = _digit_swapped(genuine)
    for folder in ("cache/Trame", "home/.cache/Trame", "trame-cache"):
        (tmp_path / folder).mkdir(parents=True)
        for name in ("stamp.ttf", "DejaVuSans-tampon.ttf", "stamp-0123.ttf"):
            (tmp_path / folder / name).write_bytes(planted)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TRAME_CACHE", str(tmp_path / "trame-cache"))
    stamp.rescaled_font.cache_clear()
    stamp.stamp_style.cache_clear()
    try:
        pv = render_pv(sample_pv(pairs=2))
        signer = SoftwareSigner(certs.create("Camille DURAND", "PP", "BPM"))
        sealed = seal_pdf(pv.pdf, signer, placements=pv.seals)
        assert verify_pdf(sealed).valid
        used = stamp.rescaled_font()
        assert used == genuine
        assert _outline(used, "0") != _outline(planted, "0")
    finally:
        stamp.rescaled_font.cache_clear()
        stamp.stamp_style.cache_clear()
