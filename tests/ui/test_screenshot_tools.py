"""`make screenshots` produces every screen: the tools (devtools/screenshots.py and the
checklists' tests/ui/checklists/screenshots.py) drive the real application on a throw-away
vault, offscreen here. A screen whose preparation no longer matches the application (the
demo gained a document, the CMI a required field) stops the tool; this test says which."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

APP_SCREENS = [
    "00-premier-demarrage",
    "01-cles-de-secours",
    "02-deverrouillage-erreur",
    "03-dossiers",
    "04-dossiers-noms-affiches",
    "05-dossier",
    "06-trame-etape",
    "07-trame-etape-nichd",
    "08-transcription",
    "05b-dossier-documents",
    "05c-apercu-fiche-a-completer",
    "05d-apercu-pv-scelle",
    "05e-sceller",
    "05f-exporter",
    "09-verrouille",
    "10-accueil-rappel-sauvegarde",
    "11-sauvegarde",
    "12-restauration",
    "13-journal-audit",
    "14-conservation-purge",
    "15-certificats",
    "16-certificat-creation",
    "17-certificat-import",
    "17b-liste-de-confiance",
    "17c-liste-de-confiance-ajout",
    "18-verifier-export",
]

CHECKLIST_SCREENS = [
    "umj-0-accueil",
    "umj-1-schema-corporel",
    "umj-2-prelevements",
    "umj-3-consentement",
    "umj-4-erreur-date",
    "umj-5-cmi-transmis",
    "cmi-enqueteur",
    "uaped-0-accueil",
    "uaped-checklist",
    "uaped-audition",
    "schema-corporel",
]


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["TRAME_HOME"] = str(tmp_path / "jamais-utilise")  # the tools set their own vault
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,  # only against a hung run; the tools' own waits name what is stuck
    )


def _pngs(out: Path) -> set[str]:
    return {p.name for p in out.glob("*.png") if p.stat().st_size > 0}


@pytest.mark.slow
@pytest.mark.timeout(2000)
def test_the_application_screenshots_are_all_produced(tmp_path):
    out = tmp_path / "ecrans"
    r = _run(["devtools.screenshots", "--out", str(out), "--size", "1366x768"], tmp_path)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert "pas pu être préparés" not in r.stderr
    expected = {f"{name}-1366x768.png" for name in APP_SCREENS}
    assert expected - _pngs(out) == set()


@pytest.mark.slow
@pytest.mark.timeout(2000)
def test_the_checklist_screenshots_are_all_produced(tmp_path):
    out = tmp_path / "ecrans"
    r = _run(["tests.ui.checklists.screenshots", str(out)], tmp_path)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    expected = {f"{name}.png" for name in CHECKLIST_SCREENS}
    assert expected - _pngs(out) == set()
