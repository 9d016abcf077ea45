"""Fixtures of the export tests: a real certificate and a real case (export_fixtures.py)."""

from __future__ import annotations

import pytest

from desktop.core.seal import certs
from desktop.core.seal.signer import SoftwareSigner
from tests.core.export.export_fixtures import build_case


@pytest.fixture(scope="session")
def cert_bundle():
    return certs.create("Camille DURAND", organization="Préfecture de police (fictive)")


@pytest.fixture
def signer(cert_bundle):
    return SoftwareSigner(cert_bundle)


@pytest.fixture
def case_data(officer_session, signer):
    return build_case(officer_session, signer)
