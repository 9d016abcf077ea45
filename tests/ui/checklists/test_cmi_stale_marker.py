"""Issue 16 in the UMJ form: the doctor signs, then changes a finding printed on the CMI →
« Signature périmée » where he signs and in the status bar; « Transmettre le CMI » lists it
BEFORE any confirmation; he signs again → the marker goes and the CMI is transmitted. A
confidential answer changes nothing. Real main window, real vault, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.pv.sample import signature_png
from desktop.core.pv.signature import signature_answer
from tests.core.medical.umj_data import NOW, doctor_signature
from tests.ui.checklists import test_umj_transmission as umj_ui
from tests.ui.checklists.test_cmi_signed_then_changed import FINDINGS
from tests.ui.checklists.test_umj_transmission import fill, open_umj, wait_saved

prepared = umj_ui.prepared  # a case, a victim, the doctor's certificate
MARKER = "Signature périmée : le certificat a changé depuis votre signature"


def _change(qtbot, page, field_id: str, value) -> None:
    """Type one answer and wait until the marker has checked it against the vault."""
    marker = page.stale_marker
    fill(page.view, field_id, value)
    wait_saved(qtbot, page.ctx)  # its save asked the check
    qtbot.waitUntil(lambda: marker.checks == marker.asked, timeout=15000)


def _signature_step(page) -> None:
    view = page.view
    view.goto(view.spec.step_of("signature_medecin").id)


def test_stale_signature_shown_then_listed_before_transmission(qtbot, vault, controller, prepared):
    case, _ = prepared
    main, page = open_umj(qtbot, controller, case.id)
    view, marker = page.view, page.stale_marker
    for field_id, value in FINDINGS.items():
        fill(view, field_id, value)
    _change(qtbot, page, "signature_medecin", doctor_signature())  # he signs what he read
    _signature_step(page)
    assert not marker.stale and not marker.shown

    # a confidential answer is not on the CMI: his signature still holds
    _change(qtbot, page, "antecedents", "SECRET-ANTECEDENTS-0002")
    assert not marker.stale
    assert MARKER not in main.statusBar().currentMessage()
    _signature_step(page)
    assert not marker.shown

    # the ITT, printed on the CMI: told where he made the change, then where he signs
    _change(qtbot, page, "itt_jours", 8)
    assert marker.stale
    assert main.statusBar().currentMessage().startswith(MARKER)
    _signature_step(page)
    assert marker.shown
    assert marker.label.text().startswith(MARKER)
    row = view.rows["signature_medecin"]
    assert marker.label.parentWidget() is row.parentWidget()  # just above the signature

    # « Transmettre le CMI »: the stale signature is listed, never « Transmettre ? »
    asked: list[str] = []
    page.confirm = lambda text: asked.append(text) or True
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.missing_box is not None and page.missing_box.isVisible(), timeout=15000
    )
    box = page.missing_box
    assert asked == []
    items = [line for line in box.text().splitlines() if line.startswith("– ")]
    assert items == [f"– {MARKER} ; relisez-le et signez de nouveau"], items
    assert "1 élément manque" in page.status.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    # he reads it again and signs on the pad: the marker goes, the CMI is transmitted
    again = signature_answer(
        "signe", image_png=signature_png("Dr Alix MORAND", 9), name="Dr Alix MORAND", signed_at=NOW
    )
    _change(qtbot, page, "signature_medecin", again)
    assert not marker.stale and not marker.shown
    qtbot.mouseClick(page.transmit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status.text().startswith("CMI transmis le"), timeout=30000)
    assert len(asked) == 1 and "Transmettre le certificat médical initial ?" in asked[0]
