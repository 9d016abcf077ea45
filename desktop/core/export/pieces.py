"""Which sealed documents of a case leave the vault, checked, in order (pieces.yaml).

    policy = load_policy()
    pieces, skipped = collect_pieces(session, case_id, policy)

Every piece is read from the vault, compared with the SHA-256 stored beside it and checked
with the strict seal verifier before anything is written. A case whose PV is missing, not
sealed, or whose seal no longer verifies is refused (NotSealed), naming the document.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from desktop.core.errors import TrameError
from desktop.core.export.errors import NotSealed
from desktop.core.seal.verify import Unreadable, VerifyReport, verify_pdf

POLICY_FILE = Path(__file__).with_name("pieces.yaml")
_RULE_KEYS = {"kind", "label", "file", "required", "requires_transmission", "record_kind"}


@dataclass(frozen=True)
class PieceRule:
    kind: str
    label: str
    file: str
    required: bool = False  # the case is refused without a sealed document of this kind
    requires_transmission: bool = False  # exported only once transmitted (the CMI)
    record_kind: str = ""  # records of this kind must each have a sealed document


@dataclass(frozen=True)
class Policy:
    version: str
    rules: tuple[PieceRule, ...]
    annex: PieceRule

    def rule_for(self, kind: str) -> PieceRule:
        for rule in self.rules:
            if rule.kind == kind:
                return rule
        return self.annex

    def order(self, kind: str) -> int:
        for i, rule in enumerate(self.rules):
            if rule.kind == kind:
                return i
        return len(self.rules)


def _rule(data: object, where: str, annex: bool = False) -> PieceRule:
    if not isinstance(data, dict):
        raise TrameError(f"« {POLICY_FILE} » : {where} doit être un dictionnaire.")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise TrameError(
            f"« {POLICY_FILE} » : clé(s) inconnue(s) {', '.join(sorted(unknown))} dans {where}."
        )
    needed = {"label", "file"} if annex else {"kind", "label", "file"}
    missing = needed - set(data)
    if missing:
        raise TrameError(
            f"« {POLICY_FILE} » : clé(s) manquante(s) {', '.join(sorted(missing))} dans {where}."
        )
    return PieceRule(
        kind=str(data.get("kind", "")),
        label=str(data["label"]),
        file=slug(str(data["file"])),
        required=bool(data.get("required", False)),
        requires_transmission=bool(data.get("requires_transmission", False)),
        record_kind=str(data.get("record_kind", "")),
    )


@cache
def load_policy() -> Policy:
    try:
        data = yaml.safe_load(POLICY_FILE.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TrameError(f"Règles d'export illisibles (« {POLICY_FILE} ») : {exc}") from None
    if not isinstance(data, dict) or set(data) != {"version", "pieces", "annex"}:
        raise TrameError(f"« {POLICY_FILE} » : clés attendues version, pieces, annex.")
    rules = tuple(_rule(r, f"pieces[{i}]") for i, r in enumerate(data["pieces"] or []))
    return Policy(str(data["version"]), rules, _rule(data["annex"], "annex", annex=True))


def slug(text: str) -> str:
    """A file-name-safe piece of text (ASCII letters, digits, dashes)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")[:60] or "piece"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Piece:
    """One sealed PDF ready to be written into a bundle."""

    file: str
    kind: str
    label: str
    title: str
    content: bytes
    report: VerifyReport
    vault_document_id: int | None = None
    record_id: int | None = None
    sha256: str = ""

    def __post_init__(self):
        self.sha256 = self.sha256 or sha256(self.content)

    @property
    def document_id(self) -> str:
        return self.report.document_id

    def manifest_entry(self) -> dict:
        props = self.report.properties
        return {
            "file": self.file,
            "sha256": self.sha256,
            "size": len(self.content),
            "kind": self.kind,
            "label": self.label,
            "document_id": props.get("documentId", ""),
            "form": _versioned(props.get("formId", ""), props.get("formVersion", "")),
            "template": _versioned(props.get("templateId", ""), props.get("templateVersion", "")),
            "audit_head": props.get("auditHead", ""),
            "recording_sha256": props.get("recordingSha256", ""),
            "seals": [
                {
                    "field": s.field,
                    "signer": s.signer,
                    "time": s.claimed_time.isoformat() if s.claimed_time else "",
                    "certificate_sha256": s.fingerprint.replace(":", "").lower(),
                }
                for s in self.report.seals
            ],
        }


def _versioned(ident: str, version: str) -> dict:
    return {"id": ident, "version": version} if ident else {}


@dataclass
class Skipped:
    vault_document_id: int
    title: str
    reason: str


@dataclass
class Collected:
    pieces: list[Piece] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _transmitted_documents(session, case_id: int) -> set[int]:
    db = session.cases_db
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cmi_transmissions'"
    ).fetchone()
    if not exists:
        return set()
    rows = db.execute(
        "SELECT document_id FROM cmi_transmissions WHERE case_id = ? AND document_id IS NOT NULL",
        (case_id,),
    ).fetchall()
    return {r[0] for r in rows}


def _label(doc, rule: PieceRule) -> str:
    return doc.title or rule.label


def check_piece(name: str, content: bytes) -> VerifyReport:
    """The strict seal check of one piece; NotSealed naming it when it fails."""
    try:
        report = verify_pdf(content)
    except Unreadable as exc:
        raise NotSealed(
            f"« {name} » est illisible ({exc.message}) : export refusé, rien n'a été écrit."
        ) from None
    if not report.valid:
        raise NotSealed(
            f"Le sceau de « {name} » ne se vérifie pas : {report.reason} "
            "Export refusé, rien n'a été écrit."
        )
    return report


def collect_pieces(session, case_id: int, policy: Policy | None = None, progress=None) -> Collected:
    """Read, check and order the sealed documents of a case. Nothing is written."""
    policy = policy or load_policy()
    docs = session.documents.for_case(case_id)
    transmitted = _transmitted_documents(session, case_id)
    out = Collected()
    chosen = []
    for doc in docs:
        rule = policy.rule_for(doc.kind)
        if rule.requires_transmission and doc.id not in transmitted:
            continue  # medical secrecy: not even listed
        if not doc.sealed:
            out.skipped.append(Skipped(doc.id, _label(doc, rule), "projet non scellé"))
            continue
        chosen.append((doc, rule))
    _require_sealed_pvs(session, case_id, policy, docs, chosen)
    chosen.sort(key=lambda dr: (policy.order(dr[1].kind or dr[0].kind), dr[0].id))
    for n, (doc, rule) in enumerate(chosen, start=1):
        if progress:
            progress(n - 1, len(chosen), _label(doc, rule))
        content = session.documents.content(doc.id)
        name = _label(doc, rule)
        if sha256(content) != doc.sha256:
            raise NotSealed(
                f"« {name} » (document n° {doc.id}) ne correspond plus à l'empreinte enregistrée "
                "dans le coffre : export refusé, rien n'a été écrit."
            )
        report = check_piece(name, content)
        kind = doc.kind if rule is not policy.annex else report.properties.get("documentKind", "")
        rule = policy.rule_for(kind) if rule is policy.annex else rule
        out.pieces.append(
            Piece(
                file=f"{n:02d}-{rule.file}.pdf",
                kind=kind or doc.kind,
                label=rule.label if rule is not policy.annex else name,
                title=doc.title,
                content=content,
                report=report,
                vault_document_id=doc.id,
                record_id=doc.record_id,
            )
        )
    return out


def _require_sealed_pvs(session, case_id, policy: Policy, docs, chosen) -> None:
    for rule in policy.rules:
        if not rule.required:
            continue
        sealed = [d for d, r in chosen if r is rule]
        drafts = [d for d in docs if d.kind == rule.kind and not d.sealed]
        covered = {d.record_id for d in sealed}
        loose = sum(1 for d in sealed if d.record_id is None)
        pending = [d for d in drafts if d.record_id is None or d.record_id not in covered]
        records = session.records.for_case(case_id, rule.record_kind) if rule.record_kind else []
        missing = [r for r in records if r.id not in covered]
        if len(missing) <= loose:
            missing = []
        if not sealed or pending or missing:
            what = rule.label.lower()
            detail = ""
            if pending:
                detail = f" (projet non scellé : document n° {pending[0].id})"
            elif missing:
                detail = f" (enregistrement n° {missing[0].id} sans PV scellé)"
            raise NotSealed(
                f"Ce dossier n'a pas de {what} scellé{detail} : scellez le PV avant de "
                "l'exporter vers la procédure. Rien n'a été écrit."
            )
