"""The trust list as `trame trust` and the « Certificats de sceau » screen manage it: one
use case, two front ends. The list itself (format, signature, lookup) is
desktop.core.seal.trust; these functions read and write this installation's list.

    trust_entries()                                   # [TrustEntry] of the local list
    entry = add_to_trust_list("moi.pem" or "AB:CD:…", "BPM Paris — capitaine X", session)
    remove_from_trust_list("AB:CD:…", session)
    n = export_trust_list(Path("liste.json"), bundle, session)   # signed file for a parquet
    result = import_trust_list(Path("liste.json"), session)      # ImportedList (pinned key)
    pin_and_import(path, "AB:CD:…", "Parquet de Valmont", session)  # after a phone call

With a `session` (the application) each change is audited (« trust.add », « trust.remove »,
« trust.export », « trust.import », object: the 64 hex digits of the fingerprint or the
count); the command line, which does not open the vault for add/import, passes None.
Call from the worker thread in the application (file I/O, RSA signature).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import InvalidInput
from desktop.core.seal.trust import TrustEntry, TrustList, load_certificate, normalize_fingerprint

if TYPE_CHECKING:
    from desktop.core.seal.certs import CertBundle
    from desktop.core.vault import Session


@dataclass(frozen=True)
class ImportedList:
    entries: tuple[TrustEntry, ...]  # the entries received (now on the local list)
    signed_by: str  # fingerprint of the certificate that signed the received file
    path: Path  # the local list written
    pinned_as: str = ""  # label of the pinned key that signed it ("": not checked, the UI)


def _audit(session: Session | None, action: str, obj: object) -> None:
    if session is not None:
        session.audit.append(session.user_id, action, obj)


def _hex(fp: str) -> str:
    return fp.replace(":", "")


def trust_entries() -> list[TrustEntry]:
    """Entries of this installation's trust list, in the order they were added."""
    return list(TrustList.local().entries)


def add_to_trust_list(source: str | Path, label: str, session: Session | None = None) -> TrustEntry:
    """Add a certificate (path of a DER/PEM file) or a SHA-256 fingerprint with the label of
    who vouches for it; the same fingerprint is replaced. Raises InvalidInput (French) for an
    unreadable file, a bad fingerprint or an empty label; nothing is written then."""
    trust = TrustList.local()
    text = str(source).strip()
    path = Path(text).expanduser()
    if text and path.is_file():
        try:
            der = load_certificate(path.read_bytes())
        except OSError as exc:
            raise InvalidInput(f"Fichier illisible : « {path} » ({exc.strerror}).") from None
        entry = trust.add_certificate(der, label)
    else:
        entry = trust.add_fingerprint(text, label)
    trust.save()
    _audit(session, "trust.add", _hex(entry.fingerprint))
    return entry


def remove_from_trust_list(fp: str, session: Session | None = None) -> str:
    """Remove a fingerprint; returns it normalized. InvalidInput when it is not listed."""
    trust = TrustList.local()
    fp = normalize_fingerprint(fp)
    if trust.find(fp) is None:
        raise InvalidInput("Cette empreinte n'est pas sur la liste de confiance.")
    trust.entries = [e for e in trust.entries if e.fingerprint != fp]
    trust.save()
    _audit(session, "trust.remove", _hex(fp))
    return fp


def export_trust_list(out: Path, bundle: CertBundle, session: Session | None = None) -> int:
    """Write the local list signed with `bundle` (a CertBundle with its key) to `out`, the
    file a service hands to its parquet; returns the number of entries. InvalidInput when
    the list is empty."""
    from desktop.core.vault.fsutil import atomic_write

    trust = TrustList.local()
    if not trust.entries:
        raise InvalidInput("La liste de confiance est vide : rien à exporter.")
    atomic_write(Path(out), trust.export_signed(bundle))
    _audit(session, "trust.export", len(trust.entries))
    return len(trust.entries)


def active_bundle(session: Session) -> CertBundle:
    """The acting account's active certificate and key, to sign an exported list."""
    from desktop.core.seal.store import CertificateStore

    store = CertificateStore(session)
    rec = store.active()
    if rec is None:
        raise InvalidInput(
            "Aucun certificat actif pour signer la liste : créez ou importez d'abord le vôtre."
        )
    return store.bundle(rec.id)


def import_trust_list(
    path: Path, session: Session | None = None, keys: tuple[str, ...] = ()
) -> ImportedList:
    """Merge a signed list received from a service into the local one (same fingerprint:
    replaced). The list's signing certificate must be one of `keys` (fingerprints given by
    the caller, `trame trust import --trust-key`) or a pinned key (desktop.core.seal.pins):
    a list signed by anyone else is refused, whatever screen or command asks.

    :raises TrustListError: (French) unsigned, altered, unreadable or unvouched list; the
        local list is then unchanged."""
    from desktop.core.seal.pins import accepted_list, unvouched_message

    other, pinned_as = accepted_list(Path(path), keys)
    if not pinned_as:
        from desktop.core.seal.trust import TrustListError

        raise TrustListError(unvouched_message(Path(path).name, other.signed_by, "refusée"))
    trust = TrustList.local()
    trust.merge(other, pinned_as)
    saved = trust.save()
    _audit(session, "trust.import", _hex(other.signed_by))
    return ImportedList(tuple(other.entries), other.signed_by, saved, pinned_as)


def list_signer(path: Path) -> tuple[str, str]:
    """Who signed a received list: (fingerprint "AB:CD:…", pin label or "" when the key is
    not pinned), for the screen to ask for the fingerprint before importing.

    :raises TrustListError: unsigned, altered or unreadable list."""
    from desktop.core.seal.pins import accepted_list

    other, pinned_as = accepted_list(Path(path))
    return other.signed_by, pinned_as


def pin_and_import(
    path: Path, fingerprint: str, label: str, session: Session | None = None
) -> ImportedList:
    """Pin the key that signs a received list, then import it — the screen's form of
    `trame trust pin` + `trame trust import`. `fingerprint` is the one the sending service
    gave by another channel than the file (telephone, letter); it must be the list's.

    :raises TrustListError: the fingerprint differs from the list's signer (nothing is
        pinned or imported), or the list is unsigned, altered or unreadable.
    :raises InvalidInput: malformed fingerprint, label empty or mixing alphabets."""
    from desktop.core.seal.pins import PinnedKeys
    from desktop.core.seal.trust import TrustListError, normalize_fingerprint

    wanted = normalize_fingerprint(fingerprint)
    signed_by, _pinned = list_signer(path)
    if wanted != signed_by:
        raise TrustListError(
            "L'empreinte indiquée ne correspond pas au certificat qui signe cette liste "
            f"({signed_by}) : la liste n'est pas celle que le service vous a annoncée. "
            "Rien n'a été importé."
        )
    pins = PinnedKeys.local()
    pins.add(wanted, label)
    pins.save()
    _audit(session, "trust.pin", _hex(wanted))
    return import_trust_list(path, session)
