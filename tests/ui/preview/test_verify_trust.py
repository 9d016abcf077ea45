"""The verify panel says what `trame verify` says: integrity, then who vouches (issue 16)."""

from __future__ import annotations

from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustList
from desktop.core.seal.verify import verify_pdf
from desktop.ui.preview import VerifyPanel


def test_verify_panel_prints_identity_from_the_trust_list_only(qtbot):
    signer = SoftwareSigner(certs.create("Camille DURAND"))
    rendered = render_pv(sample_pv(pairs=1))
    sealed = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    panel = VerifyPanel()
    qtbot.addWidget(panel)
    panel.set_report(verify_pdf(sealed, trust=TrustList()))
    details = panel.details.toPlainText()
    assert "Intégrité : le document n'a pas été modifié depuis son sceau." in details
    assert f"certificat inconnu : empreinte {signer.fingerprint}" in details
    assert "émetteur « Camille DURAND »" in details
    assert "déclarée par l'horloge du signataire" in details
    trust = TrustList()
    trust.add_certificate(signer.cert_der, "BPM Valmont — capitaine DURAND")
    panel.set_report(verify_pdf(sealed, trust=trust))
    assert "certificat reconnu : BPM Valmont — capitaine DURAND" in panel.details.toPlainText()
    assert "certificat inconnu" not in panel.details.toPlainText()
