"""Issue 15: consultations leave one audit entry each, through the real main window
(directive (EU) 2016/680 art. 25): opening a case, showing its names, opening a hearing, a
medical record, previewing a document. Refreshing a screen or going back adds none."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.medical.clock import fixed_clock
from desktop.core.records.start import start_record
from tests.conftest import DOCTOR_PASSWORD, OFFICER_PASSWORD
from tests.core.medical.umj_data import NOW
from tests.ui.conftest import unlock
from tests.ui.helpers import CTRL, SHIFT, key, make_hearing

READS = ("case.open", "case.names", "hearing.read", "medical.record.read", "document.")


def reads(vault, login=("enqueteur", OFFICER_PASSWORD)):
    """(action, object id) of every consultation entry, oldest first."""
    with vault.unlock(*login) as s:
        return [(e.action, e.object_id) for e in s.audit.entries() if e.action.startswith(READS)]


def test_each_read_leaves_exactly_one_entry(qtbot, vault, controller):
    case_id, rid = make_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = main.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    for _ in range(3):  # the case list refreshing is not a consultation
        key(Qt.Key.Key_F5, widget=page.table)
        page.page_shown()
    qtbot.wait(200)
    assert reads(vault) == []

    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    view = main.current_page()
    qtbot.waitUntil(lambda: view.case is not None and view.hearing_list.count() == 1)
    key(Qt.Key.Key_F5, widget=view)  # refreshing the open case adds nothing
    qtbot.waitUntil(lambda: reads(vault) == [("case.open", str(case_id))], timeout=5000)

    key(Qt.Key.Key_M, CTRL, widget=view)  # show names: one entry; hide them: none
    key(Qt.Key.Key_M, CTRL, widget=view)
    qtbot.waitUntil(lambda: len(reads(vault)) == 2, timeout=5000)
    assert reads(vault)[-1] == ("case.names", str(case_id))

    view.hearing_list.setFocus()
    view.hearing_list.setCurrentRow(0)
    key(Qt.Key.Key_Return, widget=view.hearing_list)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "hearing_page", timeout=5000)
    hearing = main.current_page()
    qtbot.waitUntil(lambda: hearing.transcript.loaded, timeout=10000)
    qtbot.waitUntil(lambda: len(reads(vault)) == 3, timeout=5000)
    assert reads(vault)[-1] == ("hearing.read", str(rid))

    key(Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier, widget=hearing)  # back: no entry
    qtbot.waitUntil(lambda: main.current_page() is view, timeout=5000)
    view.documents.table.setFocus()
    view.documents.table.selectRow(0)
    key(Qt.Key.Key_O, CTRL | SHIFT, widget=view.documents.table)
    qtbot.waitUntil(
        lambda: getattr(view.documents, "preview_dialog", None) is not None, timeout=10000
    )
    view.documents.preview_dialog.reject()
    qtbot.waitUntil(lambda: len(reads(vault)) == 4, timeout=5000)
    assert reads(vault) == [
        ("case.open", str(case_id)),
        ("case.names", str(case_id)),
        ("hearing.read", str(rid)),
        ("document.preview", str(rid)),
    ]


def test_opening_a_medical_record_leaves_one_entry(qtbot, vault, controller, doctor_session):
    case_id, _rid = make_hearing(vault)
    rid = start_record(doctor_session, "umj", case_id, None, form=controller.ctx.form)
    controller.ctx.clock = fixed_clock(NOW)
    main = unlock(qtbot, controller, "medecin", DOCTOR_PASSWORD)
    home = main.open_page("checklist.umj")
    qtbot.waitUntil(lambda: home.case_id == case_id and home.records.count() >= 1, timeout=10000)
    home.records.setFocus()
    row = next(
        i
        for i in range(home.records.count())
        if home.records.item(i).data(Qt.ItemDataRole.UserRole)
    )
    home.records.setCurrentRow(row)
    key(Qt.Key.Key_Return, widget=home.records)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "umj_page", timeout=10000)
    qtbot.wait(300)
    qtbot.waitUntil(
        lambda: reads(vault, ("medecin", DOCTOR_PASSWORD)) == [("medical.record.read", str(rid))],
        timeout=5000,
    )
