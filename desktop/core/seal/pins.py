"""Pinned keys: whose signature makes a received trust list acceptable.

A signed trust list (`trame trust export`) proves only that whoever holds some key made it:
a forger hands the magistrate, with his forged PV, a list signed by his own key that names
his certificate « BPM Paris — capitaine X ». A list is therefore accepted only when the
certificate that signed it is pinned by the person verifying: given explicitly
(`trame verify --trust LISTE --trust-key EMPREINTE`) or recorded beforehand in this
user's pinned-keys file (`trame trust pin EMPREINTE --label « Parquet de Valmont »`), in the
configuration folder (TRAME_CONFIG_HOME, default ~/.config/Trame), after checking the
fingerprint with the service by another channel (telephone, letter).

    pins = PinnedKeys.local()
    pins.add("AB:CD:…", "BPM Paris — liste remise au parquet")
    pins.save()
    pins.label_of(fingerprint)       # "" when not pinned

File format (JSON, UTF-8): {"format": "trame-cles-epinglees", "version": 1,
"keys": [{fingerprint, label, added_at}]}.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.core.errors import InvalidInput
from desktop.core.seal.trust import TrustListError, _label, _now, _read, normalize_fingerprint

FORMAT = "trame-cles-epinglees"
VERSION = 1
LOCAL_NAME = "cles-de-liste-epinglees.json"


@dataclass(frozen=True)
class PinnedKey:
    fingerprint: str  # SHA-256 of the certificate that signs trust lists, "AB:CD:…"
    label: str  # whose key: « BPM Paris — liste remise au parquet »
    added_at: str = ""


@dataclass
class PinnedKeys:
    keys: list[PinnedKey] = field(default_factory=list)
    path: Path | None = None

    @staticmethod
    def local_path() -> Path:
        from desktop.core.vault.anchors import config_home

        return config_home() / LOCAL_NAME

    @classmethod
    def local(cls) -> PinnedKeys:
        """This user's pinned keys (none when the file does not exist yet).

        :raises TrustListError: the file exists but is not a pinned-keys file (exit 2)."""
        path = cls.local_path()
        if not path.exists():
            return cls(path=path)
        try:
            doc = json.loads(_read(path).decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError
            keys = [PinnedKey(**k) for k in doc.get("keys", [])]
            # a file edited by hand follows the rule of `trame trust pin`: a label that is
            # empty, not text, hides characters or mixes alphabets makes the file unreadable
            keys = [
                PinnedKey(normalize_fingerprint(k.fingerprint), _text_label(k.label), k.added_at)
                for k in keys
            ]
        except (ValueError, TypeError, AttributeError, UnicodeDecodeError, InvalidInput):
            raise TrustListError(
                f"Fichier des clés épinglées illisible : « {path} » (attendu : fichier écrit "
                "par « trame trust pin »)."
            ) from None
        return cls(keys, path)

    def label_of(self, fp: str) -> str:
        """The label of a pinned fingerprint, "" when it is not pinned."""
        try:
            fp = normalize_fingerprint(fp)
        except InvalidInput:
            return ""
        return next((k.label for k in self.keys if k.fingerprint == fp), "")

    def add(self, fp: str, label: str) -> PinnedKey:
        """Pin a fingerprint (the same one is replaced). InvalidInput (French) for a bad
        fingerprint or a label that is empty, invisible or mixes alphabets."""
        key = PinnedKey(normalize_fingerprint(fp), _label(label), _now())
        self.keys = [k for k in self.keys if k.fingerprint != key.fingerprint] + [key]
        return key

    def remove(self, fp: str) -> str:
        fp = normalize_fingerprint(fp)
        if not self.label_of(fp):
            raise InvalidInput("Cette empreinte n'est pas épinglée.")
        self.keys = [k for k in self.keys if k.fingerprint != fp]
        return fp

    def save(self) -> Path:
        from desktop.core.vault.fsutil import atomic_write

        target = Path(self.path or self.local_path())
        target.parent.mkdir(parents=True, exist_ok=True)
        body = {"format": FORMAT, "version": VERSION, "keys": [asdict(k) for k in self.keys]}
        atomic_write(target, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        self.path = target
        return target


def _text_label(label) -> str:
    if not isinstance(label, str):
        raise TypeError
    return _label(label)


def unvouched_message(name: str, signed_by: str, fate: str = "ignorée") -> str:
    """The French line for a list whose signing key is not pinned (`fate`: « ignorée » by
    `trame verify`, « refusée » by `trame trust import`)."""
    from desktop.core.seal.trust import visible  # a file name may carry a bidi override

    return (
        f"Liste de confiance « {visible(name)} » {fate} : elle est signée par le certificat "
        f"d'empreinte {signed_by}, qui n'est pas épinglé. Rien ne garantit qui l'a faite ; "
        "après avoir vérifié cette empreinte auprès du service qui l'a remise (par un autre "
        f"moyen que le fichier), relancez avec « --trust-key {signed_by} » ou épinglez-la "
        f"(« trame trust pin {signed_by} --label … »)."
    )


def accepted_list(path: Path, explicit: tuple[str, ...] = (), pins: PinnedKeys | None = None):
    """A signed trust list and whose pinned key vouches for it: (TrustList, pin label).

    `explicit`: fingerprints given on the command line (--trust-key); `pins`: the local
    pinned keys (default: PinnedKeys.local()). The pin label is "" when the list's signing
    key is pinned by neither: the caller must then ignore the list (unvouched_message).

    :raises TrustListError: unreadable, unsigned or altered list (exit 2).
    :raises InvalidInput: a malformed --trust-key fingerprint."""
    from desktop.core.seal.trust import TrustList

    given = {normalize_fingerprint(fp) for fp in explicit}
    tl = TrustList.from_file(Path(path))
    if tl.signed_by in given:
        return tl, "clé indiquée par --trust-key"
    pins = pins if pins is not None else PinnedKeys.local()
    return tl, pins.label_of(tl.signed_by)
