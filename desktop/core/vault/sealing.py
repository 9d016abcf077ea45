"""Per-account key pairs: X25519 to receive rotated data keys, Ed25519 to sign audit entries.

Each password or recovery slot holds one X25519 and one Ed25519 private key, wrapped under
the slot's Argon2id key like the data keys used to be; their public halves are in clear in
the slot. A key rotation seals the new data keys to every remaining slot's X25519 public key
(ephemeral X25519 + HKDF-SHA256 + AES-256-GCM, the slot's identity as associated data), so
an administrator can re-key without knowing the other accounts' passwords, and an account
removed from the file cannot open the new keys with its old password.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.vault.crypto import NONCE_BYTES, b64, unb64

BOX = "box"  # the slot's wrapped X25519 private key
SIGN = "sign"  # the slot's wrapped Ed25519 private key
PRIVATE_NAMES = (BOX, SIGN)

_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_box() -> tuple[bytes, str]:
    """(32-byte raw private key, base64 public key)."""
    priv = X25519PrivateKey.generate()
    raw = priv.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return raw, b64(priv.public_key().public_bytes(*_RAW))


def new_signer() -> tuple[bytes, str]:
    """(32-byte raw Ed25519 private key, base64 public key)."""
    priv = Ed25519PrivateKey.generate()
    raw = priv.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return raw, b64(priv.public_key().public_bytes(*_RAW))


def _kek(shared: bytes, epk: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"trame seal v1|" + epk + recipient
    ).derive(shared)


def seal(public_b64: str, key: bytes, aad: bytes) -> dict:
    """Encrypt `key` (bytes) to an X25519 public key; returns {"epk", "nonce", "ct"} (base64)."""
    import os

    recipient = unb64(public_b64)
    eph = X25519PrivateKey.generate()
    epk = eph.public_key().public_bytes(*_RAW)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient))
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(_kek(shared, epk, recipient)).encrypt(nonce, key, aad)
    return {"epk": b64(epk), "nonce": b64(nonce), "ct": b64(ct)}


def unseal(private: bytes, blob: dict, aad: bytes) -> bytes | None:
    """The sealed key, or None when the blob was not sealed to this key or was altered."""
    try:
        priv = X25519PrivateKey.from_private_bytes(private)
        epk = unb64(blob["epk"])
        recipient = priv.public_key().public_bytes(*_RAW)
        shared = priv.exchange(X25519PublicKey.from_public_bytes(epk))
        return AESGCM(_kek(shared, epk, recipient)).decrypt(
            unb64(blob["nonce"]), unb64(blob["ct"]), aad
        )
    except (InvalidTag, ValueError, KeyError):
        return None


def sign(private: bytes, message: bytes) -> str:
    """Base64 Ed25519 signature of `message`."""
    return b64(Ed25519PrivateKey.from_private_bytes(private).sign(message))


def verify(public_b64: str, message: bytes, signature_b64: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(public_b64)).verify(unb64(signature_b64), message)
        return True
    except (InvalidSignature, ValueError):
        return False


def public_of_signer(private: bytes) -> str:
    return b64(Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(*_RAW))
