"""The live transcript domain: classifier, warnings, timeline, recording offsets, prompts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest

from desktop.core.hearing.transcript import (
    NBSP,
    Timeline,
    analyse,
    cued_prompt,
    format_duration,
    format_offset,
    minor_words,
    next_prompt,
    now_iso,
    offset_ms,
    parse_time,
    question_type_label,
    question_types,
    speaker_code,
    speaker_label,
    speakers,
)

SAID = minor_words(["Il m'a emmenée à l'hôtel avec Karim.", "On prenait le train le soir."])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Raconte-moi tout ce qui s'est passé.", "invitation"),
        ("Et ensuite ?", "invitation"),
        ("Est-ce que tu peux me raconter ce qui s'est passé ?", "invitation"),
        ("Tu as parlé de l'hôtel. Parle-moi plus de l'hôtel.", "invitation_indicee"),
        ("Parle-moi plus de « Karim ».", "invitation_indicee"),
        ("Tu étais où ?", "directive"),
        ("Avec qui tu étais ?", "directive"),
        ("C'était quand ?", "directive"),
        ("Qu'est-ce que tu as fait après ?", "directive"),
        ("Il t'a payée en liquide ou par virement ?", "choix"),
        ("As-tu pris le train ?", "choix"),
        ("Est-ce que tu as pris le train ?", "choix"),
        ("Il était grand ?", "choix"),
        ("Il t'a forcée, n'est-ce pas ?", "suggestive"),
        ("Tu étais à l'hôtel, non ?", "suggestive"),
        ("Les autres filles ont dit qu'il vous frappait.", "suggestive"),
        ("Combien il t'a payée ?", "suggestive"),  # presumes a payment never mentioned
        ("D'accord.", ""),
    ],
)
def test_classifier(question, expected):
    assert analyse(question, SAID).question_type == expected


def codes(question, said=SAID, earlier=()):
    return {a.code for a in analyse(question, said, earlier).alerts}


def test_warnings():
    assert "tag" in codes("Il t'a forcée, n'est-ce pas ?")
    assert "tag" in codes("Tu le connaissais, hein ?")
    assert "multiple" in codes("Où étais-tu ? Qui était là ?")
    assert "multiple" in codes("Est-ce que tu le connaissais et est-ce qu'il venait souvent ?")
    assert "promise" in codes("Tu ne seras pas punie, promis. Raconte-moi.")
    assert "promise" in codes("Je te promets que personne ne le saura.")
    assert "why" in codes("Pourquoi tu n'es pas partie ?")
    assert "repeat" in codes("Tu étais où ?", earlier=["Tu étais où ?"])
    assert "choice" in codes("Il avait une voiture ?")
    # Open invitations raise nothing.
    assert codes("Raconte-moi tout ce qui s'est passé.") == set()
    assert codes("Et ensuite ?") == set()


def test_introduced_names_places_acts():
    a = analyse("Est-ce que Sofiane t'a frappée à l'appartement ?", SAID)
    assert {"Sofiane", "frappée", "appartement"} <= set(a.introduced)
    assert "introduces" in {x.code for x in a.alerts}
    message = next(x.message for x in a.alerts if x.code == "introduces")
    assert f"«{NBSP}Sofiane{NBSP}»" in message
    # What the minor said can be taken up again, with another ending or accent.
    a = analyse("Tu as parlé de Karim et de l'hôtel. Parle-moi plus de l'hotel.", SAID)
    assert a.introduced == ()
    # Proper nouns starting a sentence are not flagged; days and titles are not names.
    assert analyse("Lundi, tu as vu Madame X ?", SAID).introduced == ("X",)


def test_empty_and_odd_input():
    assert analyse("", SAID).question_type == ""
    assert analyse("   ", SAID).alerts == ()
    assert analyse("?!…", SAID).question_type in ("", "choix")
    huge = "raconte " * 100_000
    assert analyse(huge, SAID).question_type == "invitation"


def test_prompts():
    assert next_prompt() == "Et ensuite ?"
    assert cued_prompt(" l'hôtel ") == f"Parle-moi plus de «{NBSP}l'hôtel{NBSP}»."
    assert cued_prompt("« le grand »") == f"Parle-moi plus de «{NBSP}le grand{NBSP}»."
    assert cued_prompt("") == "Parle-moi plus de ça."
    assert analyse(cued_prompt("l'hôtel"), SAID).question_type == "invitation_indicee"


def test_labels_are_french():
    assert speaker_code("mineur") == "M" and speaker_label("enqueteur") == "Enquêteur"
    assert speaker_label("interprete") == "Interprète"
    assert "administrateur_ad_hoc" in speakers() and "psychologue" in speakers()
    assert list(question_types()) == [
        "invitation",
        "invitation_indicee",
        "directive",
        "choix",
        "suggestive",
    ]
    assert question_type_label("invitation_indicee") == "Invitation indicée"
    assert question_type_label("choix") == "Question à choix"
    assert question_type_label("") == "Non classée"


@dataclass
class E:
    kind: str
    wall_time: str
    note: str = ""


T0 = datetime(2026, 3, 2, 14, 0, tzinfo=timezone(timedelta(hours=1)))


def at(minutes: float) -> str:
    return now_iso(T0 + timedelta(minutes=minutes))


def test_timeline_pauses_and_duration():
    entries = [
        E("debut", at(0)),
        E("qr", at(1)),
        E("pause", at(30), "besoin de boire"),
        E("reprise", at(45), "l'enfant est prêt"),
        E("qr", at(50)),
    ]
    t = Timeline.from_entries(entries)
    now = T0 + timedelta(minutes=60)
    assert t.state == "en cours"
    assert t.elapsed(now) == timedelta(minutes=60)
    assert t.paused(now) == timedelta(minutes=15)
    assert t.effective(now) == timedelta(minutes=45)
    assert t.pauses[0].reason == "besoin de boire"
    assert t.pauses[0].resume_reason == "l'enfant est prêt"
    assert t.can("pause") and t.can("fin") and not t.can("reprise") and not t.can("debut")
    t2 = Timeline.from_entries([*entries, E("pause", at(70), "pause")])
    assert t2.state == "suspendue" and t2.can("reprise") and not t2.can("pause")
    assert t2.paused(T0 + timedelta(minutes=80)) == timedelta(minutes=25)
    t3 = Timeline.from_entries([*entries, E("fin", at(90))])
    assert t3.state == "terminée" and not t3.can("pause")
    assert t3.elapsed(T0 + timedelta(hours=9)) == timedelta(minutes=90)
    assert Timeline.from_entries([]).state == "pas commencée"
    # A hearing without an explicit start begins at its first question.
    assert Timeline.from_entries([E("qr", at(5))]).started == T0 + timedelta(minutes=5)


def test_duration_alert_near_four_hours():
    t = Timeline.from_entries([E("debut", at(0))])
    assert t.duration_alert(T0 + timedelta(hours=3)) is None
    near = t.duration_alert(T0 + timedelta(hours=3, minutes=35))
    assert near is not None and "approche" in near.message and "4" in near.message
    over = t.duration_alert(T0 + timedelta(hours=4, minutes=2))
    assert over is not None and "dépasse" in over.message
    assert format_duration(timedelta(hours=3, minutes=5)) == f"3{NBSP}h{NBSP}05"
    assert format_duration(timedelta(minutes=12, seconds=3)) == f"12{NBSP}min"


def test_recording_offset():
    start = at(2)
    assert offset_ms(at(2), None) is None
    assert offset_ms(at(1), start) is None  # before the recording started
    assert offset_ms(at(3.5), start) == 90_000
    assert format_offset(offset_ms(at(62), start)) == "01:00:00"
    assert format_offset(None) == "—"
    # Times stored in UTC (Z) and with a local offset compare correctly.
    assert offset_ms("2026-03-02T13:03:00Z", at(2)) == 60_000
    assert parse_time(now_iso()).tzinfo is not None
