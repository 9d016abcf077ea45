"""The catalog's windows as values of the UMJ form's computed fields.

The form (desktop/forms/checklist_umj.yaml) calls these through the expression functions
`within_window`, `within_ideal` and `sample_delays` (desktop.core.formspec.expr), so that the
form and the live alerts (desktop.core.medical.windows) share ONE definition of each delay:
`Window.open_at` (maximum inclusive) and `Window.ideal_at` (ideal strict), catalog.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.core.medical.catalog import SAMPLE_AFTER, load_catalog

#: the UMJ form's « contacts_declares » option -> the `applies_if` key of a sample window
CONTACT_KEYS = {"vaginal": "contact_vaginal", "anal": "contact_anal", "oral": "contact_buccal"}
#: sample sites listed for DNA (spermatozoa, semen, foreign DNA), in the order of the FFLM table
DNA_WINDOWS = (
    "prelevement_buccal",
    "prelevement_anal",
    "prelevement_vaginal",
    "prelevement_cutane",
)


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def within_window(window_id: str, hours) -> bool | None:
    """True when `hours` (float, since the facts) is within the window's maximum (inclusive);
    None when the hours are unknown. Raises KeyError for an unknown window id."""
    window = load_catalog().window(window_id)
    h = _number(hours)
    return None if h is None else window.open_at(h)


def within_ideal(window_id: str, hours) -> bool | None:
    """True when `hours` is inside the ideal delay (strict: « idéalement < 4 h »)."""
    window = load_catalog().window(window_id)
    h = _number(hours)
    return None if h is None else window.ideal_at(h)


def sample_delays(hours, contacts: Iterable[str] | None = None) -> str | None:
    """« Buccal (2 jours) : dans le délai usuel ; Vaginal (7 jours) : … » per site.

    `hours`: time from the facts to the exam; `contacts`: the declared contacts (vaginal,
    anal, oral…): only their sites and the skin are listed; none declared: every DNA site.
    Past a window: « au-delà des délais usuels : prélever si doute » (DOMAIN §4.4)."""
    from desktop.core.medical.windows import hours_label

    h = _number(hours)
    if h is None:
        return None
    catalog = load_catalog()
    keys = {CONTACT_KEYS[c] for c in contacts or () if c in CONTACT_KEYS}
    parts = []
    for window_id in DNA_WINDOWS:
        w = catalog.window(window_id)
        if keys and w.applies_if != "contact_cutane" and w.applies_if not in keys:
            continue
        site = next((s.label for s in catalog.sample_sites if s.window == w.id), w.label)
        verdict = "dans le délai usuel" if w.open_at(h) else SAMPLE_AFTER.rstrip(".")
        parts.append(f"{site} ({hours_label(w.max_hours)}) : {verdict}")
    return " ; ".join(parts) + "."
