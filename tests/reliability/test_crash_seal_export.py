"""Crash while sealing and exporting: SIGKILL at random moments while sealed PDFs are stored
in the vault and procedure bundles are written. Every sealed document that was confirmed is
in the vault and VALIDE; every visible bundle is complete and verifies; no partial bundle."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core.export.verify import verify_bundle
from desktop.core.seal.verify import verify_pdf
from desktop.core.vault import Vault
from tests.reliability.conftest import report, scale
from tests.support.crash import kill_cycles

pytestmark = pytest.mark.timeout(scale(300, 3600))  # the torture run takes minutes

PASSWORD = "mot de passe de la torture des sceaux"

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop.core.export.bundle import export_case
    from desktop.core.pv.sample import sample_pv
    from bench.hooks.seal import render, seal
    from desktop.core.seal.store import CertificateStore
    from desktop.core.vault import Vault
    home, password, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    with Vault(home).unlock("enqueteur.demo", password) as s:
        signer = CertificateStore(s).signer()
        case = s.cases.list()[0]
        print("ready", flush=True)
        i = 0
        while True:
            if i % 2 == 0:
                pdf = seal(render(sample_pv(pairs=4)), signer)
                doc = s.documents.add(case.id, "annexe", pdf, sealed=True, title="annexe")
                print("D", doc.id, flush=True)
            else:
                result = export_case(s, case.id, out, signer=signer)
                print("E", result.path, flush=True)
            i += 1
    """
)


def test_sigkill_while_sealing_and_exporting(tmp_path):
    home, out = tmp_path / "coffre", tmp_path / "exports"
    out.mkdir()
    env = dict(os.environ, TRAME_HOME=str(home), TRAME_PASSWORD=PASSWORD, TRAME_KDF_SECONDS="0.02")
    env.pop("TRAME_USER", None)
    subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--out", str(tmp_path / "pdf")],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    cycles = scale(12, 200)
    lines = kill_cycles(WRITER, [str(home), PASSWORD, str(out)], cycles, window=(0.5, 3.0))
    docs = [int(ln.split()[1]) for ln in lines if ln.startswith("D ")]
    bundles = [Path(ln.split(maxsplit=1)[1]) for ln in lines if ln.startswith("E ")]
    lost = invalid = 0
    with Vault(home).unlock("enqueteur.demo", PASSWORD) as s:
        for doc_id in docs:
            try:
                lost += not verify_pdf(s.documents.content(doc_id)).valid
            except Exception:  # noqa: BLE001 - a missing document is a loss
                lost += 1
        assert s.cases_db.integrity_errors() == []
    visible = [p for p in out.iterdir() if not p.name.startswith(".")]
    for bundle in visible:
        invalid += not verify_bundle(bundle).valid
    assert set(bundles) <= set(visible)
    report(
        "crash sceaux et exports",
        cycles=cycles,
        documents_scelles=len(docs),
        exports=len(visible),
        perdus=lost,
        exports_partiels=invalid,
    )
    assert docs and lost == 0 and invalid == 0
