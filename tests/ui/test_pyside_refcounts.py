"""PySide6 6.12 on Python 3.11 drops references to True / None at every signal emission and
void call; desktop.ui makes those singletons immortal at import (desktop/ui/_pyside_refcounts)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
{fix}
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
app = QCoreApplication([])
class E(QObject):
    sig = Signal(object)
e = E()
e.sig.connect(lambda o: None)
t = QTimer()
for i in range(200_000):
    e.sig.emit(None)
    t.start(10)
    t.stop()
print("alive")
"""


def run(fix: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT.format(fix=fix)], capture_output=True, text=True, timeout=120
    )


def test_long_sessions_do_not_abort():
    fixed = run("import desktop.ui")
    assert fixed.returncode == 0 and "alive" in fixed.stdout, fixed.stderr[-500:]
    if sys.version_info < (3, 12):
        broken = run("")
        assert broken.returncode != 0 and "_dealloc" in broken.stderr  # the bug still exists
