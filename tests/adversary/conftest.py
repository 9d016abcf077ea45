"""Fixtures of the adversary tests: the export tests' real certificate and signer."""

from tests.core.export.conftest import cert_bundle, signer  # noqa: F401
