"""Issue 18: one time zone, the service's, for every printed date and time.

The demo runs in a real subprocess whose machine zone is UTC, then La Réunion, while the
service zone is Paris: the CMI, the UAPED report and their seals print the Paris time and day.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.core import servicetime
from desktop.core.pv import words as w
from desktop.core.seal.stamp import stamp_params

PARIS = ZoneInfo("Europe/Paris")
ROOT = Path(__file__).resolve().parents[3]


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return " ".join(out.stdout.decode().replace("\u00a0", " ").split())


def minutes_between(start: datetime, end: datetime) -> list[datetime]:
    at = start.replace(second=0, microsecond=0)
    out = []
    while at <= end:
        out.append(at)
        at += timedelta(minutes=1)
    return out


@pytest.mark.parametrize("machine_zone", ["UTC", "Indian/Reunion"])
def test_cmi_report_and_seals_print_paris_time_whatever_the_machine_zone(tmp_path, machine_zone):
    env = {
        **os.environ,
        "TZ": machine_zone,
        "PYTHONPATH": str(ROOT),
        "TRAME_HOME": str(tmp_path / "home"),
        "TRAME_KDF_SECONDS": "0.02",
        "TRAME_PASSWORD": "démonstration du lundi au gratin 31",
    }
    env.pop("TRAME_USER", None)
    out = tmp_path / "demo"
    before = datetime.now(UTC).astimezone(PARIS)
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "demo", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    after = datetime.now(UTC).astimezone(PARIS)
    assert run.returncode == 0, run.stderr
    # the subprocess really runs in another zone than Paris (the test is not vacuous)
    probe = subprocess.run(
        [sys.executable, "-c", "import time; print(time.strftime('%z'))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip() in ("+0000", "+0400")

    # every minute at which the documents may have been made, in Paris words
    candidates = [
        f"le {w.date_in_words(m.date(), article=False)} {w.year_in_words(m.year)}, "
        f"à {w.time_short(m.time())}".replace("\u00a0", " ")
        for m in minutes_between(before, after)
    ]
    for name, lead in (
        ("certificat-medical-initial.pdf", "Certificat établi "),
        ("rapport-uaped.pdf", "Rapport établi "),
    ):
        text = text_of(out / name)
        made = re.search(lead + r"(le .+?, à \d{1,2} h \d\d)", text)
        assert made, name
        assert made.group(1) in candidates, (name, made.group(1), candidates)
        if name.startswith("certificat"):
            # the demo CMI states the declared facts and a dated réquisition (issue 18)
            assert "La personne examinée déclare avoir été victime de violences le " in text
            assert re.search(r"Saisine : réquisition de .+?, n° 2026/DEMO-\S+, du \w", text)
        stamps = re.findall(r"Le : (\d\d/\d\d/\d{4} à \d\d:\d\d:\d\d) \(heure de Paris\)", text)
        assert stamps, name
        for stamp in stamps:
            sealed = datetime.strptime(stamp, "%d/%m/%Y à %H:%M:%S").replace(tzinfo=PARIS)
            assert before.replace(microsecond=0) <= sealed <= after, (name, stamp)
            # same day on the document and on its seal
            assert made.group(1).startswith(
                f"le {w.date_in_words(sealed.date(), article=False)} {w.year_in_words(sealed.year)}"
            )


@pytest.fixture
def reunion():
    servicetime.set_service_zone("Indian/Reunion")
    yield
    servicetime.set_service_zone(None)


def test_an_overseas_service_names_its_zone(reunion):
    noon_utc = datetime(2026, 3, 11, 20, 30, tzinfo=UTC)  # 21 h 30 Paris, 0 h 30 Réunion
    stamp = stamp_params("AB" * 16, noon_utc)["quand"]
    assert stamp == "12/03/2026 à 00:30:00 (heure de La Réunion, fuseau Indian/Reunion)"
    assert w.to_local(noon_utc) == datetime(2026, 3, 12, 0, 30)
    assert "La Réunion" in w.zone_suffix()


def test_paris_is_the_default_and_is_not_repeated_after_each_time():
    assert servicetime.service_zone_name() == "Europe/Paris"
    assert w.zone_suffix() == ""
    stamp = stamp_params("AB" * 16, datetime(2026, 3, 11, 20, 30, tzinfo=UTC))["quand"]
    assert stamp.endswith("21:30:00 (heure de Paris)")


def test_the_service_zone_is_a_vault_setting(vault, admin_session):
    from tests.conftest import OFFICER_PASSWORD

    try:
        servicetime.save_setting(admin_session, "Indian/Reunion")
        servicetime.set_service_zone(None)
        with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
            assert servicetime.service_zone_name() == "Indian/Reunion"
            assert s.settings.get(servicetime.SETTING_KEY) == "Indian/Reunion"
        with pytest.raises(Exception) as err:
            servicetime.save_setting(admin_session, "Mars/Olympus")
        assert "Fuseau horaire inconnu" in str(err.value)
    finally:
        servicetime.set_service_zone(None)


def test_every_document_names_an_overseas_zone(reunion):
    """PV, CMI and UAPED report: the time is followed by the zone when it is not Paris."""
    from desktop.core.pv.documents import render_cmi, render_report
    from desktop.core.pv.pv import render_pv
    from desktop.core.pv.sample import sample_cmi, sample_pv
    from tests.core.pv.sample_reports import sample_reports

    for rendered in (
        render_pv(sample_pv(pairs=2, pause_after=None)),
        render_cmi(sample_cmi()),
        render_report(sample_reports()["rapport_uaped"]),
    ):
        text = " ".join(
            subprocess.run(
                ["pdftotext", "-", "-"], input=rendered.pdf, capture_output=True, check=True
            )
            .stdout.decode()
            .replace("\u00a0", " ")
            .split()
        )
        assert "(heure de La Réunion, fuseau Indian/Reunion)" in text
