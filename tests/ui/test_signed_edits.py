"""Issue 16, in the real main window: once the minor has signed, changing a wizard answer or
voiding a transcript entry asks a confirmation naming who must re-sign and a reason;
cancelled, nothing changes in the vault; confirmed, the signature is stale and the reason
is kept (the audit log has the event only)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.core.pv.binding import save_answer, signature_states
from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, dialog, key, make_hearing, open_hearing

TITLE = "Texte déjà signé"
NAMED = "Léa MARTIN (personne entendue) a déjà signé ce texte"


def _hearing(vault, signed: bool):
    """A hearing with one Q/R and the minor's row in the signers (signed or not yet)."""
    case, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.transcript.append(rid, "qr", question="Où étiez-vous ?", answer="À la gare")
        s.records.set_answer(rid, "pv_numero", "41")
        row = {"role": "mineur", "nom": "Léa MARTIN"}
        if signed:
            row["signature"] = signature_answer(
                "signe", image_png=signature_png("Léa MARTIN", 2), name="Léa MARTIN"
            )
        save_answer(s, rid, "signataires", [row])
    return rid


def _asked() -> bool:
    return any(w.isVisible() and w.windowTitle() == TITLE for w in QApplication.topLevelWidgets())


def _vault_state(vault, rid):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        record = s.records.get(rid)
        return (
            s.records.answers(rid),
            record.meta,
            [st.stale for st in signature_states(s, rid)],
            len(s.audit.entries("signature.edit_after")),
        )


def _sign_on_the_pad(qtbot, wizard):
    pad = wizard.rows["signataires"].editor.rows[0]["signature"].editor.panel.pad
    pad.resize(480, 160)
    points = [QPoint(20, 80), QPoint(120, 40), QPoint(220, 110), QPoint(320, 60)]
    no = Qt.KeyboardModifier.NoModifier
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, no, points[0])
    for p in points[1:]:
        QTest.mouseMove(pad, p)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, no, points[-1])


def _field(qtbot, wizard, field_id):
    wizard.goto(wizard.spec.step_of(field_id).id)
    editor = wizard.rows[field_id].editor
    editor.setFocus()
    editor.end(False)
    return editor


def test_changing_an_answer_after_the_minor_signed_asks_who_and_why(qtbot, vault, controller):
    rid = _hearing(vault, signed=False)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    wizard = page.wizard
    saver = controller.ctx.saver

    # before any signature, an answer changes without a question
    number = _field(qtbot, wizard, "pv_numero")
    type_text(number, "2")
    assert not _asked()
    qtbot.waitUntil(lambda: not saver.dirty(), timeout=5000)
    assert _vault_state(vault, rid)[0]["pv_numero"] == "412"

    # the minor signs on the pad of the signing step
    wizard.goto(wizard.spec.step_of("signataires").id)
    _sign_on_the_pad(qtbot, wizard)
    qtbot.waitUntil(lambda: not saver.dirty(), timeout=5000)
    qtbot.waitUntil(lambda: bool(wizard.signed.state.signers), timeout=10000)
    assert _vault_state(vault, rid)[2] == [False]

    # the first change of a signed answer opens the confirmation, naming her
    number = _field(qtbot, wizard, "pv_numero")
    type_text(number, "7")
    box = dialog(qtbot, TITLE)
    warning = box.findChild(type(box.warning), "signed_edit_warning").text()
    assert warning.startswith(NAMED) and "signer de nouveau" in warning
    key(Qt.Key.Key_Escape, widget=box.reason)  # « Ne rien modifier »
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
    assert number.text() == "412"  # the previous value is shown again
    qtbot.waitUntil(lambda: not saver.dirty(), timeout=5000)
    answers, meta, stale, audited = _vault_state(vault, rid)
    assert answers["pv_numero"] == "412" and stale == [False]
    assert "modifications_apres_signature" not in meta and audited == 0

    # confirmed: an empty reason is refused, then the change is stored with its reason
    number.setFocus()
    type_text(number, "7")
    box = dialog(qtbot, TITLE)
    key(Qt.Key.Key_Return, widget=box.reason)
    assert box.isVisible() and "Indiquez la raison" in box.error.text()
    type_text(box.reason, "numéro de PV corrigé à la relecture")
    key(Qt.Key.Key_Return, widget=box.reason)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: not saver.dirty(), timeout=5000)
    answers, meta, stale, audited = _vault_state(vault, rid)
    assert answers["pv_numero"] == "4127" and stale == [True]
    note = meta["modifications_apres_signature"][-1]
    assert note["reason"] == "numéro de PV corrigé à la relecture"
    assert note["what"] == "réponse pv_numero" and audited == 1
    assert "Les signatures sont périmées" in main.statusBar().currentMessage()

    # the signature is stale now: the next keystrokes are not asked again
    qtbot.waitUntil(lambda: not wizard.signed.state.signers, timeout=10000)
    number.setFocus()
    type_text(number, "0")
    assert not _asked()
    qtbot.waitUntil(lambda: not saver.dirty(), timeout=5000)
    assert _vault_state(vault, rid)[0]["pv_numero"] == "41270"


def test_voiding_an_entry_after_the_minor_signed_warns_and_is_audited(qtbot, vault, controller):
    rid = _hearing(vault, signed=True)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    qtbot.waitUntil(lambda: panel.heard_signed, timeout=10000)

    def open_void():
        panel.table.setFocus()
        panel.table.selectRow(0)
        key(Qt.Key.Key_Delete, CTRL, widget=panel.table)
        return dialog(qtbot, "Annuler l'entrée n° 1")

    box = open_void()
    warning = box.signed.text()
    assert warning.startswith(NAMED) and "tracée au journal" in warning
    key(Qt.Key.Key_Escape, widget=box.reason)  # « Ne rien changer »
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
    _answers, meta, stale, audited = _vault_state(vault, rid)
    assert not meta.get("transcript_voided") and stale == [False] and audited == 0

    box = open_void()
    type_text(box.reason, "question attribuée au mauvais interlocuteur")
    key(Qt.Key.Key_Return, widget=box.reason)
    qtbot.waitUntil(lambda: "Les signatures sont périmées" in panel.mode.text(), timeout=5000)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    _answers, meta, stale, audited = _vault_state(vault, rid)
    assert len(meta["transcript_voided"]) == 1 and stale == [True] and audited == 1
    note = meta["modifications_apres_signature"][-1]
    assert note["reason"] == "question attribuée au mauvais interlocuteur"
    qtbot.waitUntil(lambda: not panel.heard_signed, timeout=10000)


def test_a_lock_while_asked_changes_nothing(qtbot, vault, controller):
    rid = _hearing(vault, signed=True)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    wizard = open_hearing(qtbot, main, rid).wizard
    qtbot.waitUntil(lambda: bool(wizard.signed.state.signers), timeout=10000)
    number = _field(qtbot, wizard, "pv_numero")
    type_text(number, "9")
    box = dialog(qtbot, TITLE)
    type_text(box.reason, "relecture")
    controller.ctx.settings.idle_lock_seconds = 2  # the officer walks away, dialog open
    controller.ctx.settings.idle_warning_seconds = 1
    qtbot.waitUntil(lambda: controller.locked, timeout=10000)
    controller.ctx.settings.idle_lock_seconds = 300
    answers, meta, stale, audited = _vault_state(vault, rid)
    assert answers["pv_numero"] == "41" and stale == [False] and audited == 0
    # unlocked again: the question is not back, the field holds the stored value
    form = controller.unlock_window.form
    type_text(form.password, OFFICER_PASSWORD)
    key(Qt.Key.Key_Return, widget=form.password)
    qtbot.waitUntil(lambda: not controller.locked and controller.main.isVisible(), timeout=10000)
    assert not _asked()
    assert wizard.flow.answers["pv_numero"] == "41"


def test_correcting_the_signed_transcript_names_who_re_signs(qtbot, vault, controller):
    rid = _hearing(vault, signed=True)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    page = open_hearing(qtbot, main, rid)
    panel = page.transcript
    page.show_transcript()
    qtbot.waitUntil(lambda: panel.heard_signed, timeout=10000)
    seen = []

    def answer_the_dialog():  # runs inside the dialog's own event loop
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.windowTitle() == TITLE
            ),
            None,
        )
        if box is None:
            QTimer.singleShot(20, answer_the_dialog)
            return
        warning = getattr(box, "warning", None)  # a dialog that names nobody: refused
        seen.append(warning.text() if warning is not None else "")
        if warning is None:
            box.reject()
            return
        type_text(box.reason, "la mineure a précisé la gare")
        key(Qt.Key.Key_Return, widget=box.reason)

    panel.table.setFocus()
    panel.table.selectRow(0)
    key(Qt.Key.Key_Return, widget=panel.table)
    panel.answer.moveCursor(panel.answer.textCursor().MoveOperation.End)
    type_text(panel.answer, " du Nord")
    QTimer.singleShot(0, answer_the_dialog)
    key(Qt.Key.Key_Return, CTRL, widget=panel.answer)
    assert seen and seen[0].startswith(NAMED)
    qtbot.waitUntil(lambda: panel.model.entries[0].answer == "À la gare du Nord", timeout=5000)
    qtbot.waitUntil(lambda: not controller.ctx.saver.dirty(), timeout=5000)
    _answers, meta, stale, audited = _vault_state(vault, rid)
    assert meta["modifications_apres_signature"][-1]["reason"] == "la mineure a précisé la gare"
    assert stale == [True] and audited == 1
    qtbot.waitUntil(lambda: not panel.heard_signed, timeout=10000)  # asked once, not again
    # the wizard beside knows too: its next change asks nothing
    qtbot.waitUntil(lambda: not page.wizard.signed.state.signers, timeout=10000)
