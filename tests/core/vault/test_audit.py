from __future__ import annotations

import pytest

from desktop.core.vault.audit import GENESIS
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture
def chain(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.create("2026/0100")
        s.cases.open(case.id)
        rec = s.records.create(case.id, "audition", "audition_mineur", "1")
        s.records.set_answer(rec.id, "lieu", "Paris")
        assert s.audit.verify().ok
    return vault


def _tamper(vault, sql, params=()):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        s.cases_db.execute(sql, params)


def _verify(vault):
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        # unlocking appends an entry after the damage: verify must still see the break
        return s.audit.verify()


def test_intact_chain_verifies_and_has_a_head(chain):
    with chain.unlock("admin", ADMIN_PASSWORD) as s:
        report = s.audit.verify()
        assert report.ok and report.count >= 8
        assert s.audit.head() == (report.count, report.head)
        assert report.head != GENESIS


def test_edited_entry_detected(chain):
    _tamper(chain, "UPDATE audit SET action = 'case.status' WHERE seq = 5")
    report = _verify(chain)
    assert not report.ok and report.broken_seq == 5
    assert "modifié" in report.reason


def test_deleted_entry_detected(chain):
    _tamper(chain, "DELETE FROM audit WHERE seq = 4")
    report = _verify(chain)
    assert not report.ok and report.broken_seq == 5


def test_reordered_entries_detected(chain):
    with chain.unlock("admin", ADMIN_PASSWORD) as s:
        rows = s.cases_db.execute("SELECT * FROM audit WHERE seq IN (4, 5) ORDER BY seq").fetchall()
        with s.cases_db.transaction():
            s.cases_db.execute("DELETE FROM audit WHERE seq IN (4, 5)")
            for row in (rows[1], rows[0]):
                s.cases_db.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row)
            # swap the content of the two entries while keeping the sequence numbers
            s.cases_db.execute("UPDATE audit SET seq = -seq WHERE seq IN (4, 5)")
            s.cases_db.execute("UPDATE audit SET seq = 9 - (-seq) WHERE seq IN (-4, -5)")
    report = _verify(chain)
    assert not report.ok and report.broken_seq == 4


def test_audit_refuses_free_text(admin_session):
    with pytest.raises(ValueError):
        admin_session.audit.append(admin_session.user_id, "case.open", "Zoé Martin")
    with pytest.raises(ValueError):
        admin_session.audit.append(admin_session.user_id, "Ouverture du dossier de Zoé")


def test_actions_are_audited(chain):
    with chain.unlock("admin", ADMIN_PASSWORD) as s:
        actions = [e.action for e in s.audit.entries()]
    for expected in (
        "vault.init",
        "vault.unlock",
        "user.add",
        "case.create",
        "case.open",
        "case.record.create",
        "case.answer",
    ):
        assert expected in actions
