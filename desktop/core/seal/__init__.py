"""Integrity seals (PAdES B-B with pyHanko), officer certificates and the strict verifier."""

from __future__ import annotations

import logging

# pyHanko logs every revision it cannot explain with an English traceback that quotes
# pieces of the PDF: `trame verify` printed them under its French verdict. The verdict
# already says what is wrong; keep them off the terminal and out of any log.
_pyhanko = logging.getLogger("pyhanko")
_pyhanko.addHandler(logging.NullHandler())
_pyhanko.propagate = False
