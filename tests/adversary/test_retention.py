"""Adversary: « Conservation et purge ». A purge destroys the vault's copy for good, so it
must only ever reach a case whose pieces left for the procedure and whose delay passed."""

from __future__ import annotations

import pytest

from desktop.core.admin.retention import set_purge_delay
from desktop.core.errors import InvalidInput, PermissionDenied, TrameError
from desktop.core.export.retention import mark_transmitted, purge_case
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD


def test_purge_refused_before_the_delay_and_for_a_case_not_transmitted(vault, exported_case):
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        set_purge_delay(admin, 30)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        kept = s.cases.get(exported_case(s, "2026/000900"))
        fresh = s.cases.get(exported_case(s, "2026/000901"))
        mark_transmitted(s, fresh.id)
        with pytest.raises(InvalidInput):
            purge_case(s, kept.id, confirmed=True)  # never transmitted
        with pytest.raises(InvalidInput):
            purge_case(s, fresh.id, confirmed=True)  # delay of 30 days running
        with pytest.raises(InvalidInput):
            purge_case(s, fresh.id)  # not confirmed
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        with pytest.raises(InvalidInput):
            purge_case(admin, fresh.id, confirmed=True)
        assert {c.procedure_number for c in admin.cases.list()} == {"2026/000900", "2026/000901"}


def test_uaped_can_neither_mark_nor_purge(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000902", "BPM")
    with vault.unlock("uaped", "coordination des goélands rieurs") as u:
        with pytest.raises(PermissionDenied):
            mark_transmitted(u, case.id)


def test_a_case_never_exported_cannot_be_declared_transmitted(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/000903", "BPM")
        s.persons.add(case.id, "victime", "Fictive", "Léa")
        assert not [e for e in s.audit.entries("export.case") if e.object_id == str(case.id)]
        with pytest.raises(TrameError) as exc:
            mark_transmitted(s, case.id)
        assert "exportez-le d'abord" in exc.value.message
        assert s.cases.get(case.id).status != "transmis"
        with pytest.raises(InvalidInput):
            purge_case(s, case.id, confirmed=True)
        assert s.cases.get(case.id) is not None
