"""External anchors of the audit chain: heads (seq + hash) kept where an insider cannot
rewrite them along with the chain.

- Sealed documents carry the head in their footer and XMP (`auditHead` = "seq:hash"), export
  manifests and backups in `audit_head`. `read_anchors(path)` reads them back and
  `check_anchors(audit, anchors)` tells whether each is still in the chain: a chain rewritten
  or cut before that point no longer holds that hash at that number.
- The last head seen on this computer is copied outside the data folder (the user's config
  folder, `TRAME_CONFIG_HOME` to override), one small file per vault id. At unlock, a chain
  that no longer holds that head has gone backwards (older files copied back) or was
  rewritten: `rollback_warning` returns the French warning shown to the user.
"""

from __future__ import annotations

import json
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.core.errors import TrameError
from desktop.core.vault.fsutil import atomic_write

_HEAD = re.compile(r"^(\d{1,12}):([0-9a-f]{64})$")


class AnchorUnreadable(TrameError):
    """The file holds no readable anchor (exit 2 of `trame audit check`)."""

    exit_code = 2


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    where: str  # what carried it, for messages ("PV", "manifeste", "sauvegarde", "pièce …")


def config_home() -> Path:
    from desktop.core import settings

    env = settings.get("TRAME_CONFIG_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_config_dir("Trame", appauthor=False))


def _head_file(vault_id: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9-]", "", vault_id)[:64] or "coffre"
    return config_home() / "ancres" / f"{safe}.json"


def remember_head(vault_id: str, seq: int, digest: str) -> None:
    """Keep (seq, hash) outside the data folder; silent when the folder is not writable."""
    path = _head_file(vault_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write(path, json.dumps({"seq": seq, "hash": digest}).encode())
    except (OSError, TrameError):
        pass


def remembered_head(vault_id: str) -> tuple[int, str] | None:
    try:
        data = json.loads(_head_file(vault_id).read_text("utf-8"))
        return int(data["seq"]), str(data["hash"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def rollback_warning(vault_id: str, audit) -> str | None:
    """A French warning when the chain no longer holds the head last seen here, else None."""
    seen = remembered_head(vault_id)
    if seen is None or seen[0] == 0:
        return None
    seq, digest = seen
    if audit.hash_at(seq) == digest:
        return None
    return (
        f"Attention : ce coffre est revenu en arrière. Son journal d'audit ne contient plus "
        f"l'entrée n° {seq} déjà vue sur cet ordinateur : des fichiers plus anciens ont été "
        "recopiés ou le journal a été réécrit. Des dossiers ou des PV récents peuvent manquer ; "
        "prévenez l'administrateur."
    )


def _parse_head(value, where: str) -> Anchor | None:
    if isinstance(value, dict):
        value = f"{value.get('seq')}:{value.get('hash')}"
    match = _HEAD.match(str(value or ""))
    return Anchor(int(match[1]), match[2], where) if match else None


def read_anchors(path: Path, read_pdf=None) -> list[Anchor]:
    """The audit heads carried by a sealed PDF (read through `read_pdf`, see _pdf_anchor), an
    export folder (or its manifest.json) or a backup archive. Raises AnchorUnreadable
    (French) when none can be read reliably."""
    path = Path(path)
    if path.is_dir():
        path = path / "manifest.json"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnchorUnreadable(f"« {path} » est illisible ({exc.strerror}).") from None
    if data.startswith(b"%PDF"):
        return [_pdf_anchor(path, data, read_pdf)]
    if tarfile.is_tarfile(path):
        from desktop.core.vault.archive import extract_manifest

        manifest = extract_manifest(path)
        anchor = _parse_head(manifest.get("audit"), "sauvegarde")
        if anchor is None:
            raise AnchorUnreadable(f"« {path.name} » ne porte pas de tête du journal d'audit.")
        return [anchor]
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise AnchorUnreadable(
            f"« {path.name} » n'est ni un PV scellé, ni un export, ni une sauvegarde Trame."
        ) from None
    if not isinstance(manifest, dict):
        raise AnchorUnreadable(f"« {path.name} » n'est pas un manifeste d'export Trame.")
    anchors = [a for a in [_parse_head(manifest.get("audit_head"), "manifeste")] if a]
    for piece in manifest.get("pieces") or []:
        if isinstance(piece, dict):
            a = _parse_head(piece.get("audit_head"), f"pièce « {piece.get('file', '?')} »")
            if a:
                anchors.append(a)
    if not anchors:
        raise AnchorUnreadable(f"« {path.name} » ne porte pas de tête du journal d'audit.")
    return anchors


def _pdf_anchor(path: Path, data: bytes, read_pdf) -> Anchor:
    """`read_pdf(data) -> (valid, reason, properties)`: the seal check, given by an upper layer
    (the vault never imports the seal package)."""
    if read_pdf is None:
        raise AnchorUnreadable(f"« {path.name} » : lecture des PDF scellés indisponible ici.")
    valid, reason, properties = read_pdf(data)
    if not valid:
        raise AnchorUnreadable(
            f"Le sceau de « {path.name} » ne se vérifie pas ({reason}) : "
            "la tête du journal qu'il porte n'est pas fiable."
        )
    anchor = _parse_head(properties.get("auditHead"), "PV")
    if anchor is None:
        raise AnchorUnreadable(f"« {path.name} » ne porte pas de tête du journal d'audit.")
    return anchor


def check_anchors(audit, anchors: list[Anchor]) -> list[tuple[Anchor, str | None]]:
    """For each anchor, None when the chain holds that hash at that number, else the French
    reason (entry missing: the chain was cut; different hash: rewritten or another vault)."""
    out = []
    for anchor in anchors:
        found = audit.hash_at(anchor.seq)
        if found == anchor.hash:
            out.append((anchor, None))
        elif found is None:
            out.append((anchor, f"l'entrée n° {anchor.seq} n'existe plus (journal tronqué)"))
        else:
            out.append(
                (anchor, f"l'entrée n° {anchor.seq} a une autre empreinte (journal réécrit)")
            )
    return out
