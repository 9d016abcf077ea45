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
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=20000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert s.transcript.for_record(rid)[0].answer == "À la gare"

    panel.ask_reason = lambda: "la mineure a précisé la gare en relisant"
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    qtbot.waitUntil(lambda: panel.model.entries[0].answer == "À la gare du Nord", timeout=20000)
    assert "Les signatures sont périmées" in panel.mode.text()  # said where it changed
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        log = s.records.get(rid).meta["modifications_apres_signature"]
        assert log[-1]["reason"] == "la mineure a précisé la gare en relisant"
        assert s.audit.entries("signature.edit_after")
        assert [st.stale for st in signature_states(s, rid)] == [True]

    # the signing step says whose signature is stale and what to do
    wizard = page.wizard
    wizard.goto(wizard.spec.step_of("signataires").id)
    qtbot.waitUntil(
        lambda: wizard.stale_banner is not None and not wizard.stale_banner.label.isHidden(),
        timeout=10000,
    )
    said = wizard.stale_banner.label.text()
    assert said.startswith("Signature périmée : Léa MARTIN.") and "signer de nouveau" in said

    # she re-reads and signs again on the pad: the signature is bound to the new text
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from desktop.core.pv.binding import content_fingerprint
    from desktop.core.pv.builder import build_pv

    panel_sig = wizard.rows["signataires"].editor.rows[0]["signature"].editor.panel
    panel_sig.pad.resize(480, 160)
    points = [QPoint(20, 80), QPoint(120, 40), QPoint(220, 110), QPoint(320, 60)]
    no = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(panel_sig.pad, Qt.MouseButton.LeftButton, no, points[0])
    for p in points[1:]:
        QTest.mouseMove(panel_sig.pad, p)
    QTest.mouseRelease(panel_sig.pad, Qt.MouseButton.LeftButton, no, points[-1])
    qtbot.waitUntil(lambda: wizard.stale_banner.label.isHidden(), timeout=10000)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=20000)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        sig = s.records.answers(rid)["signataires"][0]["signature"]
        assert sig["content_sha256"] == content_fingerprint(build_pv(s, rid, draft=True))
        assert [st.stale for st in signature_states(s, rid)] == [False]
