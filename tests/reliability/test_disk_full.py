"""Disk full on every write path that the vault tests do not already cover (answers and key
slots: tests/core/vault/test_disk_full.py; export: tests/core/export/test_atomic.py):
transcript entries, sealed documents, backups and PDFs written by `trame demo`.
Each time: a clear French message, existing data intact, no half-written file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.hooks.seal import bench_signer, render, seal
from desktop.core.errors import DiskFull
from desktop.core.pv.sample import sample_pv
from desktop.core.vault import Vault
from desktop.core.vault.backup import backup
from tests.conftest import ADMIN_PASSWORD, fast_kdf, fill_disk
from tests.reliability.conftest import report


@pytest.fixture
def full_vault(small_fs):
    home = small_fs / "coffre"
    kdf = fast_kdf()
    Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
    return Vault(home, kdf), small_fs


def test_transcript_and_sealed_documents_on_a_full_disk(full_vault):
    vault, fs = full_vault
    sealed = seal(render(sample_pv(pairs=6)), bench_signer())
    kept, messages = [], []
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        case = s.cases.create("2026/PLEIN")
        rec = s.records.create(case.id, "audition", "audition_mineur", "1")
        first = s.documents.add(case.id, "pv_audition", sealed, sealed=True)
        filler = fill_disk(fs, leave=32 * 1024)
        with pytest.raises(DiskFull) as err:
            for i in range(100_000):
                e = s.transcript.append(rec.id, "qr", question=f"Q{i}", answer="réponse " * 40)
                kept.append(e.id)
        messages.append(err.value.message)
        with pytest.raises(DiskFull) as err:
            for _ in range(100):
                s.documents.add(case.id, "pv_audition", sealed, sealed=True)
        messages.append(err.value.message)
    filler.unlink()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert s.cases_db.integrity_errors() == []
        assert [e.id for e in s.transcript.for_record(rec.id)][: len(kept)] == kept
        assert s.documents.content(first.id) == sealed
        assert s.audit.verify().ok
    report(
        "disque plein",
        chemins="transcription, documents scellés",
        entrees_conservees=len(kept),
        perdues=0,
    )
    assert all("Disque plein" in m for m in messages)


def test_backup_on_a_full_disk_leaves_no_partial_file(full_vault):
    vault, fs = full_vault
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        for i in range(50):
            s.cases.create(f"2026/{i:04d}")
        filler = fill_disk(fs, leave=8 * 1024)
        with pytest.raises(DiskFull) as err:
            backup(s, fs / "sauvegarde.trame")
        assert "Disque plein" in err.value.message
    leftovers = [
        p.name for p in fs.iterdir() if "sauvegarde" in p.name or ".trame-backup" in p.name
    ]
    assert leftovers == []
    filler.unlink()
    with vault.unlock("admin", ADMIN_PASSWORD) as s:
        assert len(s.cases.list()) == 50


def test_demo_pdfs_on_a_full_disk(small_fs, tmp_path):
    env = dict(
        os.environ,
        TRAME_HOME=str(tmp_path / "coffre"),
        TRAME_PASSWORD="girafe orageuse tisane boussole 2026",
        TRAME_KDF_SECONDS="0.02",
    )
    env.pop("TRAME_USER", None)
    out = small_fs / "pdf"
    out.mkdir()
    filler = fill_disk(small_fs, leave=16 * 1024)
    r = subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    filler.unlink()
    assert r.returncode == 1, r.stderr[-500:]
    assert "Disque plein" in r.stderr and "Traceback" not in r.stderr
    for pdf in out.glob("*"):  # whatever was written is whole: a complete, sealed PDF
        assert not pdf.name.startswith("."), pdf.name
        if pdf.suffix == ".pdf":
            assert pdf.read_bytes().rstrip().endswith(b"%%EOF")
