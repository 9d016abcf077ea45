"""The bundle's manifest.json: what was exported, with one SHA-256 per piece.

The part of the manifest that describes the export (`bound`) is hashed canonically; that
digest is written, sealed, into the bordereau de transmission (its document id), so the
manifest cannot be edited without the sealed bordereau disagreeing. The file itself is
written in one deterministic layout, so any change of a byte shows, even in spacing.
"""

from __future__ import annotations

import hashlib
import json

FORMAT = "trame-bundle"
FORMAT_VERSION = 1
MANIFEST_FILE = "manifest.json"
BORDEREAU_FILE = "bordereau-de-transmission.pdf"
BORDEREAU_PREFIX = "BT-"
KIND_PROCEDURE = "procedure"
KIND_PSEUDONYMISED = "copie_pseudonymisee"


def canonical(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def digest(bound: dict) -> str:
    """SHA-256 of the canonical form of the bound part of the manifest."""
    return hashlib.sha256(canonical(bound)).hexdigest()


def bordereau_document_id(bound: dict) -> str:
    return BORDEREAU_PREFIX + digest(bound)


def dumps(manifest: dict) -> bytes:
    """The one layout manifest.json is written in (verify-bundle re-checks it byte for byte)."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build(bound: dict, bordereau_sha256: str, bordereau_size: int) -> dict:
    return {
        **bound,
        "bordereau": {
            "file": BORDEREAU_FILE,
            "sha256": bordereau_sha256,
            "size": bordereau_size,
            "document_id": bordereau_document_id(bound),
        },
    }


def bound_part(manifest: dict) -> dict:
    return {k: v for k, v in manifest.items() if k != "bordereau"}
