"""Issue 16, in the real main window: once the person heard has signed, correcting the
transcript asks for a reason (kept, audited) and the signatures become « périmées »."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.pv.binding import save_answer, signature_states
from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, key, make_hearing, open_hearing


def _signed_hearing(vault):
    case, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.transcript.append(rid, "qr", question="Où étiez-vous ?", answer="À la gare")
        rows = [
            {
                "role": "mineur",
                "nom": "Léa MARTIN",
                "signature": signature_answer(
                    "signe", image_png=signature_png("Léa MARTIN", 2), name="Léa MARTIN"
                ),
            }
        ]
        save_answer(s, rid, "signataires", rows)
        assert [st.stale for st in signature_states(s, rid)] == [False]
    return rid


def test_correction_after_the_signature_needs_a_reason(qtbot, vault, controller):
    rid = _signed_hearing(vault)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    qtbot.waitUntil(lambda: panel.heard_signed, timeout=10000)
    asked = []
    panel.ask_reason = lambda: asked.append(1) or None  # the officer cancels

    panel.table.setFocus()
    panel.table.selectRow(0)
    key(Qt.Key.Key_Return, widget=panel.table)
    panel.answer.moveCursor(panel.answer.textCursor().MoveOperation.End)
    type_text(panel.answer, " du Nord")
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    assert asked == [1]
    assert panel.answer.text() == "À la gare du Nord"  # nothing lost, nothing saved
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.transcript.for_record(rid)[0].answer == "À la gare"

    panel.ask_reason = lambda: "la mineure a précisé la gare en relisant"
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    qtbot.waitUntil(lambda: panel.model.entries[0].answer == "À la gare du Nord", timeout=5000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        log = s.records.get(rid).meta["modifications_apres_signature"]
        assert log[-1]["reason"] == "la mineure a précisé la gare en relisant"
        assert s.audit.entries("signature.edit_after")
        assert [st.stale for st in signature_states(s, rid)] == [True]
