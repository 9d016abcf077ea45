"""Plaintext leakage: after a full scripted session (demo hearing with checklists, seals,
export, pseudonymised copy, backup, audit check, a crash mid-write), the case's words appear
in no file outside the PDFs the user explicitly exported — data folder, temp folder, home
(Qt caches, config, logs) — in UTF-8 or UTF-16LE."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from desktop.core.paths import package_root
from tests.reliability.conftest import report
from tests.support.crash import kill_cycles

PASSWORD = "mot de passe de la session scriptée"


def canaries() -> list[str]:
    """Distinctive words of the fictional demo case: names, statements, confidential data."""
    case = yaml.safe_load(
        (package_root() / "core" / "sample" / "demo_case.yaml").read_text("utf-8")
    )
    pairs = case["transcript"]["pairs"]
    return [
        case["hearing"]["victime_scolarite"],  # identity detail
        case["hearing"]["victime_autorite_parentale"],  # a relative's name
        pairs[1][1],  # the minor's own words
        pairs[14][1],
        case["umj"]["antecedents"],  # confidential medical record
        "Martin Léa",
        "Léa MARTIN",
    ]


def _run(env, *args, check=True):
    r = subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
    )
    if check:
        assert r.returncode == 0, (args, r.stdout[-2000:], r.stderr[-2000:])
    return r


CRASH_WRITER = textwrap.dedent(
    """
    import sys
    from desktop.core.vault import Vault
    home, password, words = sys.argv[1], sys.argv[2], sys.argv[3]
    with Vault(home).unlock(None, password) as s:
        case = s.cases.list()[0]
        rec = s.records.for_case(case.id)[0]
        print("ready", flush=True)
        while True:
            e = s.transcript.append(rec.id, "note", note=words)
            print(e.id, flush=True)
    """
)


def _scan(roots: list[Path], needles: dict[str, bytes], exclude: set[Path]) -> list[str]:
    hits = []
    for root in roots:
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                path = Path(dirpath) / name
                if path in exclude:
                    continue
                try:
                    data = path.read_bytes()
                except OSError:
                    continue
                hits += [f"{path} ({label})" for label, n in needles.items() if n in data]
    return hits


def test_no_plaintext_outside_exported_pdfs(tmp_path):
    home = tmp_path / "home"
    tmp = tmp_path / "tmp"
    for d in (home, tmp):
        d.mkdir()
    env = dict(
        os.environ,
        HOME=str(home),
        TMPDIR=str(tmp),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_RUNTIME_DIR=str(tmp / "run"),
        TRAME_HOME=str(home / "coffre"),
        TRAME_PASSWORD=PASSWORD,
        TRAME_KDF_SECONDS="0.05",
        QT_QPA_PLATFORM="offscreen",
        TRAME_LOG_FILE=str(home / "trame.log"),  # logs on: they must carry ids only
    )
    env.pop("TRAME_USER", None)
    out = home / "pdf"
    _run(env, "demo", "--out", str(out))
    case_id = _run(env, "cases", "list").stdout.split("\t")[0]
    officer = {**env, "TRAME_USER": "enqueteur.demo"}  # the demo officer holds a certificate
    _run(officer, "export", case_id, "--out", str(home / "export"))
    _run(officer, "export", case_id, "--out", str(home / "export-pseudo"), "--pseudonymised")
    _run(env, "backup", "--out", str(home / "sauvegarde.trame"))
    _run(env, "audit", "verify")
    words = canaries()
    lines = kill_cycles(CRASH_WRITER, [env["TRAME_HOME"], PASSWORD, words[2]], cycles=3)
    assert lines  # the crash happened mid-write, after real writes
    _run(env, "audit", "verify")

    assert (home / "trame.log").stat().st_size > 0
    exported = {p for p in home.rglob("*.pdf")}
    assert len(exported) >= 6
    needles = {}
    for i, w in enumerate(words):
        needles[f"canari {i} utf-8"] = w.encode("utf-8")
        needles[f"canari {i} utf-16le"] = w.encode("utf-16-le")
    hits = _scan([home, tmp], needles, exclude=exported)
    scanned = sum(1 for root in (home, tmp) for _ in root.rglob("*") if _.is_file())
    report("fuite", fichiers_examines=scanned, canaris=len(words), fuites=len(hits))
    assert hits == []
    # The test can fail: the same canaries are found in the exported (plaintext) PDFs' text.
    text = subprocess.run(
        ["pdftotext", str(out / "pv-audition.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "rencontré sur Snap" in text
    assert "Jean-Moulin" not in text  # the school stays in the vault (706-57 domiciliation)

    # Audit: every user-visible action of the session left its entry, and the chain holds.
    from desktop.core.vault import Vault

    with Vault(Path(env["TRAME_HOME"])).unlock("medecin.demo", PASSWORD) as s:
        actions = {e.action for e in s.audit.entries()}
        chain = s.audit.verify()
    expected = {
        "vault.init",
        "user.add",
        "cert.add",
        "vault.unlock",
        "case.create",
        "person.add",
        "case.record.create",
        "case.answer",
        "transcript.add",
        "medical.open",
        "medical.record.create",
        "medical.answer",
        "document.seal",
        "cmi.transmit",
        "export.case",
        "export.pseudonymised",
        "vault.backup",
    }
    report(
        "audit",
        actions_attendues=len(expected),
        manquantes=len(expected - actions),
        chaine="intacte" if chain.ok else "rompue",
        entrees=chain.count,
    )
    assert expected <= actions, expected - actions
    assert chain.ok
