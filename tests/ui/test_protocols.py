"""Issue 14: the UI's seams are typed (desktop.ui.protocols) and every page and field editor
of the application meets them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtWidgets import QWidget

import desktop.ui
from desktop.core.law import form_registry
from desktop.ui.forms.fields import FieldEnv, make_editor
from desktop.ui.protocols import PAGE_HOOKS, FieldEditor

HOOKS = {name: proto for proto in PAGE_HOOKS for name in proto.__dict__ if not name.startswith("_")}


def _ui_classes():
    for info in pkgutil.walk_packages(desktop.ui.__path__, "desktop.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QWidget):
                yield cls


def test_every_page_hook_is_called_without_arguments():
    checked = []
    for cls in _ui_classes():
        for name in HOOKS:
            method = cls.__dict__.get(name)
            if method is None or not callable(method):
                continue
            params = list(inspect.signature(method).parameters.values())[1:]
            required = [p.name for p in params if p.default is p.empty and p.kind <= p.KEYWORD_ONLY]
            assert required == [], f"{cls.__qualname__}.{name} demands {required}"
            checked.append(f"{cls.__name__}.{name}")
    assert len(checked) >= 20  # the admin, case and checklist pages were all seen


def test_every_editor_of_the_shipped_forms_is_a_field_editor(qtbot):
    seen: set[str] = set()
    for spec in form_registry().forms.values():
        for _path, field in spec.iter_fields():
            if field.type in seen or not field.has_value:
                continue
            seen.add(field.type)
            editor = make_editor(field, FieldEnv())
            qtbot.addWidget(editor)
            assert isinstance(editor, QWidget) and isinstance(editor, FieldEditor), field.type
            before = editor.value()
            with qtbot.assertNotEmitted(editor.changed):
                editor.set_value(before)  # the setter emits nothing and keeps the value
            assert editor.value() == before, field.type
    assert {"text", "date", "choice", "repeat"} <= seen
