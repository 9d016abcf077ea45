"""Versioned legal reference table and the qualification aid.

    from desktop.core.law import default_law_table
    law = default_law_table()                 # desktop/templates/law*.yaml, checked strictly
    law.cite("cpp.706-50")                    # « article 706-50 du code de procédure pénale »
    law.cite("cpp.706-50", on=date(2029, 1, 2))   # « article L. 1451-1 du code … »
    law.article("cp.225-7-1").penalties[0].describe()
    law.mention("mention.enregistrement-impossible").text

Keys (`cpp.10-2.1`, `cp.225-4-1`, `mention.lecture-faite`…) are what forms put in
`legal_basis` and what PV templates cite; they never change when the law is renumbered.
The qualification aid lives in `desktop.core.law.qualification` (« éléments à documenter »,
never a verdict).
"""

from __future__ import annotations

from desktop.core.law.forms import form_registry
from desktop.core.law.table import (
    Article,
    LawTable,
    LawTableError,
    Mention,
    Penalty,
    default_law_keys,
    default_law_table,
    load_law_table,
)

__all__ = [
    "Article",
    "LawTable",
    "LawTableError",
    "Mention",
    "Penalty",
    "default_law_keys",
    "default_law_table",
    "form_registry",
    "load_law_table",
]
