"""Officer certificates: create a key and a self-signed X.509 certificate, import a PKCS#12.

RSA-3072 is the default: an ECDSA P-256 seal makes pyHanko declare PDF 2.0, which breaks
PDF/A-2 (PITFALLS.md). ECDSA stays available for services that do not need PDF/A.

Keys are kept as PKCS#8 DER inside the encrypted vault (table `certificates`); they never
touch the disk in clear.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from desktop.core.errors import TrameError
from desktop.core.text import tidy

KEY_KINDS = ("rsa3072", "ecdsa-p256")
DEFAULT_KIND = "rsa3072"
DEFAULT_DAYS = 3 * 365
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


class CertificateError(TrameError):
    pass


@dataclass(frozen=True)
class CertBundle:
    """A private key, its certificate and the issuing chain, all DER."""

    key_der: bytes  # PKCS#8
    cert_der: bytes
    chain_der: tuple[bytes, ...] = field(default_factory=tuple)

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_der_x509_certificate(self.cert_der)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert_der)

    @property
    def subject(self) -> str:
        return common_name(self.certificate)


def fingerprint(cert_der: bytes) -> str:
    """SHA-256 of the certificate, as colon-separated upper-case hex (like browsers show)."""
    digest = hashlib.sha256(cert_der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def issuer_path(cert_der: bytes, candidates) -> list[bytes]:
    """The issuers of a certificate among `candidates` (DER), nearest first, up to a
    self-issued one; each link is checked: the issuer's key signed the certificate below.
    Certificates off that path (or damaged ones) are left out."""
    try:
        current = x509.load_der_x509_certificate(cert_der)
        pool = [(c, x509.load_der_x509_certificate(c)) for c in candidates]
    except ValueError:
        return []
    path: list[bytes] = []
    while current.issuer != current.subject:
        for der, cand in pool:
            if der in path or der == cert_der or not _signed_by(current, cand):
                continue
            path.append(der)
            current = cand
            break
        else:
            break
    if path and current.issuer == current.subject and not _signed_by(current, current):
        path.pop()  # a root whose own signature fails is no root
    return path


def _signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except Exception:  # noqa: BLE001 - wrong name, bad signature, unsupported algorithm
        return False
    return True


def common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def create(
    common: str,
    organization: str = "",
    unit: str = "",
    email: str = "",
    kind: str = DEFAULT_KIND,
    days: int = DEFAULT_DAYS,
    now: datetime | None = None,
) -> CertBundle:
    """A new key and a self-signed certificate for sealing documents.

    Names are normalised as every text at the boundary (desktop.core.text); characters
    beyond U+FFFF (emoji) are refused with CertificateError (French)."""
    common, organization, unit = (tidy(x or "").strip() for x in (common, organization, unit))
    if not common:
        raise CertificateError("Le nom du titulaire du certificat est obligatoire.")
    for label, value in (("du titulaire", common), ("de l'organisation", organization),
                         ("du service", unit)):  # fmt: skip
        if len(value) > 64:  # X.520 upper bound, enforced by cryptography (bare ValueError)
            raise CertificateError(
                f"Le nom {label} du certificat est trop long ({len(value)} caractères ; au "
                "plus 64) : abrégez-le."
            )
    if any(ord(c) > 0xFFFF for c in common + organization + unit):
        # pyHanko then fails to match the signing certificate: every seal would be unreadable
        raise CertificateError(
            "Le nom du titulaire, du service ou de l'organisation contient un émoji ou un "
            "caractère rare que les sceaux ne savent pas vérifier : retirez-le."
        )
    if kind not in KEY_KINDS:
        raise CertificateError(f"Type de clé inconnu « {kind} » (choix : {', '.join(KEY_KINDS)}).")
    if not 1 <= days <= 10 * 365:
        raise CertificateError("La durée de validité doit être comprise entre 1 jour et 10 ans.")
    if kind == "rsa3072":
        key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    else:
        key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common)]
    if organization:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    if unit:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"))
    name = x509.Name(attrs)
    start = (now or datetime.now(UTC)) - timedelta(minutes=5)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False
        )
    cert = builder.sign(key, hashes.SHA256())
    return CertBundle(
        key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_der=cert.public_bytes(serialization.Encoding.DER),
    )


def load_pkcs12(data: bytes, password: str | None) -> CertBundle:
    """Read a .p12/.pfx file; French errors for a wrong password or a damaged file."""
    if not data:
        raise CertificateError("Le fichier PKCS#12 est vide.")
    # OpenSSL takes the password as a C string: a NUL in it made cryptography panic
    # (PanicException, not even an Exception); a lone surrogate cannot be encoded
    if password and "\x00" in password:
        raise CertificateError(
            "Ce mot de passe contient un caractère nul : ce ne peut pas être celui du fichier "
            "PKCS#12. Rien n'a été importé."
        )
    try:
        secret = password.encode("utf-8") if password else None
    except UnicodeEncodeError:
        raise CertificateError(
            "Ce mot de passe contient un caractère invalide. Rien n'a été importé."
        ) from None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        text = str(exc).lower()
        if "password" in text or "mac" in text or "decrypt" in text:
            raise CertificateError(
                "Mot de passe du fichier PKCS#12 incorrect. Rien n'a été importé."
            ) from None
        raise CertificateError(
            "Ce fichier n'est pas un certificat PKCS#12 lisible (fichier endommagé ou d'un "
            "autre type). Rien n'a été importé."
        ) from None
    except TypeError:
        raise CertificateError(
            "Ce fichier PKCS#12 est protégé par un mot de passe : indiquez-le."
        ) from None
    if key is None or cert is None:
        raise CertificateError(
            "Ce fichier PKCS#12 ne contient pas de clé privée avec son certificat : "
            "il ne permet pas d'apposer un sceau."
        )
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise CertificateError("Type de clé non pris en charge (RSA ou ECDSA attendu).")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise CertificateError("La clé privée ne correspond pas au certificat.")
    bundle = CertBundle(
        key_der=key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        cert_der=cert.public_bytes(serialization.Encoding.DER),
        chain_der=tuple(c.public_bytes(serialization.Encoding.DER) for c in extra or ()),
    )
    check_usable(bundle)
    return bundle


def export_pkcs12(bundle: CertBundle, password: str, name: str = "") -> bytes:
    key = serialization.load_der_private_key(bundle.key_der, password=None)
    chain = [x509.load_der_x509_certificate(c) for c in bundle.chain_der]
    enc = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(
        (name or bundle.subject).encode("utf-8"), key, bundle.certificate, chain or None, enc
    )


def check_usable(bundle: CertBundle, at: datetime | None = None) -> None:
    """Refuse an expired, not-yet-valid or non-signing certificate, in French."""
    try:
        cert = bundle.certificate
    except ValueError:
        raise CertificateError("Le certificat est endommagé (DER illisible).") from None
    at = at or datetime.now(UTC)
    if cert.not_valid_after_utc < at:
        raise CertificateError(
            f"Le certificat de « {common_name(cert)} » a expiré le "
            f"{cert.not_valid_after_utc:%d/%m/%Y}. Créez-en un nouveau (trame cert create) "
            "ou importez un certificat valide."
        )
    if cert.not_valid_before_utc > at:
        raise CertificateError(
            f"Le certificat de « {common_name(cert)} » n'est valide qu'à partir du "
            f"{cert.not_valid_before_utc:%d/%m/%Y}."
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise CertificateError(
            "Ce certificat n'est pas prévu pour signer (usage de clé) : il ne peut pas sceller."
        )
    try:
        serialization.load_der_private_key(bundle.key_der, password=None)
    except (ValueError, TypeError):
        raise CertificateError("La clé privée est endommagée.") from None
