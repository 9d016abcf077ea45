"""Adversary (issue 16): the case's data printed in the PV (the person heard's name, her
birth date) changed after she signed, from the case screen, in the real main window.

Held: the signature becomes « périmée » and the seal is refused. Not held: nothing asks the
confirmation and the reason the wizard asks for an answer; no `signature.edit_after`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.pv.binding import save_answer, signature_states
from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from desktop.ui.cases.dialogs import PersonDialog
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import controller, ctx, type_text, unlock  # noqa: F401 - fixtures of the UI tests
from tests.ui.helpers import dialog, key, make_hearing

ASKED = "Texte déjà signé"


def _signed_hearing(vault):
    case_id, rid = make_hearing(vault)
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        s.transcript.append(rid, "qr", question="Où étiez-vous ?", answer="À la gare")
        row = {"role": "mineur", "nom": "Éloïse MARTIN"}
        row["signature"] = signature_answer(
            "signe", image_png=signature_png("Éloïse MARTIN", 2), name="Éloïse MARTIN"
        )
        save_answer(s, rid, "signataires", [row])
        assert [st.stale for st in signature_states(s, rid)] == [False]
    return case_id, rid


def _rename_in_the_case_screen(qtbot, app, case_id):
    main = unlock(qtbot, app, "enqueteur", OFFICER_PASSWORD)
    view = main.open_case(case_id)
    qtbot.waitUntil(lambda: bool(view.persons), timeout=10000)
    view.person_table.setCurrentCell(0, 0)
    view.edit_person()
    qtbot.waitUntil(
        lambda: any(isinstance(w, PersonDialog) and w.isVisible() for w in _tops()), timeout=5000
    )
    box = next(w for w in _tops() if isinstance(w, PersonDialog) and w.isVisible())
    box.first_name.setText("Zoé")
    box.birth.setText("02/04/2009")
    box._submit()
    return box


def _tops():
    return QApplication.topLevelWidgets()


def _asked() -> bool:
    return any(w.isVisible() and w.windowTitle() == ASKED for w in _tops())


def _state(vault, rid):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        person = s.persons.for_case(s.records.get(rid).case_id)[0]
        return (
            person.first_name,
            [st.stale for st in signature_states(s, rid)],
            len(s.audit.entries("signature.edit_after")),
            s.records.get(rid).meta.get("modifications_apres_signature"),
        )


def test_renaming_the_person_heard_after_she_signed_makes_her_signature_stale(
    qtbot,
    vault,
    controller,  # noqa: F811
):
    case_id, rid = _signed_hearing(vault)
    _rename_in_the_case_screen(qtbot, controller, case_id)
    box = dialog(qtbot, ASKED)
    type_text(box.reason, "prénom mal orthographié")
    key(Qt.Key.Key_Return, widget=box.reason)
    qtbot.waitUntil(lambda: _state(vault, rid)[0] == "Zoé", timeout=10000)
    first, stale, audited, reasons = _state(vault, rid)
    assert stale == [True] and audited == 1
    assert reasons[-1]["reason"] == "prénom mal orthographié"
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        with pytest.raises(IncompleteDocument, match="périmée"):
            seal_hearing(s, rid, signer=SoftwareSigner(certs.create("Camille DURAND")))


def test_renaming_the_person_heard_after_she_signed_asks_a_reason(qtbot, vault, controller):  # noqa: F811
    case_id, rid = _signed_hearing(vault)
    _rename_in_the_case_screen(qtbot, controller, case_id)
    qtbot.waitUntil(lambda: _asked() or _state(vault, rid)[0] == "Zoé", timeout=10000)
    first, _stale, audited, reasons = _state(vault, rid)
    assert _asked() or (audited >= 1 and reasons), (
        "the name printed in the signed PV changed without a confirmation or a reason"
    )
    box = dialog(qtbot, ASKED)
    assert "Éloïse MARTIN" in box.warning.text()
    key(Qt.Key.Key_Escape, widget=box.reason)  # « Ne rien modifier »: nothing written
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=2000)
    first, stale, audited, reasons = _state(vault, rid)
    assert first != "Zoé" and stale == [False] and audited == 0 and not reasons
