"""Access, through real processes: an enquêteur reaches no medical data by the CLI, a disabled
account cannot unlock, and the delay after wrong passwords holds across restarts."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import time

from tests.conftest import OFFICER_PASSWORD
from tests.reliability.conftest import report


def trame(vault, *args, login="enqueteur", password=OFFICER_PASSWORD, extra=None):
    env = dict(os.environ, TRAME_HOME=str(vault.home), TRAME_USER=login, TRAME_PASSWORD=password)
    env.update(extra or {})
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_officer_cli_paths_never_reach_medical_data(vault, doctor_session, tmp_path):
    case = doctor_session.cases.create("2026/ACCES")
    rec = doctor_session.medical_records.create(case.id, "umj", "checklist_umj", "1")
    doctor_session.medical_records.set_answer(rec.id, "antecedents", "Secret médical fictif")
    doctor_session.close()
    out = tmp_path / "officier.trame"
    r = trame(vault, "backup", "--out", str(out))
    assert r.returncode == 0 and "base médicale n'y figure pas" in r.stdout
    with tarfile.open(out) as tar:
        assert "medical.db" not in tar.getnames()
    r = trame(
        vault,
        "users",
        "add",
        "intrus",
        "--role",
        "medecin",
        extra={"TRAME_NEW_PASSWORD": "un mot de passe long comme un hérisson nain"},
    )
    assert r.returncode == 1 and "médecin" in r.stderr
    r = trame(
        vault,
        "recover",
        "enqueteur",
        "--medical",
        extra={"TRAME_RECOVERY_KEY": "0000-0000-0000-0000-0000-0000-0000-0000"},
    )
    assert r.returncode == 1


def test_disabled_account_and_delay_across_restarts(vault, admin_session):
    admin_session.disable_user("enqueteur")
    admin_session.close()
    r = trame(vault, "cases", "list")
    assert r.returncode == 1 and "désactivé" in r.stderr
    # three wrong passwords in three processes, then a delay even for the right one
    for _ in range(3):
        r = trame(vault, "cases", "list", login="uaped", password="mauvais mot de passe")
        assert r.returncode == 1 and "incorrect" in r.stderr
    started = time.monotonic()
    r = trame(vault, "cases", "list", login="uaped", password="coordination des goélands rieurs")
    assert r.returncode == 1 and "réessayez dans" in r.stderr
    report(
        "accès",
        compte_desactive="refusé",
        delai_apres_redemarrage="oui",
        refus_en_s=round(time.monotonic() - started, 2),
    )
