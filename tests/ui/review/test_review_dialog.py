"""« Relecture avant diffusion », through the real main window: from the case screen,
Ctrl+Maj+E, « Copie pseudonymisée »; the review lists every capitalised name of the
statements that is not in the persons table; the names kept or added are gone from the
sealed copy."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.core.export.verify import verify_bundle
from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.store import CertificateStore
from desktop.core.text import skeleton
from tests.conftest import OFFICER_PASSWORD
from tests.core.export.export_fixtures import build_case, pdftotext
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key

SAID = (
    ("Qui était là ?", "Il y avait Inès, la sœur de Marius Okonkwo, et le cousin « Tito »."),
    ("Où ?", "À l'hôtel Belvédère puis chez Svetlana, vers Montargis-la-Forêt."),
    ("Et ensuite ?", "Zéphyrine est partie avec Brandonnet. Kessler n'était pas là."),
)
NOT_IN_TABLE = {"Inès", "Marius", "Okonkwo", "Tito", "Belvédère", "Svetlana", "Montargis-la-Forêt"}


@pytest.fixture(scope="module")
def bundle_cert():
    return certs.create("Camille DURAND", organization="Préfecture de police (fictive)")


@pytest.fixture
def ready(vault, bundle_cert):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        CertificateStore(s).add(bundle_cert)
        data = build_case(s, SoftwareSigner(bundle_cert))
        for question, answer in SAID:
            s.transcript.append(data.record_id, "qr", question=question, answer=answer)
        persons = s.persons.for_case(data.case_id)
    return data, persons


def _type(widget, text: str) -> None:
    for ch in text:  # non-ASCII one key event at a time (PITFALLS.md)
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key_unknown, ch, Qt.NoModifier)


def test_review_lists_every_capitalised_name_and_the_copy_drops_them(
    qtbot, vault, controller, ready, tmp_path
):
    data, persons = ready
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    cases = main.current_page()
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1, timeout=5000)
    cases.table.setFocus()
    key(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main.current_page().objectName() == "case_view", timeout=5000)
    key(Qt.Key.Key_E, CTRL | SHIFT, widget=main)
    dlg = dialog(qtbot, "Exporter vers la procédure")
    qtbot.mouseClick(dlg.pseudo, Qt.LeftButton)
    assert dlg.pseudo.isChecked()
    type_text(dlg.out, str(tmp_path / "copie"))
    qtbot.mouseClick(dlg.go, Qt.LeftButton)
    # the candidates are found in the worker (spaCy loads there the first time)
    qtbot.waitUntil(lambda: dlg.review is not None and dlg.review.isVisible(), timeout=90000)
    review = dialog(qtbot, "Relecture avant diffusion")
    assert review is dlg.review
    shown = {skeleton(x) for x in review.shown()}
    # every capitalised word said that is not a person of the case is listed
    table_words = {
        skeleton(part)
        for p in persons
        for part in re.split(r"[\s\-']+", f"{p.first_name} {p.last_name}")
        if part
    }
    for name in NOT_IN_TABLE:
        assert skeleton(name) in shown or any(skeleton(name) in x.split() for x in shown), name
    assert not (shown & table_words), shown & table_words
    # the officer adds a name the tools missed, then seals
    review.extra.setFocus()
    _type(review.extra, "Kessler")
    QTest.keyClick(review.extra, Qt.Key_Return)
    assert "Kessler" in review.shown() and review.isVisible()
    review.grab().save(str(tmp_path / "relecture.png"))
    qtbot.mouseClick(review.seal, Qt.LeftButton)
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=90000)
    assert verify_bundle(dlg.result.path).valid
    text = " ".join(
        pdftotext(p.read_bytes()) for p in sorted(dlg.result.path.iterdir()) if p.suffix == ".pdf"
    )
    for name in (*NOT_IN_TABLE, "Kessler"):
        assert name not in text, name
    assert "la sœur de" in text
