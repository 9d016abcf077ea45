"""Key derivation and key wrapping for the vault's key slots.

Argon2id (memory-hard, from `cryptography`) turns a password into a key-encryption key;
AES-256-GCM wraps each data key with the slot's identity bound as associated data, so a
slot edited to claim another role or user no longer opens.
"""

from __future__ import annotations

import base64
import os
import secrets
import time
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
MIN_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True)
class KdfParams:
    """Argon2id parameters, stored in each slot so they can change per slot."""

    iterations: int = 3
    memory_kib: int = MIN_MEMORY_KIB
    lanes: int = 2
    salt: str = ""  # base64, 16 bytes

    def with_new_salt(self) -> KdfParams:
        return KdfParams(self.iterations, self.memory_kib, self.lanes, b64(os.urandom(SALT_BYTES)))

    def to_dict(self) -> dict:
        return {"alg": "argon2id", **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> KdfParams:
        if data.get("alg") != "argon2id":
            raise ValueError("unknown kdf")
        params = cls(
            iterations=int(data["iterations"]),
            memory_kib=int(data["memory_kib"]),
            lanes=int(data["lanes"]),
            salt=str(data["salt"]),
        )
        if params.memory_kib < MIN_MEMORY_KIB or params.iterations < 1 or params.lanes < 1:
            raise ValueError("weak kdf parameters")
        if len(unb64(params.salt)) != SALT_BYTES:
            raise ValueError("bad salt")
        return params


def derive(secret: str, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=unb64(params.salt),
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(secret.encode("utf-8"))


def tune(
    target_seconds: float = 0.5, memory_kib: int = MIN_MEMORY_KIB, lanes: int = 2
) -> KdfParams:
    """Pick the iteration count that makes one derivation take about `target_seconds` here."""
    probe = KdfParams(1, memory_kib, lanes, b64(os.urandom(SALT_BYTES)))
    start = time.perf_counter()
    derive("calibrage", probe)
    one = max(time.perf_counter() - start, 1e-3)
    iterations = max(2, min(64, round(target_seconds / one)))
    return KdfParams(iterations, memory_kib, lanes).with_new_salt()


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def wrap(kek: bytes, key: bytes, aad: bytes) -> dict:
    nonce = os.urandom(NONCE_BYTES)
    return {"nonce": b64(nonce), "ct": b64(AESGCM(kek).encrypt(nonce, key, aad))}


def unwrap(kek: bytes, blob: dict, aad: bytes) -> bytes | None:
    """The key, or None when the password (or the slot's identity) is wrong."""
    try:
        return AESGCM(kek).decrypt(unb64(blob["nonce"]), unb64(blob["ct"]), aad)
    except InvalidTag:
        return None


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# Recovery keys: 160 random bits in Crockford base32, 8 groups of 4 characters,
# easy to copy on paper (no I, L, O, U).
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_recovery_code() -> str:
    value = int.from_bytes(secrets.token_bytes(20), "big")
    chars = []
    for _ in range(32):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, 32, 4))


def normalize_recovery_code(text: str) -> str | None:
    """Canonical form of a typed recovery code, or None when it cannot be one."""
    cleaned = text.upper().replace("-", "").replace(" ", "")
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != 32 or any(c not in _CROCKFORD for c in cleaned):
        return None
    return "-".join(cleaned[i : i + 4] for i in range(0, 32, 4))
