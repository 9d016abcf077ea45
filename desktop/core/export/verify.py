"""`trame verify-bundle DIR`: check every hash and every seal of an exported bundle.

Each problem is reported with the name of the file it concerns: a piece changed (its
SHA-256 differs), removed (listed but absent), added (present but not listed), a seal that
no longer verifies, a manifest edited after the export (it no longer matches the sealed
bordereau, or its bytes differ from the layout Trame writes).

    report = verify_bundle(Path("Trame-2026-004217-…"))
    report.valid, report.problems  -> [(file name, French reason), …]
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.export import manifest as mf
from desktop.core.export.errors import BundleUnreadable
from desktop.core.seal.verify import Unreadable, verify_pdf


@dataclass
class BundleReport:
    path: Path
    manifest: dict | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # files whose hash and seal were checked
    recording_checked: bool | None = None
    addenda: list[tuple[str, str]] = field(default_factory=list)  # (addendum, original) files
    #: (file, « certificat reconnu : … » / « certificat inconnu : … ») for each seal: a
    #: bundle re-made whole with another key agrees with itself; only the identity differs
    identities: list[tuple[str, str]] = field(default_factory=list)
    require_trusted: bool = False

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def failing(self) -> list[str]:
        return list(dict.fromkeys(name for name, _ in self.problems))

    @property
    def kind(self) -> str:
        return (self.manifest or {}).get("kind", "")

    def add(self, name: str, reason: str) -> None:
        self.problems.append((name, reason))


def _safe_name(name: object) -> bool:
    return (
        isinstance(name, str)
        and bool(name)
        and "/" not in name
        and "\\" not in name
        and name not in (".", "..")
        and "\x00" not in name
    )


def _read(path: Path) -> bytes | None:
    # regular files only: a manifest that is a FIFO, or a link to /dev/zero, never ends
    if not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _check_pdf(report: BundleReport, name: str, data: bytes) -> dict:
    """Seal check of one PDF; returns its Trame properties."""
    from desktop.core.seal.report_text import identity_line

    try:
        result = verify_pdf(data, require_trusted=report.require_trusted)
    except Unreadable as exc:
        report.add(name, f"PDF illisible ({exc.message})")
        return {}
    for line in dict.fromkeys(identity_line(seal) for seal in result.seals):
        report.identities.append((name, line))
    if not result.valid:
        report.add(name, f"sceau invalide : {result.reason}")
    return result.properties


def _load_manifest(report: BundleReport, folder: Path) -> dict | None:
    raw = _read(folder / mf.MANIFEST_FILE)
    if raw is None:
        report.add(mf.MANIFEST_FILE, "manifeste manquant ou illisible")
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
        layout = mf.dumps(data)
    except (ValueError, RecursionError):
        # bad UTF-8 or JSON, a lone surrogate (\ud800) that UTF-8 cannot write back, an
        # integer past Python's 4,300 digits, arrays nested thousands deep
        report.add(mf.MANIFEST_FILE, "manifeste modifié : ce n'est plus un JSON valide")
        return None
    if (
        not isinstance(data, dict)
        or data.get("format") != mf.FORMAT
        or not isinstance(data.get("pieces"), list)
        or not isinstance(data.get("bordereau"), dict)
        or not all(isinstance(p, dict) for p in data["pieces"])
    ):
        report.add(mf.MANIFEST_FILE, "manifeste modifié : structure non reconnue")
        return None
    if data.get("format_version") != mf.FORMAT_VERSION:
        report.add(
            mf.MANIFEST_FILE,
            f"version de format {data.get('format_version')!r} inconnue de ce logiciel",
        )
        return None
    if layout != raw:
        report.add(mf.MANIFEST_FILE, "manifeste modifié depuis l'export (octets différents)")
    return data


def verify_bundle(
    folder: Path, recording: Path | None = None, require_trusted: bool = False
) -> BundleReport:
    """Check a bundle folder (see the module docstring); BundleUnreadable if it is none.

    `require_trusted`: a seal whose certificate is not on the local trust list is a problem
    (desktop.core.seal.verify.verify_pdf)."""
    folder = Path(folder)
    if not folder.exists():
        raise BundleUnreadable(f"Dossier introuvable : « {folder} ».")
    if not folder.is_dir():
        raise BundleUnreadable(f"« {folder} » n'est pas un dossier d'export Trame.")
    try:
        present = {p.name for p in folder.iterdir()}
    except OSError as exc:
        raise BundleUnreadable(f"Dossier illisible : « {folder} » ({exc.strerror}).") from None
    if mf.MANIFEST_FILE not in present and mf.BORDEREAU_FILE not in present:
        raise BundleUnreadable(
            f"« {folder} » n'est pas un export Trame : ni {mf.MANIFEST_FILE} ni "
            f"{mf.BORDEREAU_FILE}."
        )
    report = BundleReport(folder, require_trusted=require_trusted)
    data = _load_manifest(report, folder)
    report.manifest = data
    expected: set[str] = {mf.MANIFEST_FILE}
    if data is None:
        # Without a manifest nothing can be matched: check the seals that are there.
        for name in sorted(present - expected):
            blob = _read(folder / name) if (folder / name).is_file() else None
            if blob is None:
                report.add(name, "élément inattendu (le manifeste est illisible)")
            elif name.lower().endswith(".pdf"):
                _check_pdf(report, name, blob)
                report.add(name, "empreinte non vérifiable : le manifeste est illisible")
        return report

    # The bordereau: sealed, its hash in the manifest, its document id = the manifest digest.
    entry = data["bordereau"]
    b_name = entry.get("file", mf.BORDEREAU_FILE)
    if not _safe_name(b_name):
        report.add(mf.MANIFEST_FILE, "nom de bordereau invalide dans le manifeste")
        b_name = mf.BORDEREAU_FILE
    expected.add(b_name)
    blob = _read(folder / b_name) if b_name in present else None
    if blob is None:
        report.add(b_name, "bordereau de transmission manquant")
    else:
        if hashlib.sha256(blob).hexdigest() != entry.get("sha256"):
            report.add(b_name, "bordereau modifié : empreinte SHA-256 différente du manifeste")
        props = _check_pdf(report, b_name, blob)
        bound_id = mf.bordereau_document_id(mf.bound_part(data))
        if props and props.get("documentId") != bound_id:
            report.add(
                mf.MANIFEST_FILE,
                "le manifeste ne correspond plus au bordereau scellé (pièces ou empreintes "
                "modifiées dans le manifeste)",
            )
        report.checked.append(b_name)

    # The pieces.
    seen: dict[str, tuple[dict, bytes]] = {}
    for piece in data["pieces"]:
        name = piece.get("file")
        if not _safe_name(name):
            report.add(mf.MANIFEST_FILE, f"nom de pièce invalide : {name!r}")
            continue
        if name in expected:
            report.add(name, "pièce listée deux fois dans le manifeste")
            continue
        expected.add(name)
        if name not in present:
            report.add(name, "pièce manquante (retirée du dossier)")
            continue
        blob = _read(folder / name) if (folder / name).is_file() else None
        if blob is None:
            report.add(name, "pièce illisible")
            continue
        if hashlib.sha256(blob).hexdigest() != piece.get("sha256"):
            report.add(name, "pièce modifiée : empreinte SHA-256 différente du manifeste")
        seen[name] = (_check_pdf(report, name, blob), blob)
        report.checked.append(name)
    _check_addenda(report, seen)

    for name in sorted(present - expected):
        report.add(name, "pièce ajoutée : absente du manifeste et du bordereau")

    if recording is not None:
        _check_recording(report, data, Path(recording))
    return report


def _check_addenda(report: BundleReport, seen: dict[str, tuple[dict, bytes]]) -> None:
    """Each mention complémentaire names its original by id and SHA-256: that very file must
    be in the bundle (another valid PV in its place is reported)."""
    from desktop.core.pv.addendum import check_against_original

    by_id = {props.get("documentId"): (n, blob) for n, (props, blob) in seen.items() if props}
    for name, (props, _) in seen.items():
        if not props.get("originalId"):
            continue
        original, blob = by_id.get(props["originalId"], ("", None))
        problem = check_against_original(props, blob)
        if problem:
            report.add(name, problem)
        else:
            report.addenda.append((name, original))


def _check_recording(report: BundleReport, data: dict, path: Path) -> None:
    from desktop.core.seal.verify import sha256_file

    entry = data.get("recording")
    expected = entry.get("sha256") if isinstance(entry, dict) else None
    try:
        actual = sha256_file(path)
    except Unreadable as exc:
        report.add(path.name, exc.message)
        report.recording_checked = False
        return
    if not expected:
        report.add(path.name, "l'export ne consigne aucun enregistrement audiovisuel")
        report.recording_checked = False
    elif actual != expected:
        report.add(
            path.name,
            "l'enregistrement ne correspond pas à l'empreinte SHA-256 consignée "
            f"(scellé n° {entry.get('scelle', '?')})",
        )
        report.recording_checked = False
    else:
        report.recording_checked = True
