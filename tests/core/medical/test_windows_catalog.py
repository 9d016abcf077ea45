"""Issue 18: the delays of the medical catalog, one definition for the alerts and the form.

Fixed clock; each boundary tested on both sides. Sources are in catalog.yaml.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from desktop.core.formspec import FormRegistry
from desktop.core.formspec.flow import WizardFlow
from desktop.core.medical.catalog import load_catalog
from desktop.core.medical.clock import fixed_clock
from desktop.core.medical.facts import FactsTime
from desktop.core.medical.windows import Level, Status, compute_alerts

PARIS = ZoneInfo("Europe/Paris")
FACTS = datetime(2026, 3, 10, 14, 0, tzinfo=PARIS)


def alert(elapsed: timedelta, window_id: str):
    now = fixed_clock(FACTS + elapsed)()
    return next(a for a in compute_alerts(FactsTime.exact(FACTS), now) if a.window.id == window_id)


def test_contraception_at_80h_ulipristal_or_iud_still_possible_until_the_120th_hour():
    levo = alert(timedelta(hours=80), "contraception_levonorgestrel")
    assert levo.status is Status.EXPIRED and levo.level is Level.WARNING
    assert "ulipristal acétate ou DIU au cuivre" in levo.message
    assert "jusqu'au 15/03/2026 à 14\u00a0h\u00a000 (120e\u00a0heure)" in levo.message
    upa = alert(timedelta(hours=80), "contraception_ulipristal_diu")
    assert upa.status is Status.OPEN
    assert upa.deadline == FACTS + timedelta(hours=120)
    assert alert(timedelta(hours=120), "contraception_ulipristal_diu").status is Status.CLOSING
    late = alert(timedelta(hours=120, minutes=1), "contraception_ulipristal_diu")
    assert late.status is Status.EXPIRED
    # once both are past, the levonorgestrel line no longer points to the ulipristal
    assert (
        "Encore possible" not in alert(timedelta(hours=121), "contraception_levonorgestrel").message
    )


@pytest.mark.parametrize(
    ("window_id", "inside", "last", "past"),
    [
        ("prelevement_buccal", 30, 48, 48 + 1 / 60),
        ("prelevement_anal", 60, 72, 72 + 1 / 60),
        ("prelevement_vaginal", 100, 168, 168 + 1 / 60),
        ("prelevement_cutane", 30, 48, 48 + 1 / 60),
        ("toxicologie_ghb_sang", 5, 8, 8 + 1 / 60),
        ("toxicologie_ghb_urine", 10, 12, 12 + 1 / 60),
        ("prophylaxie_vhb", 50, 72, 72 + 1 / 60),
    ],
)
def test_site_windows_edges(window_id, inside, last, past):
    assert alert(timedelta(hours=inside), window_id).status is not Status.EXPIRED
    assert alert(timedelta(hours=last), window_id).status is not Status.EXPIRED  # inclusive
    assert alert(timedelta(hours=past), window_id).status is Status.EXPIRED


def test_buccal_30h_and_anal_60h_are_within_their_windows():
    assert alert(timedelta(hours=30), "prelevement_buccal").status is Status.OPEN
    assert alert(timedelta(hours=60), "prelevement_anal").status is Status.OPEN


def test_after_every_window_a_warning_that_invites_sampling_if_in_doubt():
    catalog = load_catalog()
    for w in catalog.windows:
        a = alert(timedelta(hours=w.max_hours, minutes=1), w.id)
        assert a.status is Status.EXPIRED, w.id
        assert a.level is Level.WARNING, w.id
        assert "rien à faire" not in a.message.lower()
        if w.is_sample:
            assert "au-delà des délais usuels : prélever si doute" in a.message, w.id
        else:
            assert w.after_text and w.after_text in a.message, w.id
        assert w.source, w.id


def _computed(hours: float, contacts=None) -> dict:
    spec = FormRegistry().get("checklist_umj")
    exam = datetime(2026, 3, 10, 14, 0) + timedelta(hours=hours)
    answers = {
        "faits_datetime": "2026-03-10T14:00",
        "examen_datetime": exam.isoformat(timespec="minutes"),
        "contacts_declares": contacts or [],
    }
    return WizardFlow(spec, answers, now=datetime(2026, 3, 20, 12, 0)).effective_answers()


def test_form_and_alerts_agree_on_the_tpe_ideal_boundary():
    # « idéalement < 4 h »: at 4 h 00 the alert is past the ideal, so is the form
    assert _computed(4)["tpe_delai_ideal"] is False
    assert alert(timedelta(hours=4), "tpe_vih").status is Status.OPEN
    assert _computed(3 + 59 / 60)["tpe_delai_ideal"] is True
    assert alert(timedelta(hours=3, minutes=59), "tpe_vih").status is Status.IDEAL
    assert _computed(48)["tpe_delai_max"] is True and _computed(48.5)["tpe_delai_max"] is False


def test_form_contraception_two_windows_and_hepatitis_b():
    at80 = _computed(80)
    assert at80["contraception_urgence_delai"] is False
    assert at80["contraception_ulipristal_delai"] is True
    assert at80["vhb_delai"] is False


def test_dna_delay_per_site_is_not_false_at_100h_after_vaginal_contact():
    value = _computed(100, ["vaginal"])["prelevements_adn_delai"]
    assert "Vaginal (7\u00a0jours) : dans le délai usuel" in value
    assert "Cutané (48\u00a0h) : au-delà des délais usuels : prélever si doute" in value
    assert "Buccal" not in value  # no oral contact declared
    every = _computed(30)["prelevements_adn_delai"]
    assert "Buccal (48\u00a0h) : dans le délai usuel" in every
    assert "Anal (72\u00a0h) : dans le délai usuel" in every


def test_dna_delay_is_not_transmitted():
    spec = FormRegistry().get("checklist_umj")
    assert spec.field_at("prelevements_adn_delai").confidentiality == "confidential"
