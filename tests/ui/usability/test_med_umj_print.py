"""Usability (médecin at the UMJ): once the CMI is transmitted, the doctor prints it from the
examination screen (« Imprimer le CMI transmis… », Ctrl+P), the very sealed document the
officers receive (the transmissible part only).

Found walking the real window: after « Transmettre le CMI » the screen only offered
« Transmettre à nouveau… »; the doctor had no way to print or save the certificate (the
officers' « Examens médicaux » page is not his), a dead end for the paper copy handed over
with the réquisition."""

from __future__ import annotations

import io

import pikepdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from tests.core.medical.umj_data import CONFIDENTIAL, doctor_signature
from tests.ui.checklists.test_umj_transmission import fill, prepared, wait_saved
from tests.ui.checklists.test_umj_transmit_missing import COMPLETE, REQUISITION
from tests.ui.conftest import type_text
from tests.ui.helpers import CTRL, key
from tests.ui.test_e2e_documents import shown
from tests.ui.usability.test_med_umj_keyboard import opened

__all__ = ["prepared"]  # the fixture, shared with the transmission test


def test_doctor_prints_the_transmitted_cmi(qtbot, vault, controller, prepared, tmp_path):
    case, _ = prepared
    main, page = opened(qtbot, controller, case.id)
    view = page.view
    assert not page.print_button.isEnabled()  # nothing transmitted yet: nothing to print
    for field_id, value in {
        **REQUISITION,
        **COMPLETE,
        **CONFIDENTIAL,
        "signature_medecin": doctor_signature(),
    }.items():
        fill(view, field_id, value)
    wait_saved(qtbot, controller.ctx)
    page.confirm = lambda text: True
    key(Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier, widget=main)
    qtbot.waitUntil(lambda: "CMI transmis le" in page.status.text(), timeout=60000)
    qtbot.waitUntil(lambda: page.print_button.isEnabled(), timeout=10000)

    key(Qt.Key.Key_P, CTRL, widget=main)
    dialog = shown(qtbot, "print_dialog")
    out = tmp_path / "cmi-imprime.pdf"
    name = dialog.findChild(QLineEdit, "filename")
    name.clear()
    type_text(name, str(out))
    key(Qt.Key.Key_Return, widget=name)
    qtbot.waitUntil(
        lambda: main.statusBar().currentMessage() == "Impression envoyée", timeout=30000
    )
    # the printer receives the pages of the sealed CMI the officers hold (rendered images)
    sealed = []

    def job(s):
        from desktop.core.documents.medical.transmit import transmission_of

        return s.documents.content(transmission_of(s, page.record_id).document_id)

    controller.ctx.tasks.op(job).success(sealed.append).run()
    qtbot.waitUntil(lambda: bool(sealed), timeout=10000)
    with pikepdf.open(out) as printed, pikepdf.open(io.BytesIO(sealed[0])) as cmi:
        assert len(printed.pages) == len(cmi.pages) >= 1
    assert out.stat().st_size > 5000
