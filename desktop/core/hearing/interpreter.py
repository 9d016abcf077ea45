"""The interpreter named in « Assistance d'un interprète » is one of the persons present.

Issue 13: the officer named the interpreter once (`interprete_nom`) and found him missing from
« Personnes présentes ». `interpreter_presence(answers)` gives the updated rows of
`personnes_presentes` (or None when nothing changes): a row is added for him (legal basis:
article 10-2, 7° du CPP), renamed when his name changes, removed when the assistance is
unticked. A row the officer added himself (without the `_source` mark) is never touched.
"""

from __future__ import annotations

from typing import Any

PRESENT = "personnes_presentes"
SOURCE = "_source"
MARK = "interprete"  # rows made from « Assistance d'un interprète »


def interpreter_presence(answers: dict[str, Any]) -> list[dict] | None:
    """New `personnes_presentes` rows, or None when they already say the right thing."""
    rows = [dict(r) for r in answers.get(PRESENT) or [] if isinstance(r, dict)]
    name = (answers.get("interprete_nom") or "").strip()
    wanted = answers.get("interprete") is True and bool(name)
    ours = [i for i, r in enumerate(rows) if r.get(SOURCE) == MARK]
    typed = any(r.get("qualite") == "interprete" and r.get(SOURCE) != MARK for r in rows)
    if not wanted or typed:
        if not ours:
            return None
        return [r for i, r in enumerate(rows) if i not in ours]
    if ours:
        row = rows[ours[0]]
        if row.get("nom") == name:
            return None
        row["nom"] = name
        return rows
    rows.append({"qualite": "interprete", "nom": name, "base_legale": "cpp.10-2.7", SOURCE: MARK})
    return rows
