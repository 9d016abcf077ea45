"""Adversary: re-using a stored handwritten signature for a new act through the pad.

The minor signed; the text changed, her signature is « périmée ». The officer, alone,
opens her row: the stored drawing is shown; clicking « refuse » then « signe » used to
give a fresh `signed_at` with the OLD drawing, which the core then bound to the new text
as if she had signed again. Real widgets (pytest-qt, offscreen)."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from desktop.ui.signing.panel import SignaturePanel
from tests.ui.signing.test_signing_pad import draw


def test_status_toggle_does_not_restamp_a_stored_drawing(qtbot):
    first = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    first.resize(800, 300)
    qtbot.addWidget(first)
    first.show()
    draw(first.pad, [QPoint(20, 60), QPoint(200, 30), QPoint(330, 90)])
    old = {**first.value(), "signed_at": "2026-11-30T10:00:00+01:00"}  # what the vault holds
    panel = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    panel.resize(800, 300)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_value(old)
    assert panel.value()["image"] == old["image"]  # shown as stored, unchanged
    assert panel.value()["signed_at"] == old["signed_at"]

    panel._radios["refuse"].click()
    panel._radios["signe"].click()
    value = panel.value()
    replayed = value.get("image") is not None and value["signed_at"] != old["signed_at"]
    assert not replayed, "the stored drawing came back as a new signature"
    assert "faites-la signer dans le cadre" in panel.problems()[0]


def test_reloaded_signature_keeps_its_stale_binding(qtbot, officer_session):
    """A signature made outside the pad (case file, `trame demo`) is shown in the panel,
    then the list is saved again (the officer signs his row): the panel gave back a
    re-encoded image, the core took it for a new act and bound the minor's stale signature
    to the changed text."""
    from desktop.core.pv.binding import save_answer, signature_states
    from desktop.core.sample import base_time, create_case, demo_data

    s = officer_session
    case, victim, rec, end = create_case(s, demo_data(), base_time())
    entry = next(e for e in s.transcript.for_record(rec.id) if e.kind == "qr")
    s.transcript.update(entry.id, answer="Je ne me souviens plus de rien.")
    assert signature_states(s, rec.id)[0].stale
    rows = s.records.answers(rec.id)["signataires"]
    panel = SignaturePanel(name=rows[0]["nom"])
    qtbot.addWidget(panel)
    panel.show()
    panel.set_value(rows[0]["signature"])
    rows[0] = {**rows[0], "signature": panel.value()}
    save_answer(s, rec.id, "signataires", rows)
    assert signature_states(s, rec.id)[0].stale, "re-saving the shown signature refreshed it"
