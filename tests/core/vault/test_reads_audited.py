"""Issue 15: previewing and printing a document each leave one audit entry (ids only), and
`trame audit show` lists the consultations in French (directive (EU) 2016/680 art. 25)."""

from __future__ import annotations

import pytest

from desktop.core.documents import preview
from desktop.core.sample import demo_data
from tests.conftest import OFFICER_PASSWORD
from tests.core.vault.test_audit_insider import trame
from tests.ui.helpers import make_hearing


def test_preview_and_print_each_leave_one_entry_then_audit_show_names_them(vault):
    case_id, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        before = s.audit.head()[0]
        preview(s, rid)
        preview(s, rid, purpose="print")
        s.cases.open(case_id)
        added = [(e.action, e.object_id) for e in s.audit.entries() if e.seq > before]
        with pytest.raises(ValueError):
            preview(s, rid, purpose="copie")
    assert added == [
        ("document.preview", str(rid)),
        ("document.print", str(rid)),
        ("case.open", str(case_id)),
    ]
    r = trame(vault.home, "audit", "show", "--limit", "10")
    assert r.returncode == 0, r.stderr
    assert "Aperçu d'un document" in r.stdout
    assert "Impression d'un document" in r.stdout
    assert "Ouverture d'un dossier" in r.stdout
    victim = demo_data()["victim"]
    assert victim["last_name"] not in r.stdout and victim["first_name"] not in r.stdout
