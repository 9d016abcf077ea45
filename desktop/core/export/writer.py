"""Write a bundle folder atomically: a hidden temporary folder inside the target, every file
fsynced, the folder fsynced, one rename, the target fsynced.

An export interrupted at any point (crash, SIGKILL, full disk) leaves either nothing or a
complete bundle. A SIGKILL can leave the hidden temporary folder behind (a killed process
cannot clean up): the next export into the same target removes it, and it never has the
name of a bundle.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
from pathlib import Path

from desktop.core.errors import DiskFull, NotWritable
from desktop.core.logging import log_event
from desktop.core.vault.fsutil import fsync_dir

TMP_PREFIX = ".trame-export-"
TMP_SUFFIX = ".partiel"


def os_error(exc: OSError, target: Path):
    """An OSError during an export as a French message; nothing is left behind by then."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(
            f"Support plein dans « {target} » : l'export a été annulé et rien n'a été laissé "
            "sur ce support. Libérez de la place ou choisissez un autre support, puis recommencez."
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotWritable(
            f"Le dossier « {target} » n'est pas accessible en écriture (support protégé ou "
            "droits insuffisants) : rien n'a été écrit. Choisissez un autre dossier."
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
        return NotWritable(
            f"« {target} » n'est pas un dossier utilisable pour l'export : rien n'a été écrit. "
            "Choisissez un dossier."
        )
    reason = exc.strerror or f"erreur système {exc.errno}"
    return NotWritable(f"Écriture impossible dans « {target} » ({reason}) : rien n'a été écrit.")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(target: Path) -> int:
    """Remove temporary folders left by exports that were killed; returns how many."""
    removed = 0
    try:
        entries = list(target.iterdir())
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not (name.startswith(TMP_PREFIX) and name.endswith(TMP_SUFFIX)):
            continue
        try:
            pid = int(name[len(TMP_PREFIX) :].split("-")[0])
        except ValueError:
            continue
        if pid != os.getpid() and _pid_alive(pid):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    if removed:
        fsync_dir(target)
        log_event("export.stale_removed", count=removed)
    return removed


def _write_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def unique_name(target: Path, base: str) -> str:
    name = base
    n = 2
    while (target / name).exists():
        name = f"{base}-{n}"
        n += 1
    return name


def prepare_target(target: Path) -> None:
    """Create the target folder if needed and prove it is writable, before any work."""
    try:
        target.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not target.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(target))
        probe = target / f"{TMP_PREFIX}{os.getpid()}-sonde{TMP_SUFFIX}"
        probe.mkdir(mode=0o700)
        probe.rmdir()
    except OSError as exc:
        raise os_error(exc, target) from exc
    clean_stale(target)


def write_bundle(target: Path, base_name: str, files: dict[str, bytes], progress=None) -> Path:
    """Write `files` (name -> bytes, written in this order) as `target/<name>`; returns it."""
    tmp = target / f"{TMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}"
    try:
        tmp.mkdir(mode=0o700)
        total = sum(len(v) for v in files.values()) or 1
        done = 0
        for name, data in files.items():
            _write_file(tmp / name, data)
            done += len(data)
            if progress:
                progress(done / total)
        fsync_dir(tmp)
        final = target / unique_name(target, base_name)
        os.rename(tmp, final)
        fsync_dir(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        fsync_dir(target)
        raise os_error(exc, target) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return final
