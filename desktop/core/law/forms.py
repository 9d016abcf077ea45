"""The process's one form registry, its definitions checked against the law table.

    from desktop.core.law import form_registry
    spec = form_registry().for_record(record.form_id, record.form_version)

The form engine (desktop.core.formspec) knows nothing of the law table: the keys a
`legal_basis` may cite are given to it here, one layer up.
"""

from __future__ import annotations

import threading

from desktop.core.formspec.registry import FormRegistry
from desktop.core.law.table import default_law_keys

_shared: FormRegistry | None = None
_lock = threading.Lock()


def form_registry() -> FormRegistry:
    """The one FormRegistry of desktop/forms for this process (UI, CLI, PV builder), re-read
    when a file changed; every version it saw stays available for the records made with it.

    :raises LawTableError: the law table itself is refused."""
    global _shared
    with _lock:
        if _shared is None:
            _shared = FormRegistry(legal_keys=default_law_keys())
        _shared.reload()
        return _shared
