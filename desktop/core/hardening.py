"""Process hardening at start: no core dump may carry the keys or the typed statements.

Linux: RLIMIT_CORE set to 0 and PR_SET_DUMPABLE cleared (prctl through ctypes), which also
stops other processes of the same user from attaching with ptrace. macOS: RLIMIT_CORE 0.
Windows: no per-process equivalent is set here (crash dumps are governed by Windows Error
Reporting policy; see README « Limites connues »).
"""

from __future__ import annotations

import sys

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def disable_core_dumps() -> dict[str, bool]:
    """Best effort; returns what was applied ({"rlimit_core": …, "dumpable_off": …})."""
    done = {"rlimit_core": False, "dumpable_off": False}
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        done["rlimit_core"] = True
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            done["dumpable_off"] = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
        except (OSError, AttributeError):
            pass
    return done


def dumpable() -> int | None:
    """PR_GET_DUMPABLE of this process (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    return int(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
