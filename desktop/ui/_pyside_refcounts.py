"""Work around a reference-count bug of PySide6 6.12 on Python 3.11.

Measured here (PySide6-Essentials 6.12.0, abi3 wheel, CPython 3.11.7): every
`SignalInstance.emit()` drops one reference to True, and void methods such as
`QTimer.start()` / `QTimer.stop()` drop one reference to None. Python 3.12+ has immortal
singletons, so nothing happens there; on 3.11 the process aborts after a few thousand calls
("Fatal Python error: bool_dealloc" / "none_dealloc") — a long hearing would crash.

The singletons are never freed in a running interpreter, so giving them 2**40 extra
references makes them immortal in effect. Done once, before any thread starts.
"""

from __future__ import annotations

import sys

EXTRA = 1 << 40


def make_singletons_immortal() -> bool:
    if sys.version_info >= (3, 12) or getattr(sys, "_trame_immortal", False):
        return False
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += EXTRA
    sys._trame_immortal = True
    return True
