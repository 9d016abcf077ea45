"""Adversary: the seal stamp prints the certificate's common name, which comes from no
vault boundary (`trame cert`, an imported PKCS#12): an emoji, a Han name or a control
character drew an empty box (.notdef) in a PDF/A, a right-to-left override (U+202E)
made the stamp show a name other than the certificate's, and an emoji made the seal
unverifiable."""

from __future__ import annotations

import pytest

from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from tests.core.pv.conftest import pdftotext
from tests.support.glyphcheck import missing_glyphs


@pytest.mark.parametrize(
    "name",
    ["美咲 佐藤", "Camille\x07DURAND", "Camille \u202eDNARUD"],
    ids=["han", "control", "rtl-override"],
)
def test_stamp_draws_every_character_of_the_name(name):
    signer = SoftwareSigner(certs.create(name, organization="Police (fictive)"))
    pdf = seal_document(sample_pv(pairs=1), signer)
    assert verify_pdf(pdf, require_complete=False).valid
    assert missing_glyphs(pdf) == []
    stamp = [line for line in pdftotext(pdf).splitlines() if "Apposé par" in line]
    assert stamp and not any(c in "".join(stamp) for c in "\u202e\x07"), stamp


def test_certificate_with_an_emoji_is_refused_in_french():
    """An emoji in the subject made every seal of that certificate « illisible » (pyHanko
    does not match the signing certificate): refused when the certificate is made."""
    with pytest.raises(certs.CertificateError) as info:
        certs.create("Camille 👮 DURAND", organization="Police (fictive)")
    assert "émoji" in str(info.value)


def test_certificate_name_too_long_is_refused_in_french():
    """cryptography raised a bare ValueError (« Attribute's length must be >= 1 and <= 64 »)."""
    with pytest.raises(certs.CertificateError) as info:
        certs.create("Camille Marie-Léa Apolline DURAND-LEFÈVRE DE LA TOUR D'AUVERGNE-LAURAGAIS")
    assert "trop long" in str(info.value)
