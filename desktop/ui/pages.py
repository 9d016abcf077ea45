"""Extension point of the main window: role-gated pages and menus, declared by providers.

A provider is a module with a function `pages(ctx) -> list[PageSpec]`. The main window
imports the providers listed in PROVIDERS (or `ctx.pages`), keeps the pages whose `roles`
contain the user's role, and builds its menus from them: each role sees only its menus.

    # desktop/ui/checklists/pages.py (the medical engineer's package)
    from desktop.ui.pages import PageSpec

    def pages(ctx):
        return [
            PageSpec("checklist.uaped", "Checklist UAPED", menu="Checklists",
                     roles=("uaped",), factory=make_uaped_page, shortcut="Ctrl+2"),
            PageSpec("checklist.umj.case", "Checklist UMJ", menu="", roles=("medecin",),
                     factory=make_umj_for_case, scope="case"),
        ]

    def make_uaped_page(ctx, host, **params) -> QWidget: ...

- scope "global": an entry in the menu `menu`, opened with `host.open_page(id)`.
- scope "case": a button in the case view; the factory receives `case_id=`.
- scope "internal": no menu entry; opened by code (`host.open_page("hearing", record_id=…)`).

`host` is the main window: `open_page(page_id, **params)`, `open_case(case_id)`,
`back()`. A page widget may define `page_title() -> str` (window title, never a name),
`page_shown()` (refresh when shown again) and `flush()` (write what is being typed before
a lock or leaving the page). While the checklist provider is missing, placeholder pages
(desktop.ui.placeholders) stand in for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PROVIDERS = (
    "desktop.ui.cases.pages",
    "desktop.ui.admin.pages",
    "desktop.ui.checklists.pages",
)
FALLBACKS = {"desktop.ui.checklists.pages": "desktop.ui.placeholders"}
SCOPES = ("global", "case", "internal")
MENU_ORDER = ("Dossiers", "Checklists", "Administration")


@dataclass(frozen=True)
class PageSpec:
    id: str
    title: str
    menu: str
    roles: tuple[str, ...]
    factory: Callable[..., Any]  # (ctx, host, **params) -> QWidget
    shortcut: str | None = None
    scope: str = "global"
    order: int = 100
    tip: str = ""

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"unknown page scope {self.scope!r}")


def collect(ctx, providers: tuple[str, ...] | list[str] | None = None) -> list[PageSpec]:
    specs: list[PageSpec] = []
    seen: set[str] = set()
    for name in providers or PROVIDERS:
        module = _import(name)
        if module is None:
            continue
        for spec in module.pages(ctx):
            if spec.id in seen:
                raise ValueError(f"page {spec.id!r} declared twice")
            seen.add(spec.id)
            specs.append(spec)
    return sorted(specs, key=lambda s: (s.order, s.title))


def for_role(specs: list[PageSpec], role: str | None, scope: str | None = None) -> list[PageSpec]:
    return [s for s in specs if role in s.roles and (scope is None or s.scope == scope)]


def _import(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if not (name == missing or name.startswith(missing + ".")):
            raise  # the provider exists but one of its own imports is broken
        fallback = FALLBACKS.get(name)
        return importlib.import_module(fallback) if fallback else None
