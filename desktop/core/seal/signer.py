"""The Signer interface: what the seal needs from a key, wherever the key lives.

`SoftwareSigner` holds a key from the vault or a PKCS#12 file. A smart card or token signer
(PKCS#11) plugs in by implementing the same three members and returning a pyHanko signer,
e.g. `pyhanko.sign.pkcs11.PKCS11Signer` (needs the optional python-pkcs11 package).
"""

from __future__ import annotations

from functools import cached_property
from typing import Protocol, runtime_checkable

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore

from desktop.core.seal.certs import (
    CertBundle,
    CertificateError,
    check_usable,
    fingerprint,
    issuer_path,
)


@runtime_checkable
class Signer(Protocol):
    """A sealing key: its certificate, a display name and a pyHanko signer."""

    @property
    def cert_der(self) -> bytes: ...

    @property
    def display_name(self) -> str: ...

    def pyhanko_signer(self): ...


class _CachedKeySigner(SimpleSigner):
    """pyHanko re-parses the DER key for each raw signature (twice per seal): parse once."""

    def __init__(self, *args, private_key, **kwargs):
        super().__init__(*args, **kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mech = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            name = mech.signature_algo
        except ValueError:
            name = mech["algorithm"].native
        key = self._private_key
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if name == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), hash_algo)
        if name == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


class SoftwareSigner:
    """A key held in memory (from the vault's `certificates` table or a PKCS#12 file)."""

    def __init__(self, bundle: CertBundle, check: bool = True):
        if check:
            check_usable(bundle)
        self.bundle = bundle

    @property
    def cert_der(self) -> bytes:
        return self.bundle.cert_der

    @property
    def display_name(self) -> str:
        return self.bundle.subject

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.bundle.cert_der)

    @cached_property
    def _signer(self) -> SimpleSigner:
        try:
            private_key = serialization.load_der_private_key(self.bundle.key_der, password=None)
            key_info = asn1_keys.PrivateKeyInfo.load(self.bundle.key_der)
            cert = asn1_x509.Certificate.load(self.bundle.cert_der)
            # only the certificates that issued ours: the verifier refuses any other
            path = issuer_path(self.bundle.cert_der, self.bundle.chain_der)
            chain = [asn1_x509.Certificate.load(c) for c in path]
        except (ValueError, TypeError):
            raise CertificateError("Le certificat ou sa clé privée sont endommagés.") from None
        return _CachedKeySigner(
            signing_cert=cert,
            signing_key=key_info,
            # pyHanko embeds the signing certificate itself: registering it here too put
            # a second, unused copy into every seal's CMS (unsigned bytes nobody checked)
            cert_registry=SimpleCertificateStore.from_certs(chain),
            private_key=private_key,
        )

    def pyhanko_signer(self) -> SimpleSigner:
        return self._signer
