"""The signature pad and panel with real widgets, offscreen; the image ends up in a real PV."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from desktop.core.pv.model import SignStatus
from desktop.core.pv.signature import decode_png, signer_from_answer
from desktop.ui.signing import SignatureFieldEditor, SignaturePad, SignaturePanel


def draw(widget, points, qtbot=None):
    first, *rest = points
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, first)
    for p in rest:
        QTest.mouseMove(widget, p)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rest[-1])


def ink_pixels(png: bytes) -> int:
    image = QImage.fromData(png, "PNG")
    count = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            if image.pixelColor(x, y).alpha() > 0:
                count += 1
    return count


@pytest.fixture
def pad(qtbot):
    w = SignaturePad()
    w.resize(480, 160)
    qtbot.addWidget(w)
    w.show()
    return w


def test_mouse_strokes_clear_undo_redo(pad, qtbot):
    assert pad.is_empty() and pad.to_png() is None
    with qtbot.waitSignal(pad.changed):
        draw(pad, [QPoint(20, 80), QPoint(120, 40), QPoint(220, 110), QPoint(320, 60)])
    draw(pad, [QPoint(40, 120), QPoint(400, 120)])
    assert pad.stroke_count() == 2
    png = pad.to_png()
    assert png.startswith(b"\x89PNG") and ink_pixels(png) > 50
    pad.undo()
    assert pad.stroke_count() == 1 and pad.can_redo()
    one = ink_pixels(pad.to_png())
    pad.redo()
    assert pad.stroke_count() == 2 and ink_pixels(pad.to_png()) > one
    pad.clear()
    assert pad.is_empty() and not pad.can_redo()


def test_touch_input_draws(pad, qtbot):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(30, 50))
    QTest.touchEvent(pad, device).move(0, QPoint(200, 100))
    QTest.touchEvent(pad, device).move(0, QPoint(300, 40))
    QTest.touchEvent(pad, device).release(0, QPoint(300, 40))
    assert pad.stroke_count() == 1
    assert ink_pixels(pad.to_png()) > 20


def test_drawing_survives_a_resize(pad):
    draw(pad, [QPoint(10, 10), QPoint(470, 150)])
    before = pad.to_png()
    pad.resize(900, 300)
    assert ink_pixels(pad.to_png()) == pytest.approx(ink_pixels(before), rel=0.3)


def test_panel_signed_value_goes_into_the_pv_model(qtbot):
    panel = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    panel.resize(800, 300)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.value() is None
    assert "Faites signer" in panel.problems()[0]
    with qtbot.waitSignal(panel.changed):
        draw(panel.pad, [QPoint(20, 60), QPoint(200, 30), QPoint(330, 90)])
    assert panel.status() == "signe"  # drawing means signing
    value = panel.value()
    assert value["status"] == "signe" and value["name"] == "Léa MARTIN"
    png = decode_png(value["image"])
    assert png and ink_pixels(png) > 20
    signer = signer_from_answer(value, role="personne entendue", name="Léa MARTIN")
    assert signer.status is SignStatus.SIGNED and signer.image_png == png
    assert panel.problems() == []


def test_refusal_is_a_state_with_its_reason(qtbot):
    panel = SignaturePanel(name="Léa MARTIN")
    qtbot.addWidget(panel)
    panel.show()
    draw(panel.pad, [QPoint(20, 60), QPoint(200, 30)])
    panel._radios["refuse"].click()
    assert panel.reason.isEnabled()
    assert not panel.pad._enabled_drawing
    QTest.keyClicks(panel.reason, "a peur")
    value = panel.value()
    assert value == {
        "status": "refuse",
        "name": "Léa MARTIN",
        "motif": "a peur",
        "signed_at": value["signed_at"],
    }
    assert "image" not in value  # a refusal never carries a drawing
    signer = panel.signer("personne entendue")
    assert signer.status is SignStatus.REFUSED and signer.reason == "a peur"
    panel._radios["ne_peut_pas_signer"].click()
    assert panel.signer("x").status is SignStatus.UNABLE
    panel._radios["absent"].click()
    assert panel.signer("x").status is SignStatus.ABSENT


def test_signed_without_drawing_is_flagged(qtbot):
    panel = SignaturePanel(name="Camille DURAND")
    qtbot.addWidget(panel)
    panel._radios["signe"].click()
    assert "faites-la signer dans le cadre" in panel.problems()[0]
    assert panel.hint.text()


def test_field_editor_round_trip(qtbot):
    from desktop.core.formspec import load_all

    field = load_all()["audition_mineur"].field("droits_recepisse")
    editor = SignatureFieldEditor(field)
    qtbot.addWidget(editor)
    editor.resize(800, 300)
    editor.show()
    editor.panel.name_edit.setText("Léa MARTIN")
    draw(editor.panel.pad, [QPoint(20, 60), QPoint(200, 30), QPoint(330, 90)])
    stored = editor.value()
    other = SignatureFieldEditor(field)
    qtbot.addWidget(other)
    with qtbot.assertNotEmitted(other.changed):
        other.set_value(stored)
    assert other.panel.status() == "signe"
    assert not other.panel.pad.is_empty()
    assert decode_png(other.value()["image"]) == decode_png(stored["image"])
    # the wizard finds this editor for signature fields
    from desktop.ui.forms.fields import EXTERNAL_EDITORS

    assert EXTERNAL_EDITORS["signature"] == "desktop.ui.signing.field_editor"


def test_drawn_signature_in_a_rendered_pv(qtbot, tmp_path):
    import dataclasses
    import subprocess

    from desktop.core.pv.pv import render_pv
    from desktop.core.pv.sample import sample_pv

    panel = SignaturePanel(name="Léa MARTIN", quality="personne entendue")
    qtbot.addWidget(panel)
    panel.resize(800, 300)
    panel.show()
    draw(panel.pad, [QPoint(20, 60), QPoint(120, 20), QPoint(200, 90), QPoint(330, 30)])
    doc = sample_pv(pairs=1)
    heard = panel.signer("personne entendue")
    doc = dataclasses.replace(doc, signers=(heard, *doc.signers[1:]))
    pdf = tmp_path / "pv.pdf"
    pdf.write_bytes(render_pv(doc).pdf)
    out = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True)
    assert out.stdout.decode().count("image") >= 3  # the drawn one, the others, the paraphe
