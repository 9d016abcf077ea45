"""Adversary: « Certificats de sceau » — the PKCS#12 password is kept nowhere (not in any
decrypted page of the vault, not in any file of the vault folder or the cache), and the
public export holds the certificate only, never the key."""

from __future__ import annotations

import secrets

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12

from desktop.core.admin.certificates import export_public_certificate, import_certificate
from desktop.core.errors import TrameError
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
    for root in (s.vault.home,):
        for f in root.rglob("*"):
            assert not f.is_file() or needle not in f.read_bytes(), f
    out = export_public_certificate(s, rec.id, tmp_path / "moi")
    pem = out.read_bytes()
    assert b"PRIVATE" not in pem and pem.count(b"BEGIN") == 1
    assert x509.load_pem_x509_certificate(pem) == bundle.certificate
    assert bundle.key_der not in pem


def test_restore_does_not_reactivate_a_disabled_certificate(vault, vault_home, tmp_path):
    from desktop.core.admin import backups
    from desktop.core.admin.certificates import create_certificate, disable_certificate
    from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rec = create_certificate(s, "Camille DURAND", "PP (fictive)")
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        old = backups.create_backup(s, tmp_path)
        disable_certificate(s, rec.id)  # reported lost or compromised
    import inspect

    confirmed = {}  # the administrator confirms the rollback (the dialog's or the CLI's way)
    if "accept_rollback" in inspect.signature(backups.restore_backup).parameters:
        confirmed["accept_rollback"] = True
    try:
        backups.restore_backup(vault_home, old.path, "admin", ADMIN_PASSWORD, **confirmed)
    except TrameError:
        pass  # a refused restore keeps it disabled too
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert not CertificateStore(s).get(rec.id).active
