"""Load pyHanko's validation without the package `pyhanko.sign`'s own __init__.

`import pyhanko.sign.validation` first runs pyhanko/sign/__init__.py, which imports every
signer, the timestamp clients and aiohttp: about 0.2 s of a `trame verify` that needs none
of them (issue 20: `trame verify` as a whole process). In a process that only verifies, the
two package modules whose __init__ pull them in are registered as empty packages (their
submodules still import normally, from the same folders); nothing is executed differently
inside pyHanko's validation code.

Only for a process that does nothing else: names defined by those __init__ files
(`from pyhanko.sign import PdfSigner`) are absent afterwards. `trame verify` (without
--coffre) calls it from desktop.cli.main; a process that seals never does.
"""

from __future__ import annotations

import importlib.util
import sys

SHELLS = ("pyhanko.sign", "pyhanko.sign.timestamps")


def validation_only() -> bool:
    """Register SHELLS as bare packages; True when done, False when pyHanko is already
    imported or laid out differently (then nothing is changed)."""
    if any(name in sys.modules for name in SHELLS):
        return False
    added = []
    for name in SHELLS:  # parent first: finding a child's spec imports its parent
        spec = importlib.util.find_spec(name)
        if spec is None or spec.submodule_search_locations is None:
            for done in reversed(added):
                del sys.modules[done]
            return False
        module = importlib.util.module_from_spec(spec)  # created, not executed
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        setattr(sys.modules[parent], child, module)
        added.append(name)
    return True
