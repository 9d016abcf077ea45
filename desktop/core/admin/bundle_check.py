"""The verdict on an exported bundle, in French, piece by piece: what `trame verify-bundle`
prints and what « Vérifier un export » shows (one use case, two front ends).

    verdict = check_bundle(Path("Trame-2026-004217-…"), recording=None)
    verdict.exit_code      # 0 valid, 1 invalid, 2 unreadable (the CLI's exit codes)
    verdict.headline       # « VALIDE — export « … » : 4 pièces, … »
    verdict.lines          # [PieceLine(name, ok, reason), …]

The checks themselves are desktop.core.export.verify.verify_bundle (SHA-256 of each piece
against the manifest, art. A.53-6 CPP; every seal; the sealed bordereau).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class PieceLine:
    name: str
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class BundleVerdict:
    exit_code: int  # 0 valid, 1 invalid, 2 unreadable
    headline: str
    lines: list[PieceLine] = field(default_factory=list)
    identities: list[tuple[str, str]] = field(default_factory=list)  # (file, identity line)

    @property
    def valid(self) -> bool:
        return self.exit_code == 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def check_bundle(
    folder: Path, recording: Path | None = None, require_trusted: bool = False
) -> BundleVerdict:
    """Verify a bundle folder; never raises for a bad folder (exit code 2 and the reason).

    `require_trusted`: an unknown seal certificate makes the bundle invalid (exit 1)."""
    from desktop.core.export.errors import BundleUnreadable
    from desktop.core.export.verify import verify_bundle

    try:
        report = verify_bundle(Path(folder), recording=recording, require_trusted=require_trusted)
    except BundleUnreadable as exc:
        return BundleVerdict(2, f"ILLISIBLE — {exc.message}")
    data = report.manifest or {}
    kind = "copie pseudonymisée" if report.kind == "copie_pseudonymisee" else "export"
    failing = set(report.failing)
    lines = [PieceLine(name, True) for name in report.checked if name not in failing]
    if report.valid:
        n = len(data.get("pieces", []))
        headline = (
            f"VALIDE — {kind} « {report.path.name} » : {_plural(n, 'pièce')}, chaque "
            "empreinte et chaque sceau vérifiés ; bordereau et manifeste concordants ; "
            "aucune pièce retirée ni ajoutée."
        )
        lines += [  # issue 16: each sealed addendum, checked against its original
            PieceLine(f"{a} : mention complémentaire de {o}, à lire avec lui", True)
            for a, o in report.addenda
        ]
        if report.recording_checked:
            rec = data.get("recording") or {}
            lines.append(
                PieceLine(f"enregistrement conforme (scellé n° {rec.get('scelle', '?')})", True)
            )
        return BundleVerdict(0, headline, lines, report.identities)
    headline = (
        f"INVALIDE — {kind} « {report.path.name} » : "
        f"{_plural(len(report.failing), 'élément')} en défaut."
    )
    lines += [PieceLine(name, False, reason) for name, reason in report.problems]
    return BundleVerdict(1, headline, lines, report.identities)


def line_text(line: PieceLine) -> str:
    """« ✔ 01-pv.pdf » or « ✘ 02-rapport.pdf : pièce modifiée … »."""
    return f"✔ {line.name}" if line.ok else f"✘ {line.name} : {line.reason}"
