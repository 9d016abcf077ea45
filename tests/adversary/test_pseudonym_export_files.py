"""Adversary: what the pseudonymised bundle holds besides the PV text — the bordereau, the
manifest, file names. An account login is often « prénom.nom »: the copy must not print it."""

from __future__ import annotations

import json

from desktop.core.export.bundle import export_pseudonymised
from tests.conftest import ADMIN_PASSWORD
from tests.core.export.export_fixtures import build_case, pdftotext

LOGIN = "camille.durand"
PASSWORD = "mot de passe fictif de Camille"


def test_bundle_does_not_print_the_officers_login(vault, signer, tmp_path):
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        admin.add_user(LOGIN, PASSWORD, "enqueteur")
    with vault.unlock(LOGIN, PASSWORD) as s:
        data = build_case(s, signer)
        result = export_pseudonymised(
            s, data.case_id, tmp_path, models=[data.pv_model], signer=signer
        )
    leaks = []
    for path in sorted(result.path.iterdir()):
        if LOGIN in path.name or "durand" in path.name.lower():
            leaks.append(path.name)
        text = pdftotext(path.read_bytes()) if path.suffix == ".pdf" else path.read_text("utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if "durand" in text.lower():
            leaks.append(f"{path.name}: « durand »")
    assert leaks == []
