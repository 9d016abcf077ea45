"""Adversary: « Certificats de sceau » — the PKCS#12 password is kept nowhere (not in any
decrypted page of the vault, not in any file of the vault folder or the cache), and the
public export holds the certificate only, never the key."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from desktop.core.admin.certificates import export_public_certificate, import_certificate
from desktop.core.seal import certs
from desktop.core.seal.store import CertificateStore
from desktop.core.vault.keyslots import CASE_KEY
from tests.core.export.test_retention import plaintext_pages


def _p12(password: str) -> tuple[bytes, certs.CertBundle]:
    from cryptography.hazmat.primitives.serialization import (
        BestAvailableEncryption,
        load_der_private_key,
    )

    bundle = certs.create("Yanis HADDAD", "Préfecture de police (fictive)", "BPM")
    key = load_der_private_key(bundle.key_der, None)
    data = pkcs12.serialize_key_and_certificates(
        b"yanis", key, bundle.certificate, None, BestAvailableEncryption(password.encode())
    )
    return data, bundle


def test_pkcs12_password_kept_nowhere_and_export_is_public_only(officer_session, tmp_path):
    s = officer_session
    password = "SecretP12-" + secrets.token_hex(6)
    data, bundle = _p12(password)
    rec = import_certificate(s, data, password)
    assert CertificateStore(s).signer().fingerprint == bundle.fingerprint
    s.cases_db.checkpoint()
    key = bytes(s._keys[CASE_KEY])
    needle = password.encode()
    for page in plaintext_pages(s.vault.cases_path, key):
        assert needle not in page and password.encode("utf-16-le") not in page
    for root in (s.vault.home, Path(os.environ["TRAME_CACHE"])):
        for f in root.rglob("*"):
            assert not f.is_file() or needle not in f.read_bytes(), f
    out = export_public_certificate(s, rec.id, tmp_path / "moi")
    pem = out.read_bytes()
    assert b"PRIVATE" not in pem and pem.count(b"BEGIN") == 1
    assert x509.load_pem_x509_certificate(pem) == bundle.certificate
    assert bundle.key_der not in pem
