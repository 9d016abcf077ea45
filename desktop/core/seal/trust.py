"""The trust list: the only source of identity for a seal's certificate.

A seal proves that the file has not changed since it was applied; who applied it is only
established when the signer's certificate (or one of its issuers) is on a trust list that the
verifier holds. Certificates carried inside the PDF are never trust anchors: anyone can make
a certificate authority named after a real service and put it there.

    trust = TrustList.local()                      # this installation's list (TRAME_HOME)
    entry = trust.add_certificate(der, "BPM Paris — capitaine X")
    trust.add_fingerprint("AB:CD:…", "BPM Paris — capitaine X")
    trust.save()
    blob = trust.export_signed(bundle)             # a small signed file for the parquet
    other = TrustList.from_signed(blob)            # signature checked, French error if not
    match = trust.identify(signer_der, pdf_chain)  # TrustMatch or None

File format (JSON, UTF-8): {"format": "trame-liste-de-confiance", "version": 1,
"entries": [{fingerprint, label, subject, issuer, certificate (base64 DER or ""), added_at}],
"signature": {certificate, algorithm: "sha256", value} (exported files only)}. The signature
covers the canonical JSON (sorted keys, no spaces) of format, version and entries.
"""

from __future__ import annotations

import base64
import json
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from desktop.core.errors import InvalidInput, TrameError
from desktop.core.paths import data_home
from desktop.core.seal.certs import common_name, fingerprint, issuer_path

FORMAT = "trame-liste-de-confiance"
VERSION = 1
LOCAL_NAME = "liste-de-confiance.json"
_HEX = re.compile(r"^[0-9A-F]{64}$")


class TrustListError(TrameError):
    exit_code = 2


@dataclass(frozen=True)
class TrustEntry:
    fingerprint: str  # SHA-256 of the certificate, "AB:CD:…" upper case
    label: str  # who vouches: "BPM Paris — capitaine X"
    subject: str = ""
    issuer: str = ""
    certificate: str = ""  # base64 DER; empty when added by fingerprint only
    added_at: str = ""

    @property
    def der(self) -> bytes:
        return base64.b64decode(self.certificate) if self.certificate else b""


@dataclass(frozen=True)
class TrustMatch:
    entry: TrustEntry
    direct: bool  # the signer's own certificate (False: one of its issuers)
    source: str = ""  # the signed list the entry came from (--trust); "" for the local list


def normalize_fingerprint(text: str) -> str:
    """ "ab cd:…" or 64 hex digits -> "AB:CD:…"; InvalidInput (French) otherwise."""
    digits = re.sub(r"[\s:]", "", str(text or "")).upper()
    if not _HEX.match(digits):
        raise InvalidInput(
            "Empreinte invalide : 64 chiffres hexadécimaux attendus (SHA-256 du certificat, "
            "telle que « trame verify » l'affiche)."
        )
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


def _name(name: x509.Name) -> str:
    for attr in name.get_attributes_for_oid(x509.NameOID.COMMON_NAME):
        return str(attr.value)
    return name.rfc4514_string() or "(sans nom)"


def load_certificate(data: bytes) -> bytes:
    """DER of a certificate given as DER or PEM; InvalidInput (French) otherwise."""
    try:
        if b"-----BEGIN" in data:
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except ValueError:
        raise InvalidInput(
            "Ce fichier n'est pas un certificat lisible (DER ou PEM attendu)."
        ) from None
    return cert.public_bytes(serialization.Encoding.DER)


def _canonical(entries: list[TrustEntry]) -> bytes:
    body = {"format": FORMAT, "version": VERSION, "entries": [asdict(e) for e in entries]}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass
class TrustList:
    entries: list[TrustEntry] = field(default_factory=list)
    path: Path | None = None
    signed_by: str = ""  # fingerprint of the certificate that signed the file (exported lists)
    #: fingerprint -> « liste de confiance « F » signée par … » for entries merged from a
    #: signed list: whoever holds any key can sign one, so the verifier says whose key it was
    sources: dict[str, str] = field(default_factory=dict)

    # -- reading ------------------------------------------------------------------------
    @staticmethod
    def local_path() -> Path:
        return data_home() / LOCAL_NAME

    @classmethod
    def local(cls) -> TrustList:
        """This installation's list (empty when none was made yet)."""
        path = cls.local_path()
        if not path.exists():
            return cls(path=path)
        tl = cls.from_bytes(_read(path), require_signature=False)
        tl.path = path
        return tl

    @classmethod
    def from_file(cls, path: Path) -> TrustList:
        """A list handed over by a service: its signature must verify."""
        tl = cls.from_bytes(_read(Path(path)), require_signature=True)
        tl.path = Path(path)
        return tl

    @classmethod
    def from_bytes(cls, data: bytes, *, require_signature: bool) -> TrustList:
        try:
            doc = json.loads(data.decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError
            entries = [TrustEntry(**e) for e in doc.get("entries", [])]
            for e in entries:
                normalize_fingerprint(e.fingerprint)
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError, InvalidInput):
            raise TrustListError(
                "Liste de confiance illisible : ce n'est pas un fichier produit par "
                "« trame trust export »."
            ) from None
        sig = doc.get("signature")
        if sig is None and require_signature:
            raise TrustListError(
                "Cette liste de confiance n'est pas signée : elle n'est pas acceptée."
            )
        # the signature covers the entries as written; they are then spelt one way
        signed_by = _check_signature(sig, _canonical(entries)) if sig is not None else ""
        return cls(entries=_consistent(entries), signed_by=signed_by)

    # -- lookup -------------------------------------------------------------------------
    def find(self, fp: str) -> TrustEntry | None:
        fp = normalize_fingerprint(fp)
        return next((e for e in self.entries if e.fingerprint == fp), None)

    def identify(
        self, signer_der: bytes, carried: list[bytes] | None = None, at: datetime | None = None
    ) -> TrustMatch | None:
        """The entry that vouches for a signer's certificate, or None.

        Direct: the certificate's own fingerprint is listed. Indirect: an issuer listed with
        its certificate signed it (links checked cryptographically, intermediates may come
        from the PDF, the anchor never does). Each issuer on the way must be a certificate
        authority (basic constraints CA, key usage « keyCertSign ») valid at `at` (the
        seal's declared time; now when it declares none): an officer's own sealing
        certificate on the list vouches for itself, not for the certificates its key may
        sign; an expired authority for none."""
        entry = self.find(fingerprint(signer_der))
        if entry is not None:
            return TrustMatch(entry, True, self.sources.get(entry.fingerprint, ""))
        anchors = {e.der: e for e in self.entries if e.certificate}
        if not anchors:
            return None
        path = issuer_path(signer_der, [*(carried or []), *anchors])
        at = at or datetime.now(UTC)
        for der in path:
            if not _may_issue(der, at):
                return None
            if der in anchors:
                entry = anchors[der]
                return TrustMatch(entry, False, self.sources.get(entry.fingerprint, ""))
        return None

    # -- changes ------------------------------------------------------------------------
    def add_certificate(self, der: bytes, label: str) -> TrustEntry:
        cert = x509.load_der_x509_certificate(der)
        return self._add(
            TrustEntry(
                fingerprint=fingerprint(der),
                label=_label(label),
                subject=common_name(cert),
                issuer=_name(cert.issuer),
                certificate=base64.b64encode(der).decode("ascii"),
                added_at=_now(),
            )
        )

    def add_fingerprint(self, fp: str, label: str) -> TrustEntry:
        return self._add(TrustEntry(normalize_fingerprint(fp), _label(label), added_at=_now()))

    def _add(self, entry: TrustEntry) -> TrustEntry:
        self.entries = [e for e in self.entries if e.fingerprint != entry.fingerprint]
        self.entries.append(entry)
        return entry

    def merge(self, other: TrustList, pinned_as: str = "") -> int:
        """Add the other list's entries (same fingerprint: replaced); returns how many.

        Entries of a signed list remember it (see `sources`), for the verifier to print;
        `pinned_as`: the label of the pinned key that signed it (desktop.core.seal.pins)."""
        name = other.path.name if other.path else "?"
        for e in other.entries:
            self._add(e)
            if other.signed_by:
                whose = f"la clé épinglée « {pinned_as} », " if pinned_as else "le certificat "
                self.sources[e.fingerprint] = (
                    f"liste de confiance « {name} » signée par {whose}d'empreinte {other.signed_by}"
                )
            else:
                self.sources.pop(e.fingerprint, None)
        return len(other.entries)

    def save(self, path: Path | None = None) -> Path:
        from desktop.core.vault.fsutil import atomic_write

        target = Path(path or self.path or self.local_path())
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, _canonical(self.entries))
        self.path = target
        return target

    def export_signed(self, bundle) -> bytes:
        """The list signed with a CertBundle's key (RSA PKCS#1 v1.5 or ECDSA, SHA-256)."""
        payload = _canonical(self.entries)
        key = serialization.load_der_private_key(bundle.key_der, password=None)
        if isinstance(key, rsa.RSAPrivateKey):
            value = key.sign(payload, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(key, ec.EllipticCurvePrivateKey):
            value = key.sign(payload, ec.ECDSA(hashes.SHA256()))
        else:
            raise TrustListError("Type de clé non pris en charge pour signer la liste.")
        body = json.loads(payload)
        body["signature"] = {
            "certificate": base64.b64encode(bundle.cert_der).decode("ascii"),
            "algorithm": "sha256",
            "value": base64.b64encode(value).decode("ascii"),
        }
        return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def _consistent(entries: list[TrustEntry]) -> list[TrustEntry]:
    """Entries with their fingerprint spelt as `find` and `trame trust remove` spell it
    (« ab12… » listed by another tool could never be removed, while its certificate went on
    vouching as an authority); an entry whose certificate is not the one its fingerprint
    names makes the list unreadable (TrustListError)."""
    from dataclasses import replace

    out = []
    for e in entries:
        fp = normalize_fingerprint(e.fingerprint)
        try:
            der = e.der
            if der:
                x509.load_der_x509_certificate(der)
        except (ValueError, TypeError):
            der = None
        if der is None or (der and fingerprint(der) != fp):
            raise TrustListError(
                f"Liste de confiance incohérente : l'entrée « {visible(e.label)} » porte "
                f"l'empreinte {fp} mais un autre certificat (ou un certificat illisible) ; "
                "elle n'est pas acceptée."
            )
        out.append(replace(e, fingerprint=fp))
    return out


def _may_issue(der: bytes, at: datetime) -> bool:
    """A certificate authority (RFC 5280: basic constraints CA, keyCertSign when a key usage
    is given) valid at `at`."""
    try:
        cert = x509.load_der_x509_certificate(der)
        if not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            return False
        try:
            if not cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign:
                return False
        except x509.ExtensionNotFound:
            pass
    except (ValueError, x509.ExtensionNotFound):
        return False
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return cert.not_valid_before_utc <= at <= cert.not_valid_after_utc


def _check_signature(sig, payload: bytes) -> str:
    bad = TrustListError(
        "La signature de cette liste de confiance ne correspond pas à son contenu : "
        "le fichier a été modifié ; il n'est pas accepté."
    )
    try:
        der = base64.b64decode(sig["certificate"])
        value = base64.b64decode(sig["value"])
        cert = x509.load_der_x509_certificate(der)
        if sig.get("algorithm") != "sha256":
            raise bad
        pub = cert.public_key()
        if isinstance(pub, rsa.RSAPublicKey):
            pub.verify(value, payload, padding.PKCS1v15(), hashes.SHA256())
        elif isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(value, payload, ec.ECDSA(hashes.SHA256()))
        else:
            raise bad
    except (KeyError, TypeError, ValueError, InvalidSignature):
        raise bad from None
    # a list carries no date: it is only as good as its signing certificate is today (the
    # key of an expired certificate may have been retired, lost or given up)
    now = datetime.now(UTC)
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        when = (
            f"a expiré le {cert.not_valid_after_utc:%d/%m/%Y}"
            if now > cert.not_valid_after_utc
            else f"n'est valable qu'à partir du {cert.not_valid_before_utc:%d/%m/%Y}"
        )
        raise TrustListError(
            f"Le certificat qui a signé cette liste de confiance (empreinte {fingerprint(der)}) "
            f"{when} : la liste n'est pas acceptée ; demandez au service une liste signée par "
            "son certificat en cours."
        )
    return fingerprint(der)


#: Unicode categories that print nothing or move what follows: controls, format characters
#: (bidi overrides U+202A–U+202E, U+2066–U+2069, zero-width U+200B–U+200F …), separators,
#: private use and surrogates. A label must read on screen as it is stored.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"}


def visible(text: str) -> str:
    """`text` with each invisible or reordering code point shown as « <U+202E> »."""
    from desktop.core.seal.confusable import _blank  # variation selectors, Hangul fillers…

    return "".join(
        f"<U+{ord(c):04X}>" if unicodedata.category(c) in _HIDDEN or _blank(c) else c
        for c in str(text)
    )


def _label(label: str) -> str:
    """NFKC, single spaces; InvalidInput (French) when empty, invisible or mixed-script."""
    from desktop.core.seal.confusable import normalise_label

    text = normalise_label(label)
    if not text:
        raise InvalidInput(
            "Indiquez qui se porte garant de ce certificat (--label « service — grade NOM »)."
        )
    return text


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _read(path: Path) -> bytes:
    try:
        if not os.path.isfile(path):
            raise TrustListError(f"Liste de confiance introuvable : « {path} ».")
        return path.read_bytes()
    except OSError as exc:
        raise TrustListError(
            f"Liste de confiance illisible : « {path} » ({exc.strerror})."
        ) from None
