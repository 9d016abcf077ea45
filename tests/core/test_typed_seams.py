"""Issue 14: the core's use cases say what they take (`session: Session`) and its public
entry points say what they raise (`:raises:` in the docstring)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import desktop.core.admin
import desktop.core.documents
import desktop.core.records
from desktop.core.admin.backups import create_backup, restore_backup
from desktop.core.documents.actions import seal
from desktop.core.export.bundle import export_case, export_pseudonymised
from desktop.core.records import start_record
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.verify import verify_pdf
from desktop.core.vault import Session, Vault


def _modules():
    for package in (desktop.core.records, desktop.core.documents, desktop.core.admin):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            yield importlib.import_module(info.name)
    yield importlib.import_module("desktop.core.documents.medical.transmit")


def test_use_cases_annotate_their_session():
    seen, bare = [], []
    for module in _modules():
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = list(inspect.signature(fn).parameters.values())
            if params and params[0].name == "session":
                seen.append(f"{module.__name__}.{name}")
                if params[0].annotation not in ("Session", Session):
                    bare.append(f"{module.__name__}.{name}")
    assert len(seen) >= 30 and bare == []


def test_public_entry_points_say_what_they_raise():
    entry_points = [
        Vault.unlock,
        Vault.unlock_recovery,
        create_backup,
        restore_backup,
        seal,
        seal_hearing,
        seal_pdf,
        export_case,
        export_pseudonymised,
        verify_pdf,
        start_record,
    ]
    silent = [f.__qualname__ for f in entry_points if ":raises " not in (f.__doc__ or "")]
    assert silent == []
