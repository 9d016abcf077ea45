"""The enquêteur cuts the tail of the chain (the administrator's last entries) and rewrites
the copy of the last head kept in the config folder. Trame's accounts share one OS session
(the data folder is the OS user's), so that copy is his to rewrite: the administrator's next
unlock does not warn. Only anchors kept away from the computer (sealed PV, export manifests,
backups: `trame audit check`) show the cut. Strict xfail: README « Limites connues »."""

from __future__ import annotations

import json

import pytest

from desktop.core.vault import anchors
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


@pytest.mark.xfail(
    strict=True,
    reason="the copy of the last head lives in the OS session's config folder, which every "
    "Trame account of that session can rewrite; nothing the enquêteur lacks can protect it "
    "(an older copy signed by the administrator could be replayed)",
)
def test_cutting_the_tail_and_rewriting_the_head_copy_still_warns_the_administrator(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        cut = s.audit.head()[0]
        s.cases.create("2026/000611")  # what the enquêteur wants gone
        vault_id = s.slots.vault_id
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        db = s.cases_db
        db.after_commit = None
        with db.transaction():
            db.execute("DELETE FROM audit WHERE seq > ?", (cut,))
        seq, head = s.audit.head()
        s._remembered = (seq, head)
    path = anchors._head_file(vault_id)
    path.write_text(json.dumps({"seq": seq, "hash": head}))
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert any("revenu en arrière" in w for w in s.warnings), s.warnings
