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
