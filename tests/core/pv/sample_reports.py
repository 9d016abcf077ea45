"""The fiche de signalement and the UAPED report of the sample case (desktop.core.sample),
as the application builds them (desktop.core.pv.report_builder), for the tests that render
or seal a report model without a vault of their own."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from desktop.core import servicetime
from desktop.core.pv.binding import bind
from desktop.core.pv.builder import build_report  # (re-exported there: import order)
from desktop.core.pv.model import ReportDocument, Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.sample import PARIS, create_fiche, create_persons, create_uaped, demo_data
from desktop.core.vault import Vault
from tests.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, UAPED_PASSWORD, fast_kdf

BASE = datetime(2026, 11, 26, 14, 30, tzinfo=PARIS)


@cache
def sample_reports() -> dict[str, ReportDocument]:
    """{"fiche_signalement": …, "rapport_uaped": …}, both signed; built once per process in a
    throw-away vault (an enquêteur writes the fiche, the UAPED coordinator its report)."""
    home = Path(tempfile.mkdtemp(prefix="trame-rapports-"))
    zone = servicetime.service_zone_name()  # unlocking applies the vault's zone: keep the test's
    try:
        kdf = fast_kdf()
        Vault.create(home, "admin", ADMIN_PASSWORD, kdf=kdf)
        vault = Vault(home, kdf)
        with vault.unlock("admin", ADMIN_PASSWORD) as admin:
            admin.add_user("enqueteur", OFFICER_PASSWORD, "enqueteur")
            admin.add_user("uaped", UAPED_PASSWORD, "uaped")
        data = demo_data()
        with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
            case, victim = create_persons(s, data)
            fiche = create_fiche(s, data, case, victim, BASE + timedelta(hours=3))
            out = {"fiche_signalement": build_report(s, fiche.id)}
        with vault.unlock("uaped", UAPED_PASSWORD) as s:
            rec = create_uaped(s, data, s.cases.get(case.id), s.persons.get(victim.id), BASE)
            who = data["uaped_author"]
            pad = Signer(
                "auteur du rapport",
                who["name"],
                who["quality"],
                SignStatus.SIGNED,
                image_png=signature_png(who["name"], 5),
            )
            out["rapport_uaped"] = bind(build_report(s, rec.id, signer=pad))
        return out
    finally:
        servicetime.set_service_zone(zone)
        shutil.rmtree(home, ignore_errors=True)
