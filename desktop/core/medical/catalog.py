"""Loads catalog.yaml (windows, lesion vocabulary, sample sites) into frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOG = Path(__file__).with_name("catalog.yaml")


#: a treatment to start, or a sample to take (past a sample window: « prélever si doute »)
KINDS = ("traitement", "prelevement")
#: what a sample window says once its usual delay is past (VFPMS 2019: « when doubt exists,
#: err on the side of caution and collect samples »; DOMAIN §4.4)
SAMPLE_AFTER = "au-delà des délais usuels : prélever si doute."


@dataclass(frozen=True)
class Window:
    """One delay counted from the facts, in hours.

    The ONE definition of its boundaries, used by the alerts (desktop.core.medical.windows)
    and by the UMJ form's computed fields (`within_window`, `within_ideal`): the ideal is
    strict (« idéalement < 4 h »), the maximum inclusive (« au plus tard jusqu'à 48 h »).
    """

    id: str
    label: str
    max_hours: float
    ideal_hours: float | None
    applies_if: str | None
    action: str
    source: str
    kind: str = "traitement"
    after: str = ""  # what is still possible past the maximum
    then: str | None = None  # the window that takes over past the maximum

    @property
    def is_sample(self) -> bool:
        return self.kind == "prelevement"

    def open_at(self, hours: float) -> bool:
        """True while `hours` after the facts is within the maximum (inclusive)."""
        return hours <= self.max_hours

    def ideal_at(self, hours: float) -> bool:
        """True while `hours` after the facts is inside the ideal delay (strict)."""
        return self.ideal_hours is not None and hours < self.ideal_hours

    @property
    def after_text(self) -> str:
        """What the alert says past the maximum: never « nothing to do »."""
        if self.is_sample:
            return self.after or SAMPLE_AFTER
        return self.after


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


_WINDOW_KEYS = {
    "id",
    "label",
    "max_hours",
    "ideal_hours",
    "applies_if",
    "action",
    "source",
    "kind",
    "after",
    "then",
}


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
        kind=str(entry.get("kind", "traitement")),
        after=str(entry.get("after", "")),
        then=entry.get("then"),
    )
    if window.kind not in KINDS:
        raise ValueError(f"{CATALOG.name}: {window.id}: kind doit être {' ou '.join(KINDS)}")
    if not window.source:
        raise ValueError(f"{CATALOG.name}: {window.id}: la source du délai est obligatoire")
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
    for w in windows:
        if w.then and (w.then not in ids or w.then == w.id):
            raise ValueError(f"{path.name}: {w.id}: fenêtre suivante inconnue {w.then}")
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
