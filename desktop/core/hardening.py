"""Process hardening at start: no core dump may carry the keys or the typed statements.

Linux: RLIMIT_CORE set to 0 and PR_SET_DUMPABLE cleared (prctl through ctypes), which also
stops other processes of the same user from attaching with ptrace. macOS: RLIMIT_CORE 0.
Windows: no per-process equivalent is set here (crash dumps are governed by Windows Error
Reporting policy; see README « Limites connues »).

Freed memory scrubbed (Linux, glibc): Python's own small-object allocator keeps freed blocks
as they were, so a statement or the raw-key PRAGMA text outlives the lock in freed memory.
The command line re-executes itself once with PYTHONMALLOC=malloc (every object from glibc
malloc) and MALLOC_PERTURB_ (glibc fills each freed block with that byte), both read only at
interpreter start (tests/adversary/test_lock_memory.py reads the process memory after lock).
"""

from __future__ import annotations

import os
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


PERTURB_BYTE = "165"  # 0xA5: glibc writes it over each freed block (and its complement on malloc)


def scrubbing_env(env: dict[str, str]) -> dict[str, str]:
    """`env` (a copy) with the allocator settings that scrub freed memory (see above)."""
    return {**env, "PYTHONMALLOC": "malloc", "MALLOC_PERTURB_": PERTURB_BYTE}


REEXEC_MARKER = "TRAME_SCRUB_REEXEC"  # set in the re-executed process: never a second exec


def _scrubbing_in_effect() -> bool:
    """This process was started with the scrubbing settings: the exact values (a
    MALLOC_PERTURB_=0 or an empty one turns glibc's filling off; PYTHONMALLOC=pymalloc keeps
    Python's own allocator), and read (`python -E`/`-I` ignores PYTHONMALLOC)."""
    env = dict(os.environ)  # the interpreter's and glibc's variables, not Trame settings
    return (
        env.get("PYTHONMALLOC") == "malloc"
        and env.get("MALLOC_PERTURB_") == PERTURB_BYTE
        and not sys.flags.ignore_environment
    )


def reexec_argv() -> list[str] | None:
    """The command line to re-execute this process with scrubbing allocator settings, or
    None when there is nothing to do: not Linux, the settings already in effect, already
    re-executed once (REEXEC_MARKER — the guard against a loop, whatever the environment
    or the interpreter flags make of the settings), or the argv is unknown. Settings found
    in the environment with other values (MALLOC_PERTURB_=0, PYTHONMALLOC=pymalloc) are
    replaced, not trusted (tests/adversary/test_adv_lock_reexec.py)."""
    if not sys.platform.startswith("linux") or _scrubbing_in_effect():
        return None
    from desktop.core import settings

    if settings.raw(REEXEC_MARKER) is not None:
        return None
    if getattr(sys, "frozen", False):  # the PyInstaller bundle: its binary and arguments
        return [sys.executable, *sys.argv[1:]]
    orig = list(getattr(sys, "orig_argv", []) or [])
    if not orig or not sys.executable:
        return None
    return [sys.executable, *orig[1:]]


def scrub_freed_memory() -> None:
    """Re-execute the process once with the scrubbing allocator settings (Linux); returns
    only when nothing was to be done or the exec failed (then the process goes on as is)."""
    argv = reexec_argv()
    if argv is None:
        return
    try:
        os.execve(argv[0], argv, {**scrubbing_env(dict(os.environ)), REEXEC_MARKER: "1"})
    except OSError:
        return
