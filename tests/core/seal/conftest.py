"""Fixtures for seal tests: a real RSA-3072 officer certificate, a sealed PV, poppler's pdfsig."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner


def pdfsig(path) -> str:
    """poppler's verdict. It exits 0 even on a digest mismatch: read its output."""
    exe = shutil.which("pdfsig")
    assert exe, "poppler-utils (pdfsig) est requis : lancez scripts/bootstrap.sh"
    out = subprocess.run([exe, str(path)], capture_output=True)
    return out.stdout.decode("utf-8", "replace") + out.stderr.decode("utf-8", "replace")


@pytest.fixture(scope="session")
def officer_bundle():
    return certs.create("Camille DURAND", "Préfecture de police", "BPM")


@pytest.fixture(scope="session")
def second_bundle():
    return certs.create("Yanis HADDAD", "Préfecture de police", "BPM")


@pytest.fixture(scope="session")
def officer_signer(officer_bundle):
    return SoftwareSigner(officer_bundle)


@pytest.fixture(scope="session")
def rendered_pv():
    return render_pv(sample_pv(pairs=8, pause_after=4))


@pytest.fixture(scope="session")
def sealed_pv(rendered_pv, officer_signer):
    return seal_pdf(rendered_pv.pdf, officer_signer, placements=rendered_pv.seals)
