"""The key-slot file: one slot per account, each wrapping the data keys its role may hold.

It sits beside the databases and holds no personal data: logins are stored as salted
hashes, and only ids, roles, KDF parameters and wrapped keys are in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import KeySlotsDamaged, NotAVault
from desktop.core.vault import crypto, sealing
from desktop.core.vault.fsutil import atomic_write

FORMAT = "trame-keyslots"
VERSION = 2  # 2: per-slot X25519/Ed25519 key pairs, data keys sealed to the slot

CASE_KEY = "case"
MEDICAL_KEY = "medical"

ROLES = ("administrateur", "enqueteur", "uaped", "medecin")
ROLE_LABELS = {
    "administrateur": "administrateur",
    "enqueteur": "enquêteur (OPJ/APJ)",
    "uaped": "coordination UAPED",
    "medecin": "médecin (UMJ)",
}
# Which data keys a role's slot wraps. An enquêteur's slot never holds the medical key.
ROLE_KEYS = {
    "administrateur": (CASE_KEY,),
    "enqueteur": (CASE_KEY,),
    "uaped": (CASE_KEY,),
    "medecin": (CASE_KEY, MEDICAL_KEY),
}

KIND_PASSWORD = "password"
KIND_RECOVERY = "recovery"
KIND_MEDICAL_RECOVERY = "medical-recovery"
RECOVERY_LOGIN = "#recovery"
MEDICAL_RECOVERY_LOGIN = "#medical-recovery"


@dataclass
class Slot:
    slot_id: str
    login_hash: str
    user_id: str
    role: str
    kind: str
    kdf: crypto.KdfParams
    keys: dict[str, dict]
    disabled: bool = False
    box_pub: str = ""  # X25519 public key (base64); "" for a slot made before version 2
    sign_pub: str = ""  # Ed25519 public key that verifies this account's audit entries
    sealed: dict[str, dict] = field(default_factory=dict)

    @property
    def legacy(self) -> bool:
        """A version-1 slot: data keys wrapped under the password only, no key pair yet."""
        return not self.box_pub

    def holds(self) -> set[str]:
        """Names of the data keys this slot opens."""
        return {n for n in (*self.keys, *self.sealed) if n not in sealing.PRIVATE_NAMES}

    def aad(self, vault_id: str, key_name: str) -> bytes:
        return (
            f"trame-slot-v1|{vault_id}|{self.user_id}|{self.role}|{self.kind}|{key_name}".encode()
        )

    def to_dict(self, version: int = VERSION) -> dict:
        data = {
            "slot_id": self.slot_id,
            "login": self.login_hash,
            "user_id": self.user_id,
            "role": self.role,
            "kind": self.kind,
            "kdf": self.kdf.to_dict(),
            "keys": self.keys,
            "disabled": self.disabled,
        }
        if version >= 2:
            data.update(box_pub=self.box_pub, sign_pub=self.sign_pub, sealed=self.sealed)
        return data

    KEYS = frozenset({"slot_id", "login", "user_id", "role", "kind", "kdf", "keys", "disabled"})
    KEYS_V2 = KEYS | {"box_pub", "sign_pub", "sealed"}

    @classmethod
    def from_dict(cls, data: dict, version: int = VERSION) -> Slot:
        if set(data) != (cls.KEYS_V2 if version >= 2 else cls.KEYS):
            raise ValueError("unexpected slot keys")
        if not isinstance(data["disabled"], bool):
            raise ValueError("bad disabled flag")
        role = data["role"]
        if role not in ROLES:
            raise ValueError(f"unknown role {role}")
        return cls(
            slot_id=str(data["slot_id"]),
            login_hash=str(data["login"]),
            user_id=str(data["user_id"]),
            role=role,
            kind=str(data["kind"]),
            kdf=crypto.KdfParams.from_dict(data["kdf"]),
            keys={k: _checked_blob(v) for k, v in data["keys"].items()},
            disabled=bool(data.get("disabled", False)),
            box_pub=_checked_public(data.get("box_pub", "")),
            sign_pub=_checked_public(data.get("sign_pub", "")),
            sealed={str(k): _checked_sealed(v) for k, v in data.get("sealed", {}).items()},
        )


def _checked_public(text) -> str:
    if text == "":
        return ""
    if not isinstance(text, str) or len(crypto.unb64(text)) != 32:
        raise ValueError("bad public key")
    return text


def _checked_sealed(blob: dict) -> dict:
    """A key sealed to a slot: 32-byte ephemeral key, 12-byte nonce, 48-byte ciphertext."""
    if set(blob) != {"epk", "nonce", "ct"}:
        raise ValueError("unexpected sealed-key fields")
    if len(crypto.unb64(blob["epk"])) != 32 or len(crypto.unb64(blob["nonce"])) != 12:
        raise ValueError("bad sealed key")
    if len(crypto.unb64(blob["ct"])) != crypto.KEY_BYTES + 16:
        raise ValueError("bad sealed key")
    return {"epk": blob["epk"], "nonce": blob["nonce"], "ct": blob["ct"]}


def _checked_blob(blob: dict) -> dict:
    """A wrapped key: 12-byte nonce, 32-byte key + 16-byte tag, strict base64."""
    if set(blob) != {"nonce", "ct"}:
        raise ValueError("unexpected wrapped-key fields")
    if len(crypto.unb64(blob["nonce"])) != crypto.NONCE_BYTES:
        raise ValueError("bad nonce")
    if len(crypto.unb64(blob["ct"])) != crypto.KEY_BYTES + 16:
        raise ValueError("bad wrapped key")
    return {"nonce": blob["nonce"], "ct": blob["ct"]}


@dataclass
class KeySlotFile:
    path: Path
    vault_id: str
    login_salt: str
    default_login_hash: str = ""
    slots: list[Slot] = field(default_factory=list)
    mac: str = ""
    version: int = VERSION

    @classmethod
    def new(cls, path: Path) -> KeySlotFile:
        return cls(path, str(uuid.uuid4()), crypto.b64(crypto.new_key()[:16]))

    def login_hash(self, login: str) -> str:
        norm = login.strip().casefold()
        return hashlib.sha256(crypto.unb64(self.login_salt) + norm.encode()).hexdigest()

    def find(self, login: str) -> Slot | None:
        wanted = self.login_hash(login)
        for slot in self.slots:
            if slot.login_hash == wanted:
                return slot
        return None

    def find_user(self, user_id: str) -> Slot | None:
        for slot in self.slots:
            if slot.user_id == user_id and slot.kind == KIND_PASSWORD:
                return slot
        return None

    def make_slot(
        self,
        login: str,
        secret: str,
        role: str,
        kind: str,
        keys: dict[str, bytes],
        params: crypto.KdfParams,
        user_id: str | None = None,
        privates: dict | None = None,
    ) -> Slot:
        slot = Slot(
            slot_id=str(uuid.uuid4()),
            login_hash=self.login_hash(login),
            user_id=user_id or str(uuid.uuid4()),
            role=role,
            kind=kind,
            kdf=params.with_new_salt(),
            keys={},
        )
        self.rewrap(slot, secret, keys, privates)
        return slot

    def rewrap(
        self, slot: Slot, secret: str, keys: dict[str, bytes], privates: dict | None = None
    ) -> None:
        """Give `slot` a new secret: new salt, new key pairs, `keys` (data keys) sealed to it.

        The key pairs are new because a reset by another account cannot know the old ones.
        """
        slot.kdf = slot.kdf.with_new_salt()
        kek = crypto.derive(secret, slot.kdf)
        box, slot.box_pub = sealing.new_box()
        signer, slot.sign_pub = sealing.new_signer()
        slot.keys = {
            name: crypto.wrap(kek, key, slot.aad(self.vault_id, name))
            for name, key in ((sealing.BOX, box), (sealing.SIGN, signer))
        }
        slot.sealed = {}
        for name, key in keys.items():
            if name not in sealing.PRIVATE_NAMES:
                self.seal_for(slot, name, key)
        if privates is not None:  # the caller may need the new private keys (to sign)
            privates.update({sealing.BOX: box, sealing.SIGN: signer})

    def seal_for(self, slot: Slot, name: str, key: bytes) -> None:
        """Seal data key `name` to `slot` (no secret needed: the slot's public key)."""
        slot.sealed[name] = sealing.seal(slot.box_pub, key, slot.aad(self.vault_id, name))

    def open_slot(self, slot: Slot, secret: str) -> dict[str, bytes] | None:
        """The slot's data keys (and its private keys under "box"/"sign"), or None."""
        kek = crypto.derive(secret, slot.kdf)
        out: dict[str, bytes] = {}
        for name, blob in slot.keys.items():
            key = crypto.unwrap(kek, blob, slot.aad(self.vault_id, name))
            if key is None:
                return None
            out[name] = key
        if sealing.BOX in out:
            for name, blob in slot.sealed.items():
                key = sealing.unseal(out[sealing.BOX], blob, slot.aad(self.vault_id, name))
                if key is None:
                    return None
                out[name] = key
        return out if set(out) - set(sealing.PRIVATE_NAMES) else None

    def _payload(self) -> dict:
        return {
            "format": FORMAT,
            "version": self.version,
            "vault_id": self.vault_id,
            "login_salt": self.login_salt,
            "default_login": self.default_login_hash,
            "slots": [s.to_dict(self.version) for s in self.slots],
        }

    def _compute_mac(self, case_key: bytes) -> str:
        """HMAC over the whole file, keyed from the case key that every slot wraps.

        Any change made outside Trame (a flipped byte, a slot re-enabled, a role edited)
        is detected at the next unlock.
        """
        mac_key = hashlib.sha256(b"trame keyslots mac v1" + case_key).digest()
        canonical = json.dumps(self._payload(), sort_keys=True, separators=(",", ":"))
        return hmac.new(mac_key, canonical.encode("utf-8"), hashlib.sha256).hexdigest()

    def mac_ok(self, case_key: bytes) -> bool:
        return hmac.compare_digest(self.mac, self._compute_mac(case_key))

    def serialized(self, case_key: bytes) -> bytes:
        """The file's bytes, MAC computed with `case_key` (always written as the latest version)."""
        self.version = VERSION
        self.mac = self._compute_mac(case_key)
        payload = {**self._payload(), "mac": self.mac}
        return json.dumps(payload, indent=1).encode("utf-8")

    def save(self, case_key: bytes, path: Path | None = None) -> None:
        atomic_write(path or self.path, self.serialized(case_key))

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeySlotsDamaged(
                f"Le fichier des clés « {path.name} » est introuvable : le coffre ne peut pas "
                "être ouvert. Restaurez-le depuis une sauvegarde (trame restore)."
            ) from None
        return cls.parse(raw, path)

    @classmethod
    def parse(cls, raw: bytes, path: Path) -> KeySlotFile:
        """A slot file from its bytes (`path`: where it lives, for messages and saving)."""
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise KeySlotsDamaged(
                f"Le fichier des clés « {path.name} » est endommagé (illisible). "
                "Restaurez-le depuis une sauvegarde (trame restore) ; rien n'a été modifié."
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise NotAVault(f"« {path} » n'est pas un fichier de clés Trame.")
        expected = {"format", "version", "vault_id", "login_salt", "default_login", "slots", "mac"}
        if data.get("version") not in (1, VERSION) or set(data) != expected:
            raise KeySlotsDamaged(
                f"Le fichier des clés « {path.name} » est endommagé ou d'une version inconnue. "
                "Restaurez-le depuis une sauvegarde (trame restore) ; rien n'a été modifié."
            )
        try:
            if len(crypto.unb64(str(data["login_salt"]))) != 16:
                raise ValueError("bad login salt")
            return cls(
                path=path,
                vault_id=str(data["vault_id"]),
                login_salt=str(data["login_salt"]),
                default_login_hash=str(data.get("default_login", "")),
                slots=[Slot.from_dict(s, data["version"]) for s in data["slots"]],
                mac=str(data.get("mac", "")),
                version=data["version"],
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise KeySlotsDamaged(
                f"Le fichier des clés « {path.name} » est endommagé (structure invalide). "
                "Restaurez-le depuis une sauvegarde (trame restore) ; rien n'a été modifié."
            ) from None


from desktop.core.vault.throttle import Throttle  # noqa: E402 - re-exported

__all__ = ["Throttle"]


def upgrade_legacy_slot(slots: KeySlotFile, slot: Slot, secret: str, keys: dict) -> None:
    """A slot made before version 2 gets its key pairs, with the secret just typed.

    `keys` (name -> 32-byte key) receives the new private keys once the file is saved;
    if saving fails the slot stays a version-1 slot in memory too and the error propagates.
    """
    if not slot.legacy:
        return
    privates: dict[str, bytes] = {}
    slots.rewrap(slot, secret, keys, privates)
    try:
        slots.save(keys[CASE_KEY])
    except BaseException:
        slot.box_pub = ""  # not saved: stay a version-1 slot in memory too
        raise
    keys.update(privates)


def check_slots_mac(slots: KeySlotFile, keys: dict[str, bytes]) -> None:
    """Check the key-slot file's seal with the case key.

    :raises KeySlotsDamaged: the file was changed outside Trame.
    """
    if not slots.mac_ok(keys[CASE_KEY]):
        raise KeySlotsDamaged(
            "Le fichier des clés a été modifié en dehors de Trame (sceau du fichier invalide). "
            "Par sécurité le coffre n'est pas ouvert ; restaurez une sauvegarde (trame restore)."
        )
