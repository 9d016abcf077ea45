"""Issue 14: a record made through the core as `trame demo` makes it is listed by the screen
of its kind (the demo's UAPED checklist used to be written under another kind, invisible)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desktop.core.records import RecordKind, records_of, start_record
from desktop.core.sample import create_uaped, create_umj, demo_data
from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD, UAPED_PASSWORD
from tests.ui.conftest import unlock

BASE = datetime(2026, 11, 26, 14, 0)


def listed(home) -> list:
    items = [home.records.item(i) for i in range(home.records.count())]
    return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.data(Qt.ItemDataRole.UserRole)]


def make_case(vault):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case = s.cases.create("2026/004242", "BPM Valmont (fictive)")
        victim = s.persons.add(case.id, "victime", "Durand", "Inès", "2011-02-03")
    return case, victim


def test_the_demo_uaped_checklist_is_in_the_uaped_screen(qtbot, vault, controller):
    case, victim = make_case(vault)
    with vault.unlock("uaped", UAPED_PASSWORD) as s:
        record = create_uaped(s, demo_data(), s.cases.get(case.id), victim, BASE)
        legacy = s.records.create(case.id, "checklist_uaped", "checklist_uaped", "1", victim.id)
    assert record.kind == RecordKind.UAPED
    main = unlock(qtbot, controller, "uaped", UAPED_PASSWORD)
    home = main.open_page("checklist.uaped")
    qtbot.waitUntil(lambda: home.case_id == case.id and bool(listed(home)), timeout=10000)
    assert listed(home) == [record.id, legacy.id]  # records of earlier versions too
    home.open_selected()
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "uaped_page")
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    assert page.view.answers["mineur_personne"] == victim.id


def test_the_demo_umj_checklist_is_in_the_umj_screen(qtbot, vault, controller):
    case, victim = make_case(vault)
    with vault.unlock("medecin", DOCTOR_PASSWORD) as s:
        record = create_umj(s, demo_data(), s.cases.get(case.id), victim, BASE)
    main = unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    home = main.open_page("checklist.umj")
    qtbot.waitUntil(lambda: home.case_id == case.id and bool(listed(home)), timeout=10000)
    assert listed(home) == [record.id]


def test_start_record_prefills_once_for_every_kind(vault):
    case, victim = make_case(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rid = start_record(s, RecordKind.AUDITION, case.id, victim.id)
        answers = s.records.answers(rid)
        assert answers["procedure_numero"] == "2026/004242"
        assert answers["victime_personne"] == victim.id
        assert answers["victime_date_naissance"] == "2011-02-03"
        assert s.records.get(rid).current_step
        assert [r.id for r in records_of(s, case.id, "audition")] == [rid]
