"""Loads catalog.yaml (windows, lesion vocabulary, sample sites) into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOG = Path(__file__).with_name("catalog.yaml")


@dataclass(frozen=True)
class Window:
    id: str
    label: str
    max_hours: float
    ideal_hours: float | None
    applies_if: str | None
    action: str
    source: str


@dataclass(frozen=True)
class SampleSite:
    id: str
    label: str
    window: str | None


@dataclass(frozen=True)
class Catalog:
    windows: tuple[Window, ...]
    closing_hours: float
    lesion_types: tuple[str, ...]
    lesion_colours: tuple[str, ...]
    sample_sites: tuple[SampleSite, ...]

    def window(self, window_id: str) -> Window:
        for w in self.windows:
            if w.id == window_id:
                return w
        raise KeyError(window_id)

    def site(self, site_id: str) -> SampleSite | None:
        return next((s for s in self.sample_sites if s.id == site_id), None)

    def site_label(self, site_id: str) -> str:
        site = self.site(site_id)
        return site.label if site else site_id


_WINDOW_KEYS = {"id", "label", "max_hours", "ideal_hours", "applies_if", "action", "source"}


def _window(entry: dict) -> Window:
    unknown = set(entry) - _WINDOW_KEYS
    if unknown:
        raise ValueError(f"{CATALOG.name}: clés inconnues dans une fenêtre : {sorted(unknown)}")
    ideal = entry.get("ideal_hours")
    window = Window(
        id=str(entry["id"]),
        label=str(entry["label"]),
        max_hours=float(entry["max_hours"]),
        ideal_hours=float(ideal) if ideal is not None else None,
        applies_if=entry.get("applies_if"),
        action=str(entry.get("action", "")),
        source=str(entry.get("source", "")),
    )
    if window.ideal_hours is not None and not 0 < window.ideal_hours < window.max_hours:
        raise ValueError(f"{CATALOG.name}: {window.id}: ideal_hours doit être < max_hours")
    return window


@cache
def load_catalog(path: Path = CATALOG) -> Catalog:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = set(data) - {
        "version",
        "windows",
        "closing_hours",
        "lesion_types",
        "lesion_colours",
        "sample_sites",
    }
    if unknown:
        raise ValueError(f"{path.name}: clés inconnues : {sorted(unknown)}")
    windows = tuple(_window(w) for w in data["windows"])
    ids = [w.id for w in windows]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path.name}: identifiant de fenêtre en double")
    sites = tuple(
        SampleSite(str(s["id"]), str(s["label"]), s.get("window")) for s in data["sample_sites"]
    )
    for s in sites:
        if s.window and s.window not in ids:
            raise ValueError(f"{path.name}: site {s.id}: fenêtre inconnue {s.window}")
    return Catalog(
        windows=windows,
        closing_hours=float(data.get("closing_hours", 6)),
        lesion_types=tuple(data["lesion_types"]),
        lesion_colours=tuple(data["lesion_colours"]),
        sample_sites=sites,
    )
