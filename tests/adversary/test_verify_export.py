"""Adversary: « Vérifier un export » (desktop.core.admin.bundle_check, the same use case as
`trame verify-bundle`) on real bundles altered with links, FIFOs, swapped pieces and odd
Unicode names: never VALIDE for what is not the exported bytes, never a hang or a crash."""

from __future__ import annotations

import os
import shutil
import unicodedata

import pytest

from desktop.core.admin.bundle_check import check_bundle
from desktop.core.export.bundle import export_case
from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from tests.core.export.export_fixtures import build_case


@pytest.fixture(scope="module")
def signer():
    return SoftwareSigner(certs.create("Camille DURAND", organization="PP (fictive)"))


@pytest.fixture
def bundle(officer_session, signer, tmp_path):
    data = build_case(officer_session, signer)
    return export_case(officer_session, data.case_id, tmp_path / "out", signer=signer).path


def _pieces(path):
    return sorted(p.name for p in path.iterdir() if p.name.endswith(".pdf"))


def test_fifo_in_place_of_a_piece_is_invalid_without_hanging(bundle):
    piece = _pieces(bundle)[0]
    (bundle / piece).unlink()
    os.mkfifo(bundle / piece)
    verdict = check_bundle(bundle)
    assert verdict.exit_code == 1 and any(x.name == piece and not x.ok for x in verdict.lines)


def test_extra_fifo_is_reported_as_added(bundle):
    os.mkfifo(bundle / "zz-ajout.pdf")
    verdict = check_bundle(bundle)
    assert verdict.exit_code == 1
    assert any(line.name == "zz-ajout.pdf" and not line.ok for line in verdict.lines)


def test_swapped_pieces_are_invalid(bundle):
    a, b = _pieces(bundle)[:2]
    tmp = bundle / "swap.tmp"
    os.replace(bundle / a, tmp)
    os.replace(bundle / b, bundle / a)
    os.replace(tmp, bundle / b)
    verdict = check_bundle(bundle)
    assert verdict.exit_code == 1
    assert {a, b} <= {line.name for line in verdict.lines if not line.ok}


def test_link_to_dev_zero_is_invalid_without_hanging(bundle):
    piece = _pieces(bundle)[0]
    (bundle / piece).unlink()
    (bundle / piece).symlink_to("/dev/zero")
    assert check_bundle(bundle).exit_code == 1


def test_nfd_renamed_piece_is_not_valid(bundle, tmp_path):
    piece = _pieces(bundle)[0]
    nfd = unicodedata.normalize("NFD", piece.replace("-", "-é-", 1))
    os.replace(bundle / piece, bundle / nfd)
    verdict = check_bundle(bundle)
    assert verdict.exit_code == 1


def test_manifest_name_with_bidi_override_is_refused(bundle):
    import json

    from desktop.core.export import manifest as mf

    raw = json.loads((bundle / mf.MANIFEST_FILE).read_text("utf-8"))
    old = raw["pieces"][0]["file"]
    new = "\u202efdp.pdf"
    raw["pieces"][0]["file"] = new
    os.replace(bundle / old, bundle / new)
    (bundle / mf.MANIFEST_FILE).write_text(json.dumps(raw), "utf-8")
    assert check_bundle(bundle).exit_code == 1


def test_bundle_folder_that_is_a_symlink_to_a_valid_bundle_still_verifies(bundle, tmp_path):
    link = tmp_path / "lien"
    link.symlink_to(bundle, target_is_directory=True)
    assert check_bundle(link).exit_code == 0
    shutil.rmtree(bundle)
    assert check_bundle(link).exit_code == 2
