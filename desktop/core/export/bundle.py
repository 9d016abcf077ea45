"""Export a case to the procedure file: sealed pieces, manifest.json, sealed bordereau.

    result = export_case(session, case_id, Path("/media/cle"), recording=Path("aud.mp4"),
                         scelle="2026-412", progress=lambda f, msg: ...)
    result.path   -> /media/cle/Trame-2026-004217-20261126-154200

Everything is read, checked and sealed in memory first; only then is the folder written,
atomically (writer.py). Called from the UI's worker thread, the CLI and the benchmark.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.core.errors import PermissionDenied
from desktop.core.export import manifest as mf
from desktop.core.export import writer
from desktop.core.export.bordereau import sealed_bordereau
from desktop.core.export.bordereau import template as bordereau_template
from desktop.core.export.errors import (
    ExportCancelled,
    ExportError,
    RecordingUnreadable,
)
from desktop.core.export.pieces import Collected, Piece, collect_pieces, load_policy, slug
from desktop.core.logging import log_event
from desktop.core.pv import words as w
from desktop.core.vault.audit import utc_now

EXPORT_ROLES = ("administrateur", "enqueteur")
CHUNK = 1 << 20


@dataclass
class ExportResult:
    path: Path
    kind: str
    manifest: dict
    seconds: float
    skipped: list = field(default_factory=list)
    phases: dict = field(default_factory=dict)  # seconds per phase (benchmark)

    @property
    def pieces(self) -> list[dict]:
        return self.manifest["pieces"]


class Progress:
    """Maps the phases of an export onto 0..1 and checks for cancellation."""

    def __init__(self, callback=None, cancelled=None):
        self.callback = callback
        self.cancelled = cancelled
        self.phases: dict[str, float] = {}  # message -> seconds spent (for the benchmark)
        self._phase = ""
        self._since = time.perf_counter()

    def _clock(self, message: str) -> None:
        now = time.perf_counter()
        if message != self._phase:
            if self._phase:
                self.phases[self._phase] = self.phases.get(self._phase, 0.0) + now - self._since
            self._phase, self._since = message, now

    def __call__(self, fraction: float, message: str) -> None:
        self._clock(message)
        if self.cancelled is not None and self.cancelled():
            raise ExportCancelled()
        if self.callback is not None:
            self.callback(max(0.0, min(1.0, fraction)), message)

    def done(self, message: str) -> None:
        """The end: the bundle is written, so a late « Annuler » no longer applies."""
        self._clock(message)
        if self.callback is not None:
            self.callback(1.0, message)

    def span(self, start: float, end: float, message: str):
        def report(done: float, total: float = 1.0, detail: str = "") -> None:
            part = done / total if total else 1.0
            self(start + (end - start) * part, message)

        return report


def check_can_export(session) -> None:
    if session.role not in EXPORT_ROLES:
        raise PermissionDenied(
            "L'export vers la procédure est réservé aux enquêteurs et à l'administrateur."
        )


def get_case(session, case_id: int):
    case = session.cases.get(case_id)
    if case is None:
        raise ExportError(f"Dossier n° {case_id} introuvable.")
    return case


# -- recording --------------------------------------------------------------------------


@dataclass
class RecordingInfo:
    file_name: str
    size: int
    sha256: str
    scelle: str
    pv_document_id: str = ""  # the sealed PV that records this very hash, if any

    def entry(self) -> dict:
        return {
            "file_name": self.file_name,
            "size": self.size,
            "sha256": self.sha256,
            "scelle": self.scelle,
            "pv_document_id": self.pv_document_id,
        }


def hash_recording(path: Path, scelle: str, report=None) -> RecordingInfo:
    """Stream the recording through SHA-256; French error for anything unreadable."""
    path = Path(path)
    scelle = (scelle or "").strip()
    if not scelle:
        raise RecordingUnreadable(
            "Indiquez le numéro du scellé sous lequel l'enregistrement est placé (--scelle) : "
            "rien n'a été écrit."
        )
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "c'est un dossier")
        size = path.stat().st_size
        if size == 0:
            raise RecordingUnreadable(
                f"Le fichier d'enregistrement « {path} » est vide : rien n'a été écrit."
            )
        h = hashlib.sha256()
        done = 0
        with open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
                done += len(chunk)
                if report:
                    report(done, size)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise RecordingUnreadable(
            f"Enregistrement illisible : « {path} » ({reason}). Rien n'a été écrit."
        ) from None
    return RecordingInfo(path.name, size, h.hexdigest(), scelle)


def match_recording(rec: RecordingInfo, pieces: list[Piece]) -> RecordingInfo:
    recorded = {
        p.report.properties.get("recordingSha256", "").lower(): p.document_id
        for p in pieces
        if p.report.properties.get("recordingSha256")
    }
    if not recorded:
        return rec
    if rec.sha256 not in recorded:
        raise ExportError(
            f"L'enregistrement « {rec.file_name} » ne correspond pas à l'empreinte SHA-256 "
            "consignée dans le PV scellé : ce n'est pas le fichier de cette audition (ou il a été "
            "modifié). Rien n'a été écrit."
        )
    rec.pv_document_id = recorded[rec.sha256] or "PV"
    return rec


# -- manifest ---------------------------------------------------------------------------


def versions(session, case_id: int, pieces: list[Piece], extra_templates: dict) -> dict:
    forms: dict[str, str] = {}
    templates: dict[str, str] = dict(extra_templates)
    for rec in session.records.for_case(case_id):
        forms[rec.form_id] = rec.form_version
    for p in pieces:
        props = p.report.properties
        if props.get("formId"):
            forms[props["formId"]] = props.get("formVersion", "")
        if props.get("templateId"):
            templates[props["templateId"]] = props.get("templateVersion", "")
    return {
        "trame": __version__,
        "export_policy": load_policy().version,
        "forms": dict(sorted(forms.items())),
        "templates": dict(sorted(templates.items())),
    }


def who(session, signer) -> dict:
    user = session.current_user()
    return {
        "user_id": session.user_id,
        "login": user.login if user else "",
        "role": session.role,
        "role_label": session.role_label,
        "seal_who": getattr(signer, "display_name", ""),
    }


def bound_manifest(
    kind: str,
    case_info: dict,
    exporter: dict,
    pieces: list[Piece],
    skipped: list,
    recording: RecordingInfo | None,
    audit_head: tuple[int, str],
    version_info: dict,
    created_at: str,
) -> dict:
    return {
        "format": mf.FORMAT,
        "format_version": mf.FORMAT_VERSION,
        "kind": kind,
        "created_at": created_at,
        "case": case_info,
        "exported_by": {k: exporter[k] for k in ("user_id", "login", "role")},
        "pieces": [p.manifest_entry() for p in pieces],
        "skipped": [
            {"vault_document_id": s.vault_document_id, "title": s.title, "reason": s.reason}
            for s in skipped
        ],
        "recording": recording.entry() if recording else None,
        "audit_head": {"seq": audit_head[0], "hash": audit_head[1]},
        "versions": version_info,
    }


def assemble(
    bound: dict, pieces: list[Piece], signer, made_at: datetime, exporter: dict
) -> tuple[dict[str, bytes], dict]:
    """Files of the bundle in writing order (pieces, bordereau, manifest) and the manifest."""
    bordereau = sealed_bordereau(bound, signer, made_at, exporter)
    full = mf.build(bound, hashlib.sha256(bordereau).hexdigest(), len(bordereau))
    files = {p.file: p.content for p in pieces}
    files[mf.BORDEREAU_FILE] = bordereau
    files[mf.MANIFEST_FILE] = mf.dumps(full)
    return files, full


def _signer(session, signer):
    if signer is not None:
        return signer
    from desktop.core.seal.store import CertificateStore

    return CertificateStore(session).signer()


def bundle_name(prefix: str, made_at: datetime) -> str:
    return f"Trame-{prefix}-{made_at:%Y%m%d-%H%M%S}"


# -- the export -------------------------------------------------------------------------


def export_case(
    session,
    case_id: int,
    out_dir: Path,
    *,
    signer=None,
    recording: Path | None = None,
    scelle: str = "",
    progress=None,
    cancelled=None,
) -> ExportResult:
    """Export a case's sealed pieces with manifest and sealed bordereau into `out_dir`.

    :raises PermissionDenied: the account may not export.
    :raises ExportError: unknown case, a recording that is not this hearing's.
    :raises NotSealed: a piece of the case is not sealed yet.
    :raises RecordingUnreadable: the recording cannot be read.
    :raises ExportCancelled: `cancelled()` became true (nothing is left in `out_dir`).
    :raises NotWritable, DiskFull: the target cannot be written."""
    started = time.perf_counter()
    check_can_export(session)
    step = Progress(progress, cancelled)
    step(0.0, "Vérification du dossier")
    out_dir = Path(out_dir)
    case = get_case(session, case_id)
    writer.prepare_target(out_dir)  # not writable: said before any long work
    collected: Collected = collect_pieces(
        session, case_id, progress=step.span(0.02, 0.35, "Vérification des sceaux des pièces")
    )
    rec = None
    if recording is not None:
        rec = hash_recording(
            Path(recording), scelle, step.span(0.35, 0.7, "Empreinte de l'enregistrement")
        )
        rec = match_recording(rec, collected.pieces)
    step(0.7, "Bordereau de transmission")
    signer = _signer(session, signer)
    made = w.to_local(datetime.now(UTC))  # local wall time, as in the PV
    exporter = who(session, signer)
    bound = bound_manifest(
        mf.KIND_PROCEDURE,
        {
            "procedure_number": case.procedure_number,
            "service": case.service,
            "vault_case_id": case.id,
        },
        exporter,
        collected.pieces,
        collected.skipped,
        rec,
        session.audit.head(),
        versions(session, case_id, collected.pieces, _bordereau_version()),
        utc_now(),
    )
    files, full = assemble(bound, collected.pieces, signer, made, exporter)
    step(0.85, "Écriture du dossier d'export")
    path = writer.write_bundle(
        out_dir,
        bundle_name(slug(case.procedure_number), made),
        files,
        step.span(0.85, 0.99, "Écriture du dossier d'export"),
    )
    session.audit.append(session.user_id, "export.case", case_id)
    log_event("export.case", case=case_id, pieces=len(collected.pieces))
    step.done("Export terminé")
    return ExportResult(
        path=path,
        kind=mf.KIND_PROCEDURE,
        manifest=full,
        seconds=time.perf_counter() - started,
        skipped=collected.skipped,
        phases=step.phases,
    )


def _bordereau_version() -> dict:
    t = bordereau_template()
    return {t.id: t.version}


# -- the pseudonymised copy -------------------------------------------------------------


def case_models(session, collected: Collected) -> list:
    """The models of the case's sealed PVs, rebuilt from the vault by the PV builder."""
    from desktop.core.pv.builder import build_pv

    models = []
    for piece in collected.pieces:
        if piece.kind == "pv_audition" and piece.record_id is not None:
            models.append(build_pv(session, piece.record_id))
    return models


def export_pseudonymised(
    session,
    case_id: int,
    out_dir: Path,
    *,
    models: list | None = None,
    signer=None,
    progress=None,
    cancelled=None,
    extra_names=(),
) -> ExportResult:
    """A sealed pseudonymised copy of the case's PVs and of their mentions complémentaires
    (associations, statistics; export.pseudo_addenda).

    `extra_names`: names the officer confirmed or added on the review screen (« Relecture
    avant diffusion », candidates from export.review.review_candidates), pseudonymised too.

    The models are pseudonymised before rendering (pseudonym.py), never the PDFs. Only a case
    whose PVs are sealed is copied. `models` defaults to the PVs rebuilt from the vault.

    :raises PermissionDenied: the account may not export.
    :raises ExportError: unknown case, or no sealed PV to pseudonymise.
    :raises ExportCancelled: `cancelled()` became true.
    :raises NotWritable, DiskFull: the target cannot be written.
    """
    from desktop.core.export.pieces import check_piece
    from desktop.core.export.pseudonym import (
        identity_table,
        initials_name,
        pseudonymise,
        render_pseudonymised,
        seal_reports_initials,
    )
    from desktop.core.seal.seal import seal_pdf

    started = time.perf_counter()
    check_can_export(session)
    step = Progress(progress, cancelled)
    step(0.0, "Vérification du dossier")
    out_dir = Path(out_dir)
    case = get_case(session, case_id)
    writer.prepare_target(out_dir)
    collected = collect_pieces(session, case_id, progress=step.span(0.02, 0.3, "Vérification"))
    if models is None:
        models = case_models(session, collected)
    if not models:
        raise ExportError("Ce dossier n'a pas de PV scellé à pseudonymiser : rien n'a été écrit.")
    from desktop.core.export.pseudo_addenda import add_addenda_names, pseudonymised_addenda
    from desktop.core.pv.addendum import addenda_of

    # the vault document of each model (same order as case_models): its addenda follow it
    pv_ids = [p.vault_document_id for p in collected.pieces if p.kind == "pv_audition"]
    table = identity_table(session.persons.for_case(case_id), *models)
    for pv_id in pv_ids:
        add_addenda_names(table, addenda_of(session, pv_id) if pv_id is not None else ())
    table.add_confirmed(extra_names)
    signer = _signer(session, signer)
    short = initials_name(getattr(signer, "display_name", ""))  # the stamp shows initials
    pieces: list[Piece] = []
    for i, doc in enumerate(models):
        step(0.3 + 0.5 * i / len(models), "Pseudonymisation et sceau")
        copy = pseudonymise(doc, table)
        rendered = render_pseudonymised(copy)
        pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals, stamp_name=short)
        n = len(pieces) + 1
        name = f"{n:02d}-proces-verbal-audition-copie-pseudonymisee.pdf"
        pieces.append(
            Piece(
                file=name,
                kind="pv_audition_pseudonymise",
                label="Procès-verbal d'audition (copie pseudonymisée)",
                title="",
                content=pdf,
                report=seal_reports_initials(check_piece(name, pdf)),
            )
        )
        if i < len(pv_ids) and pv_ids[i] is not None:  # its mentions complémentaires
            pieces += pseudonymised_addenda(
                session, pv_ids[i], copy, pdf, table, signer, short, len(pieces) + 1
            )
    step(0.8, "Bordereau")
    made = w.to_local(datetime.now(UTC))
    exporter = {**who(session, signer), "seal_who": short, "stamp_name": short}
    # a login is often « prénom.nom »: the copy names the account by its initials too
    exporter["login"] = initials_name(re.sub(r"[._\d]+", " ", exporter["login"]).title())
    bound = bound_manifest(
        mf.KIND_PSEUDONYMISED,
        {"service": table.scrub(case.service)},
        exporter,
        pieces,
        [],
        None,
        session.audit.head(),
        versions(session, case_id, pieces, _bordereau_version()),
        utc_now(),
    )
    files, full = assemble(bound, pieces, signer, made, exporter)
    path = writer.write_bundle(
        out_dir,
        bundle_name("copie-pseudonymisee", made),
        files,
        step.span(0.9, 0.99, "Écriture"),
    )
    session.audit.append(session.user_id, "export.pseudonymised", case_id)
    log_event("export.pseudonymised", case=case_id, pieces=len(pieces))
    step.done("Copie pseudonymisée terminée")
    return ExportResult(
        path, mf.KIND_PSEUDONYMISED, full, time.perf_counter() - started, phases=step.phases
    )
