"""Issue 13: the UMJ delay alerts use the time of the facts already entered in the hearing of
the same minor when the checklist has none, and say where it comes from; the checklist's
own time, once typed, takes over. The médecin reads that one field of the hearing only, and
the reading is in the audit log."""

from __future__ import annotations

from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.hearing_facts import READ_EVENT, alert_facts, hearing_facts
from desktop.core.records import RecordKind, start_record
from tests.conftest import DOCTOR_PASSWORD
from tests.core.medical.umj_data import NOW, PARIS
from tests.ui.checklists.test_umj_transmission import fill, prepared
from tests.ui.conftest import unlock

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def hearing(session, case_id, person_id, **answers) -> int:
    return start_record(session, RecordKind.AUDITION, case_id, person_id, answers=answers)


def open_umj(qtbot, controller, case_id: int):
    """The médecin opens a new UMJ checklist for the first minor of the case (Léa MARTIN)."""
    controller.ctx.clock = fixed_clock(NOW)
    main = unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    home = main.open_page("checklist.umj")
    qtbot.waitUntil(lambda: home.case_id == case_id and home.victim.count() >= 2, timeout=10000)
    home.victim.setCurrentIndex(home.victim.findText("Léa MARTIN"))
    home.create_record()
    qtbot.waitUntil(lambda: main.stack.currentWidget().objectName() == "umj_page", timeout=10000)
    page = main.stack.currentWidget()
    qtbot.waitUntil(lambda: page.view.flow is not None, timeout=10000)
    return main, page


def test_alerts_use_the_hearing_time_then_the_checklist_own(
    qtbot, vault, controller, prepared, officer_session
):
    case, person = prepared
    other = officer_session.persons.add(case.id, "victime", "FICTIF", "Noé", "2012-01-01")
    hearing_id = hearing(
        officer_session,
        case.id,
        person.id,
        audition_debut="2026-03-11T09:00",
        faits_datetime_derniers="2026-03-10T22:30",
    )
    # another minor's hearing, later: never used for this minor's alerts
    hearing(officer_session, case.id, other.id, faits_datetime_derniers="2026-03-11T08:00")

    main, page = open_umj(qtbot, controller, case.id)
    qtbot.waitUntil(lambda: page.hearing_facts is not None, timeout=10000)
    header = page.alerts.header.text()
    assert "faits le 10/03/2026 à 22\u00a0h\u00a030" in header
    assert "d'après l'audition du 11/03/2026" in header
    # 17 h 30 after the facts (the clock says 11/03 16 h 00): TPE possible until 12/03 22 h 30
    tpe = next(a for a in page.alerts.alerts if a.window.id == "tpe_vih")
    assert tpe.status == "ouvert" and "12/03/2026 à 22\u00a0h\u00a030" in tpe.message

    # the doctor types the time the minor gives: the checklist's own time takes over
    fill(page.view, "faits_datetime", "2026-03-11T06:00")
    fill(page.view, "faits_datetime_precision", "exacte")
    header = page.alerts.header.text()
    assert "faits le 11/03/2026 à 6\u00a0h\u00a000" in header and "audition" not in header
    tpe = next(a for a in page.alerts.alerts if a.window.id == "tpe_vih")
    assert "13/03/2026 à 6\u00a0h\u00a000" in tpe.message

    # the consultation is audited (event and hearing id only), by the médecin
    entries = [
        (e.action, e.object_id) for e in officer_session.audit.entries() if e.action == READ_EVENT
    ]
    assert entries == [(READ_EVENT, str(hearing_id))]


def test_day_only_unknown_and_other_minor(vault, prepared, officer_session, doctor_session):
    case, person = prepared
    other = officer_session.persons.add(case.id, "victime", "FICTIF", "Noé", "2012-01-01")
    umj_id = start_record(doctor_session, RecordKind.UMJ, case.id, person.id)
    assert hearing_facts(doctor_session, umj_id) is None  # no hearing yet
    hearing(officer_session, case.id, other.id, faits_datetime_derniers="2026-03-11T08:00")
    assert hearing_facts(doctor_session, umj_id) is None  # another minor's
    hearing(officer_session, case.id, person.id, faits_date_fin="2026-03-09")
    known = hearing_facts(doctor_session, umj_id)
    assert known.value == "2026-03-09"
    facts, source = alert_facts({}, known, PARIS)
    assert not facts.precise and facts.describe() == "faits le 09/03/2026, heure inconnue"
    assert source.startswith("d'après l'audition du ")
    own, none = alert_facts(
        {"faits_datetime": "2026-03-10T22:30", "faits_datetime_precision": "exacte"}, known, PARIS
    )
    assert none is None and own.precise
