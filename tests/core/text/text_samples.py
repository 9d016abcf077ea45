"""Mixed-script texts for the boundary and rendering tests (fictional words and names only)."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from desktop.core.text import MAX_FIELD_CHARS

# Pieces pasted from everywhere: Latin with diacritics, Cyrillic, Arabic, Vietnamese,
# Greek, emoji (with skin tones, flags, ZWJ sequences), NFD text, invisible and control
# characters, typographic quotes, long words with no space.
PIECES = (
    "Léa",
    "Noémie LEFÈVRE",
    unicodedata.normalize("NFD", "Zoé Hélène Ðorđević"),
    "Šukar Rostaš",
    "Ayşe Öztürk",
    "Ștefănescu",
    "Nguyễn Thị Ánh",
    "Dragović",
    "أمينة",
    "Светлана Кузнецова",
    "Ελένη",
    "N‘Diaye‑Lefèvre",
    "« tu vas voir »",
    '"guillemets droits"',
    "il m'a dit : viens !",
    "👑",
    "😂😂",
    "👍🏽",
    "🇫🇷",
    "👨‍👩‍👧",
    "❤️",
    "zéro\u200blargeur",
    "trait\u00addunion",
    "\ufeffBOM",
    "cloche\x07",
    "\x1b[31m",
    "\r\n",
    "\t",
    "\n\n",
    "x" * 90,
    "0612345678",
    "<b>&amp;</b>",
    "  ",
)

pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12)
lengths = st.one_of(st.integers(0, 400), st.integers(0, 6000), st.integers(0, MAX_FIELD_CHARS))


@st.composite
def mixed_text(draw, length=lengths):
    """A text of the drawn length built from mixed-script pieces joined by spaces."""
    n = draw(length)
    seed = " ".join(draw(pieces))
    if n == 0:
        return ""
    return (seed + " ") * (n // (len(seed) + 1)) + seed[: n % (len(seed) + 1)]
