"""Durable file writes: temp file in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from desktop.core.errors import DiskFull, NotWritable


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash or a full disk leaves the old file intact."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise os_error(exc, path.parent) from exc


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def os_error(exc: OSError, where: Path):
    """Translate an OSError into a French user error."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(
            f"Disque plein dans « {where} » : l'écriture a été annulée, "
            "les données existantes sont intactes. Libérez de la place puis recommencez."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotWritable(
            f"Le dossier « {where} » n'est pas accessible en écriture. "
            "Choisissez un autre dossier (variable TRAME_HOME) ou corrigez ses droits."
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return NotWritable(
            f"Écriture impossible dans « {where} » : ce chemin n'existe pas ou n'est pas un "
            "dossier. Choisissez un autre dossier (variable TRAME_HOME)."
        )
    return NotWritable(f"Écriture impossible dans « {where} » (erreur système {exc.errno}).")


def ensure_writable_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise os_error(exc, folder) from exc
