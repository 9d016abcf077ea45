"""Adversary: a whole export re-made on another Trame install, with a look-alike key.

The forger swaps the original PV for his own, re-seals it, the addendum, the manifest and
the bordereau with a self-signed certificate named after the officer: every hash and every
seal agree. `trame verify-bundle` must then say that nobody known vouches for the seals.
Real vault, real export, real pyHanko seals, the real CLI."""

from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.core.export.bundle import export_case
from desktop.core.sample import base_time, create_case, demo_data
from desktop.core.seal import certs
from desktop.core.seal.publish import seal_hearing
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.trust import TrustList


@pytest.fixture(scope="module")
def genuine():
    return SoftwareSigner(certs.create("Camille DURAND", "Préfecture de police", "BPM"))


@pytest.fixture(scope="module")
def impostor():
    return SoftwareSigner(certs.create("Camille DURAND", "Préfecture de police", "BPM"))


def _export(session, signer, out):
    case, victim, rec, end = create_case(session, demo_data(), base_time())
    seal_hearing(session, rec.id, signer=signer)
    return export_case(session, case.id, out, signer=signer).path


def test_rebuilt_bundle_with_a_look_alike_key_is_told_apart(
    officer_session, genuine, impostor, tmp_path, capsys
):
    trust = TrustList.local()
    trust.add_fingerprint(genuine.fingerprint, "BPM Paris — capitaine DURAND")
    trust.save()
    real = _export(officer_session, genuine, tmp_path / "vrai")
    forged = _export(officer_session, impostor, tmp_path / "faux")

    assert main(["verify-bundle", str(real)]) == 0
    out = capsys.readouterr().out
    assert "certificat reconnu : BPM Paris — capitaine DURAND" in out
    assert "certificat inconnu" not in out

    code = main(["verify-bundle", str(forged)])
    out = capsys.readouterr().out
    assert f"certificat inconnu : empreinte {impostor.fingerprint}" in out, out
    assert "certificat reconnu" not in out
    assert code == 0  # integrity holds: the identity is what differs
    assert main(["verify-bundle", "--require-trusted", str(forged)]) == 1
    assert main(["verify-bundle", "--require-trusted", str(real)]) == 0
