"""The commands on a real demo vault: `trame demo`, `trame export`, `trame verify-bundle`,
exit codes 0 / 1 / 2, the pseudonymised copy rebuilt from the vault by the PV builder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from desktop.core.export import manifest as mf

PASSWORD = "démonstration du lundi au gratin 31"
OFFICER = "enqueteur.demo"
# identity strings of the demo case (desktop/core/sample/demo_case.yaml)
DEMO_IDENTITY = [
    "Martin",
    "Léa",
    "Lili",
    "14/03/2012",
    "2012-03-14",
    "Sophie",
    "Noémie",
    "LEFÈVRE",
    "ŒHLER",
    "Étienne",
    "2026/DEMO-0417",
]


def _env(home: Path, user: str | None = OFFICER) -> dict:
    env = dict(os.environ)
    env.update(TRAME_HOME=str(home), TRAME_PASSWORD=PASSWORD, TRAME_KDF_SECONDS="0.02")
    env.pop("TRAME_USER", None)
    if user:
        env["TRAME_USER"] = user
    return env


def trame(home: Path, *args, user: str | None = OFFICER, check_rc: int | None = None):
    r = subprocess.run(
        [sys.executable, "-m", "desktop", *map(str, args)],
        env=_env(home, user),
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check_rc is not None:
        assert r.returncode == check_rc, (r.stdout, r.stderr)
    return r


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    home = root / "home"
    trame(home, "demo", "--out", root / "docs", user=None, check_rc=0)
    return home, root


def _bundle_path(stdout: str) -> Path:
    return Path(re.search(r"écrite? : « (.+?) »", stdout).group(1))


def test_export_and_verify_bundle_exit_codes(demo, tmp_path):
    home, root = demo
    r = trame(home, "export", "2026/DEMO-0417", "--out", tmp_path, check_rc=0)
    path = _bundle_path(r.stdout)
    # PV, renseignement, UAPED, CMI, bordereau, fiche, addendum
    assert "7 pièces scellées" in r.stdout
    v = trame(home, "verify-bundle", path, user=None, check_rc=0)
    assert v.stdout.startswith("VALIDE")
    (piece,) = path.glob("*-rapport-uaped.pdf")
    data = bytearray(piece.read_bytes())
    data[len(data) // 2] ^= 0xFF
    piece.write_bytes(bytes(data))
    v = trame(home, "verify-bundle", path, user=None, check_rc=1)
    assert v.stdout.startswith("INVALIDE") and "03-rapport-uaped.pdf" in v.stdout
    assert trame(home, "verify-bundle", root / "docs", user=None, check_rc=2).stdout.startswith(
        "ILLISIBLE"
    )
    assert trame(home, "verify-bundle", tmp_path / "absent", user=None, check_rc=2)


def test_recording_is_hashed_with_its_scelle(demo, tmp_path):
    home, _ = demo
    rec = tmp_path / "audition.mp4"
    rec.write_bytes(os.urandom(300_000))
    r = trame(
        home, "export", "1", "--out", tmp_path / "o", "--recording", rec, "--scelle", "2026-412"
    )
    assert r.returncode == 0, r.stderr
    path = _bundle_path(r.stdout)
    trame(home, "verify-bundle", path, "--recording", rec, user=None, check_rc=0)
    other = tmp_path / "autre.mp4"
    other.write_bytes(b"pas le bon fichier")
    v = trame(home, "verify-bundle", path, "--recording", other, user=None, check_rc=1)
    assert "autre.mp4" in v.stdout and "scellé n° 2026-412" in v.stdout


def test_bad_input_gets_a_french_message_and_writes_nothing(demo, tmp_path):
    home, _ = demo
    out = tmp_path / "o"
    r = trame(
        home, "export", "1", "--out", out, "--recording", tmp_path / "absent.mp4", "--scelle", "1"
    )
    assert r.returncode == 1 and "Enregistrement illisible" in r.stderr
    assert not out.exists() or list(out.iterdir()) == []
    r = trame(home, "export", "1", "--out", out, "--recording", tmp_path / "absent.mp4")
    assert r.returncode == 1 and "--scelle" in r.stderr
    r = trame(home, "export", "999", "--out", out)
    assert r.returncode == 1 and "introuvable" in r.stderr
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    r = trame(home, "export", "1", "--out", blocker)
    assert r.returncode == 1 and "dossier" in r.stderr.lower()
    r = trame(home, "export", "1", "--out", out, user="admin")  # no sealing certificate
    assert r.returncode == 1 and "certificat" in r.stderr
    assert not out.exists() or list(out.iterdir()) == []


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " ").replace("Œ", "OE"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def test_pseudonymised_copy_from_the_vault(demo, tmp_path):
    home, root = demo
    r = trame(home, "export", "1", "--out", tmp_path, "--pseudonymised", check_rc=0)
    path = _bundle_path(r.stdout)
    trame(home, "verify-bundle", path, user=None, check_rc=0)
    text = ""
    for f in sorted(path.iterdir()):
        if f.suffix == ".pdf":
            text += subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(f), "-"], capture_output=True, text=True
            ).stdout
        else:
            text += f.read_text("utf-8")
    folded = _fold(text)
    original = _fold(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(root / "docs" / "pv-audition.pdf"), "-"],
            capture_output=True,
            text=True,
        ).stdout
    )
    for s in DEMO_IDENTITY:
        pattern = rf"(?<!\w){re.escape(_fold(s))}(?!\w)"
        assert re.search(pattern, folded) is None, s
    assert (
        sum(
            re.search(rf"(?<!\w){re.escape(_fold(s))}(?!\w)", original) is not None
            for s in DEMO_IDENTITY
        )
        >= 8
    )
    assert "copie pseudonymisee" in folded and "l. m." in folded
    assert mf.KIND_PSEUDONYMISED in text


def test_mark_transmitted_then_purge(demo, tmp_path):
    """Last in this module: it removes the demo case."""
    home, _ = demo
    r = trame(home, "purge", "1", "--yes")
    assert r.returncode == 1 and "transmis" in r.stderr
    trame(home, "export", "1", "--out", tmp_path / "remis", check_rc=0)  # « transmis » needs it
    trame(home, "mark-transmitted", "1", check_rc=0)
    r = trame(home, "purge", "1")
    assert r.returncode == 1 and "--yes" in r.stderr
    r = trame(home, "purge", "--due", check_rc=0)
    assert r.stdout.startswith("1\t2026/DEMO-0417")
    r = trame(home, "purge", "1", "--yes", check_rc=0)
    assert "purgé" in r.stdout and "base médicale" in r.stdout
    assert "Purges médicales en attente : 1" in trame(home, "purge", "--due", check_rc=0).stdout
    r = trame(home, "export", "1", "--out", tmp_path)
    assert r.returncode == 1 and "introuvable" in r.stderr
