"""The backup archive format shared by `trame backup` and the backup taken before a migration:
an uncompressed tar holding a manifest, the key-slot file and sqlcipher_export copies of the
databases (still encrypted with their own keys)."""

from __future__ import annotations

import io
import json
import os
import tarfile
import time
from pathlib import Path

from desktop.core.vault.fsutil import fsync_dir

MANIFEST = "trame-backup.json"


def new_manifest(vault_id: str, medical: bool, **extra) -> dict:
    return {
        "format": "trame-backup",
        "version": 1,
        "vault_id": vault_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "medical": medical,
        **extra,
    }


def write_archive(work: Path, manifest: dict, out: Path) -> None:
    """Write manifest + every file of `work` to `out` atomically (a .part file, fsync, rename).

    Raises OSError; a failed write leaves no partial archive.
    """
    part = out.with_name(f".{out.name}.part")
    try:
        with tarfile.open(part, "w") as tar:
            data = json.dumps(manifest).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(time.time())
            tar.addfile(info, io.BytesIO(data))
            for name in sorted(os.listdir(work)):
                tar.add(work / name, arcname=name)
        with open(part, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, out)
        fsync_dir(out.parent)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


MAX_MANIFEST = 64 * 1024
MAX_KEYSLOTS = 1024 * 1024
_MEMBERS = (MANIFEST, "keyslots.json", "cases.db", "medical.db")


def _bad(archive: Path, why: str):
    from desktop.core.errors import NotAVault

    return NotAVault(f"« {archive.name} » n'est pas une sauvegarde Trame utilisable : {why}.")


def extract_backup(archive: Path, into: Path, free: int | None = None) -> dict:
    """Check and extract a backup archive into `into`; return its manifest (a dict).

    Refuses, with a one-line French NotAVault and nothing written outside `into`: a file that
    is not a tar, a missing manifest, key-slot file or case database, a member that is not a
    plain file or is duplicated, a manifest that is not UTF-8 JSON describing an object of
    format "trame-backup", members larger than their limit (manifest 64 KiB, key-slot file
    1 MiB, databases: the free space `free` in bytes).
    """
    import shutil

    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()
            names = [m.name for m in members]
            if len(set(names)) != len(names):
                raise _bad(archive, "une entrée y figure deux fois")
            by_name = {m.name: m for m in members}
            for required, label in (
                (MANIFEST, "le manifeste"),
                ("keyslots.json", "le fichier des clés"),
                ("cases.db", "la base des dossiers"),
            ):
                if required not in by_name:
                    raise _bad(archive, f"{label} est absent")
            total = 0
            for name in _MEMBERS:
                member = by_name.get(name)
                if member is None:
                    continue
                if not member.isfile():
                    raise _bad(archive, f"l'entrée « {name} » n'est pas un fichier")
                limit = {MANIFEST: MAX_MANIFEST, "keyslots.json": MAX_KEYSLOTS}.get(name)
                if limit is not None and member.size > limit:
                    raise _bad(archive, f"l'entrée « {name} » est anormalement grande")
                total += member.size
            if free is not None and total > free:
                raise _bad(archive, "elle est plus grande que la place libre sur le disque")
            raw = tar.extractfile(by_name[MANIFEST]).read(MAX_MANIFEST + 1)
            manifest = _parse_manifest(archive, raw)
            for name in _MEMBERS[1:]:
                member = by_name.get(name)
                if member is None:
                    continue
                with open(into / name, "wb") as dst:
                    shutil.copyfileobj(tar.extractfile(member), dst)
    except (tarfile.TarError, EOFError) as exc:
        raise _bad(archive, f"archive illisible ({exc})") from None
    except OSError as exc:
        if exc.errno is None:
            raise _bad(archive, "archive illisible") from None
        raise
    return manifest


def _parse_manifest(archive: Path, raw: bytes) -> dict:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(archive, "le manifeste n'est pas en UTF-8") from None
    try:
        data = json.loads(text)
    except ValueError:
        raise _bad(archive, "le manifeste n'est pas du JSON") from None
    if not isinstance(data, dict):
        raise _bad(archive, "le manifeste n'est pas un objet JSON")
    if data.get("format") != "trame-backup" or data.get("version") != 1:
        raise _bad(archive, "format ou version du manifeste inconnus")
    if not isinstance(data.get("medical"), bool) or not isinstance(data.get("vault_id"), str):
        raise _bad(archive, "manifeste incomplet")
    head = data.get("audit")
    if head is not None and not (
        isinstance(head, dict)
        and isinstance(head.get("seq"), int)
        and isinstance(head.get("hash"), str)
    ):
        raise _bad(archive, "tête du journal illisible dans le manifeste")
    return data


def extract_manifest(archive: Path) -> dict:
    """The checked manifest of a backup archive, without extracting the databases."""
    try:
        with tarfile.open(archive, "r:") as tar:
            member = tar.getmember(MANIFEST)
            if not member.isfile() or member.size > MAX_MANIFEST:
                raise _bad(archive, "manifeste invalide")
            raw = tar.extractfile(member).read(MAX_MANIFEST + 1)
    except (tarfile.TarError, EOFError, KeyError, OSError):
        raise _bad(archive, "manifeste illisible") from None
    return _parse_manifest(archive, raw)
