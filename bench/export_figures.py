"""Export figures: a procedure bundle with a 30-page PV and a 100 MiB recording, its
verification, and a purge, each against its bare baseline in the same run.

Add "bench.export_figures" to FIGURE_MODULES in bench/__main__.py to run it with `make bench`.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from bench.common import PASSWORD, Figure, scratch
from desktop.core.export.bundle import export_case
from desktop.core.export.retention import mark_transmitted, purge_case
from desktop.core.export.verify import verify_bundle
from desktop.core.pv.sample import sample_cmi
from desktop.core.sample import base_time, create_sealed_case, demo_data, variant
from desktop.core.seal import certs
from desktop.core.seal.documents import seal_document
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.vault import Vault, crypto

RECORDING_MIB = 100


def make_case(session, signer, recording_sha256: str, pairs: int = 470) -> int:
    """The sample case (desktop.core.sample) with a sealed PV of about 30 pages, its sealed
    fiche and a transmitted CMI."""
    data = demo_data()
    many = (data["transcript"]["pairs"] * (pairs // len(data["transcript"]["pairs"]) + 1))[:pairs]
    data = variant(
        data,
        {"hearing": {"enregistrement_sha256": recording_sha256}, "transcript": {"pairs": many}},
    )
    case = create_sealed_case(session, data, base_time(), signer)[0]
    cmi = session.documents.add(case.id, "cmi", seal_document(sample_cmi(), signer), sealed=True)
    session.cases_db.execute(
        "INSERT INTO cmi_transmissions (case_id, medical_record_id, exam_date, transmitted_at,"
        " transmitted_by, document_id) VALUES (?, 1, '2026-11-26T16:10', ?, ?, ?)",
        (case.id, "2026-11-26T17:00:00Z", session.user_id, cmi.id),
    )
    return case.id


def _baseline_copy(files: list[Path], recording: Path, target: Path) -> float:
    """What any export must do at least: hash the recording, copy the pieces, fsync."""
    start = time.perf_counter()
    h = hashlib.sha256()
    with open(recording, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    target.mkdir()
    for f in files:
        data = f.read_bytes()
        fd = os.open(target / f.name, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, data)
        os.fsync(fd)
        os.close(fd)
    return time.perf_counter() - start


def run() -> list[Figure]:
    figures: list[Figure] = []
    with scratch("export") as tmp:
        recording = tmp / "audition.mp4"
        with open(recording, "wb") as fh:
            for _ in range(RECORDING_MIB):
                fh.write(os.urandom(1 << 20))
        digest = hashlib.sha256(recording.read_bytes()).hexdigest()
        kdf = crypto.KdfParams(1, 65536, 1).with_new_salt()
        Vault.create(tmp / "v", "admin", PASSWORD, kdf=kdf)
        signer = SoftwareSigner(certs.create("Camille DURAND"))
        with Vault(tmp / "v", kdf).unlock("admin", PASSWORD) as s:
            case_id = make_case(s, signer, digest)
            result = export_case(
                s, case_id, tmp / "out", signer=signer, recording=recording, scelle="2026-412"
            )
            pieces = [result.path / p["file"] for p in result.pieces]
            base = _baseline_copy(pieces, recording, tmp / "copie")
            phases = ", ".join(f"{k} {v:.2f} s" for k, v in result.phases.items())
            figures.append(
                Figure(
                    f"Export vers la procédure (PV ~30 p., 3 pièces, enregistrement "
                    f"{RECORDING_MIB} Mio)",
                    result.seconds,
                    "s",
                    base,
                    "SHA-256 de l'enregistrement + copie des pièces avec fsync",
                    goal="≤ 3 s",
                    met=result.seconds <= 3,
                    note=phases,
                )
            )
            start = time.perf_counter()
            report = verify_bundle(result.path)
            verify = time.perf_counter() - start
            assert report.valid, report.problems
            start = time.perf_counter()
            for p in [*pieces, result.path / "bordereau-de-transmission.pdf"]:
                hashlib.sha256(p.read_bytes()).hexdigest()
            hashes = time.perf_counter() - start
            figures.append(
                Figure(
                    "verify-bundle (4 PDF : empreintes et sceaux)",
                    verify * 1000,
                    "ms",
                    hashes * 1000,
                    "SHA-256 des mêmes fichiers seul",
                    goal="≤ 1 s",
                    met=verify <= 1,
                )
            )
            with s.cases_db.transaction():
                for i in range(1000):
                    s.cases_db.execute(
                        "INSERT INTO cases (procedure_number, service, created_at, updated_at)"
                        " VALUES (?, 'BPM', '2026-01-01', '2026-01-01')",
                        (f"2026/{i:06d}",),
                    )
            mark_transmitted(s, case_id)
            start = time.perf_counter()
            purge_case(s, case_id, confirmed=True)
            purge = time.perf_counter() - start
            start = time.perf_counter()
            s.cases_db.execute("VACUUM")
            vacuum = time.perf_counter() - start
            figures.append(
                Figure(
                    "Purge d'un dossier transmis (suppression, index, VACUUM), 1 000 dossiers",
                    purge * 1000,
                    "ms",
                    vacuum * 1000,
                    "VACUUM seul du même coffre",
                    goal="≤ 2 s",
                    met=purge <= 2,
                )
            )
    return figures


if __name__ == "__main__":
    for f in run():
        print(f.to_dict())
