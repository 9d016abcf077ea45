"""« Ajouter une mention » in the real main window (issue 16): a sealed PV is completed by a
sealed mention complémentaire, typed and signed on screen, never edited."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import Qt

from desktop.core.pv.addendum import addenda_of
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.store import CertificateStore
from desktop.core.seal.verify import verify_pdf
from tests.conftest import OFFICER_PASSWORD
from tests.ui.conftest import type_text, unlock
from tests.ui.helpers import CTRL, SHIFT, dialog, key
from tests.ui.test_e2e_documents import draw_signature


def test_add_a_sealed_mention_to_a_sealed_pv(qtbot, vault, controller):
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        case, victim, rec, end = create_case(s, demo_data(), base_time())
        CertificateStore(s).create("Camille DURAND")
        pv = seal_hearing(s, rec.id)
        original = s.documents.content(pv.id)
    main = unlock(qtbot, controller, "enqueteur", OFFICER_PASSWORD)
    view = main.open_case(case.id)
    box = view.documents
    qtbot.waitUntil(lambda: bool(box.rows) and box.rows[0].document_id == pv.id, timeout=10000)
    view.setFocus()
    key(Qt.Key.Key_M, CTRL | SHIFT, widget=main)
    mention = dialog(qtbot, "Ajouter une mention complémentaire")
    # nothing written yet: refused with the reason, the dialog stays
    mention.ok.click()
    assert "Écrivez le texte de la mention." in mention.hint.text() and mention.isVisible()
    type_text(mention.quoted, "le mardi")
    mention.text.setFocus()
    type_text(mention.text, "Lire le mercredi au lieu du mardi.")
    type_text(mention.signature.name_edit, "Camille DURAND")
    mention.signature.pad.resize(480, 160)
    draw_signature(mention.signature.pad)
    mention.ok.click()
    done = dialog(qtbot, "Mention scellée")
    assert "Mention complémentaire n° 1" in done.text()
    qtbot.waitUntil(lambda: not controller.ctx.tasks.has_pending(), timeout=10000)
    assert box.rows[0].document_id == pv.id  # the case screen still shows the PV itself
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        [addendum] = addenda_of(s, pv.id)
        pdf = s.documents.content(addendum.id)
        assert s.documents.content(pv.id) == original  # the sealed PV is untouched
    report = verify_pdf(pdf)
    assert report.valid, report.problems
    assert report.properties["originalSha256"] == hashlib.sha256(original).hexdigest()
    assert addendum.meta["nature"] == "rectification"
