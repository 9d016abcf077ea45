"""The verify panel flags a look-alike signer name as `trame verify` does (seal.confusable)."""

from __future__ import annotations

from desktop.core.seal.trust import TrustList
from desktop.core.seal.verify import verify_pdf
from desktop.ui.preview import VerifyPanel
from tests.adversary.test_trust_homoglyphs import look_alike, sealed


def test_verify_panel_flags_a_cyrillic_letter_in_the_signer_name(qtbot):
    pdf = sealed(look_alike("C\u0430mille DURAND"))
    panel = VerifyPanel()
    qtbot.addWidget(panel)
    panel.set_report(verify_pdf(pdf, trust=TrustList()))
    details = panel.details.toPlainText()
    assert "certificat inconnu" in details
    assert "Attention : le nom du signataire" in details
    assert "mêle plusieurs écritures (latin, cyrillique : « а » U+0430)" in details
