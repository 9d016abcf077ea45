"""The fictional sample case, built from a case-file dict: one builder for the demo and the tests.

`trame demo` (desktop.cli.demo), the screenshots (devtools) and test fixtures build their
fictional case here: a case and its persons, a complete hearing (answers, transcript,
signatures drawn after the reading), a fiche de signalement, a UAPED and a UMJ checklist.
The dict has the schema of the shipped case (demo_case.yaml, read by `trame demo --case`
through desktop.cli.casefile). Only fictional people.

    data = demo_data()
    case, victim, hearing, end = create_case(session, data, base_time())
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from desktop.core.records import RecordKind

PARIS = ZoneInfo("Europe/Paris")
DATA = Path(__file__).with_name("demo_case.yaml")


@cache
def demo_data() -> dict:
    """The shipped fictional case (demo_case.yaml) as a dict: case, victim, suspect, officer,
    hearing answers, transcript pairs, fiche, UAPED, UMJ (the `trame demo --case` schema)."""
    return yaml.safe_load(DATA.read_text("utf-8"))


def iso(dt: datetime) -> str:
    """An aware datetime as ISO 8601 to the second (transcript wall times)."""
    return dt.isoformat(timespec="seconds")


def local(dt: datetime) -> str:
    """A datetime as a form's datetime-local answer ("YYYY-MM-DDTHH:MM")."""
    return dt.strftime("%Y-%m-%dT%H:%M")


def base_time(now: datetime | None = None) -> datetime:
    """The fictional hearing starts yesterday at 14:30, Paris time (always in the past)."""
    now = (now or datetime.now(PARIS)).astimezone(PARIS)
    return datetime.combine(now.date() - timedelta(days=1), time(14, 30), tzinfo=PARIS)


def signature(name: str, seed: int, when: datetime) -> dict:
    """A signed signature answer with a drawn fictional signature (`seed` varies the stroke)."""
    from desktop.core.pv.sample import signature_png
    from desktop.core.pv.signature import signature_answer

    return signature_answer("signe", image_png=signature_png(name, seed), name=name, signed_at=when)


def variant(data: dict, changes: dict) -> dict:
    """`data` with `changes` merged in (a dict merged key by key, any other value replaced):
    other fictional persons or words for a test or a training case, not a copy of the file.

        variant(demo_data(), {"victim": {"last_name": "Quenneville"}})"""
    out = dict(data)
    for key, value in changes.items():
        merge = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = variant(out[key], value) if merge else value
    return out


def create_persons(s, data: dict, number: str | None = None):
    """The case of `data` (numbered `number` if given), its victim and its suspect, with
    their `details` (pseudonyms, phones…). Returns (case, victim)."""
    case = s.cases.create(number or data["case"]["procedure_number"], data["case"]["service"])
    v = data["victim"]
    victim = s.persons.add(
        case.id, "victime", v["last_name"], v["first_name"], v["birth_date"], v.get("details")
    )
    sus = data["suspect"]
    s.persons.add(case.id, "suspect", sus["last_name"], sus["first_name"], None, sus.get("details"))
    return case, victim


def hearing_entries(data: dict, base: datetime, finished: bool = True):
    """The transcript of `data` as (kind, values, when) entries from `base`: a Q/R pair every
    2 min 20 s, the officer's observations, the pause and the recording incident, and « fin »
    3 minutes after the last one (none when not `finished`: a hearing under way).
    Returns (entries, end: the last entry's time)."""
    tx = data["transcript"]
    pairs = tx["pairs"]
    pause_after = tx["pause_after"]
    t = base
    entries = [("debut", {}, t)]
    notes = {o["after"]: o["note"] for o in tx.get("observations", [])}
    for i, (q, a) in enumerate(pairs, start=1):
        t += timedelta(minutes=2, seconds=20)
        speaker = tx.get("asked_by", {}).get(i, "enqueteur")
        entries.append(("qr", {"question": q, "answer": a, "speaker": speaker}, t))
        if i in notes:
            t += timedelta(seconds=20)
            entries.append(("observation", {"note": notes[i], "speaker": "enqueteur"}, t))
        if i == pause_after:
            t += timedelta(minutes=1)
            entries.append(("pause", {"note": tx["pause_reason"]}, t))
            t += timedelta(minutes=14)
            entries.append(("reprise", {}, t))
        if i == tx.get("incident_after"):
            t += timedelta(seconds=30)
            entries.append(("pause", {"note": tx["incident_reason"]}, t))
            t += timedelta(minutes=4)
            entries.append(("reprise", {"note": "Incident technique résolu"}, t))
    if not finished:
        return entries, t
    end = t + timedelta(minutes=3)
    entries.append(("fin", {}, end))
    return entries, end


def create_case(s, data: dict, base: datetime):
    """Case, persons, hearing record with answers and transcript (officer session).
    Returns (case, victim, hearing Record, end of the hearing)."""
    case, victim = create_persons(s, data)
    v = data["victim"]
    o = data["officer"]
    entries, end = hearing_entries(data, base)
    answers = dict(data["hearing"])
    answers.update(
        {
            "procedure_numero": data["case"]["procedure_number"],
            "officier_nom": o["name"],
            "officier_grade": o["grade"],
            "officier_residence": o["residence"],
            "second_enqueteur": data["second_officer"],
            "audition_debut": local(base),
            "audition_fin": local(end),
            "victime_personne": victim.id,
            "victime_date_naissance": v["birth_date"],
            "faits_date_debut": (base - timedelta(days=70)).date().isoformat(),
            "faits_date_fin": (base - timedelta(days=2)).date().isoformat(),
            "decision_706_53_date": local(base - timedelta(days=5)),
            "aah_date": (base - timedelta(days=6)).date().isoformat(),
            "introduction_heure": base.strftime("%H:%M"),
            "pre_declaratif_fin": (base + timedelta(minutes=2)).strftime("%H:%M"),
            "enregistrement_debut": base.strftime("%H:%M"),
            "enregistrement_fin": end.strftime("%H:%M"),
            "personnes_presentes": [
                {
                    "qualite": "administrateur_ad_hoc",
                    "nom": f"Mme {data['administrator']}",
                    "base_legale": "cpp.706-50",
                    "heure_arrivee": base.strftime("%H:%M"),
                    "heure_depart": end.strftime("%H:%M"),
                },
                {
                    "qualite": "psychologue",
                    "nom": f"M. {data['psychologist']}",
                    "base_legale": "cpp.706-53",
                },
            ],
            "signataires": [
                {
                    "role": "mineur",
                    "nom": f"{v['first_name']} {v['last_name'].upper()}",
                    "personne": victim.id,
                    "signature": signature(f"{v['first_name']} {v['last_name'].upper()}", 2, end),
                },
                {
                    "role": "administrateur_ad_hoc",
                    "nom": data["administrator"],
                    "signature": signature(data["administrator"], 3, end),
                },
                {
                    "role": "tiers_present",
                    "nom": f"M. {data['psychologist']}",
                    "signature": signature(data["psychologist"], 4, end),
                },
                {"role": "enqueteur", "nom": o["name"], "signature": signature(o["name"], 1, end)},
            ],
            "droits_recepisse": signature(v["first_name"], 2, base),
        }
    )
    signers = answers.pop("signataires")
    rec = new_record(s, RecordKind.AUDITION, case, victim, answers)
    record_transcript(s, rec, entries, base)
    sign(s, rec.id, "signataires", signers)  # after the reading: bound to the final text
    return case, victim, rec, end


def create_sealed_case(s, data: dict, base: datetime, signer, location: str = "", seal_pv=True):
    """`create_case`, then the fiche de signalement 30 minutes after the hearing; the PV
    (unless not `seal_pv`) and the fiche sealed with `signer` by the application's use cases
    (desktop.core.seal.publish; `location`: the seal's place). Officer session.

    Returns (case, victim, hearing Record, {"pv_audition": Document or None,
    "fiche_signalement": Document}). :raises IncompleteDocument: from the sealing."""
    from desktop.core.seal.publish import seal_hearing, seal_report

    case, victim, hearing, end = create_case(s, data, base)
    fiche = create_fiche(s, data, case, victim, end + timedelta(minutes=30))
    pv = seal_hearing(s, hearing.id, signer=signer, location=location) if seal_pv else None
    sealed = seal_report(s, fiche.id, signer=signer, location=location)
    return case, victim, hearing, {"pv_audition": pv, "fiche_signalement": sealed}


def record_transcript(s, rec, entries, recording_start: datetime) -> None:
    """Write a hearing's transcript: `entries` are (kind, values, when) with `when` an aware
    datetime; the recording starts at `recording_start` (offsets in ms, None before it)."""
    from desktop.core.hearing.transcript import RECORDING_START, offset_ms

    start = iso(recording_start)
    s.records.set_meta(rec.id, {**rec.meta, RECORDING_START: start})
    for kind, values, when in entries:
        wall = iso(when)
        s.transcript.append(
            rec.id, kind, wall_time=wall, recording_offset_ms=offset_ms(wall, start), **values
        )


def sign(s, record_id: int, field: str, value) -> None:
    """Save a signature answer through the binding use case (bound to the current text)."""
    from desktop.core.pv.binding import save_answer

    save_answer(s, record_id, field, value)


def create_fiche(s, data: dict, case, victim, when: datetime):
    """The fiche de signalement made at `when`, signed by the officer. Returns the Record."""
    answers = dict(data["fiche"])
    answers.update(
        {
            "mineur_personne": victim.id,
            "signalement_datetime": local(when),
            "faits_debut": (when - timedelta(days=70)).date().isoformat(),
            "faits_fin": (when - timedelta(days=2)).date().isoformat(),
        }
    )
    rec = new_record(s, RecordKind.SIGNALEMENT, case, victim, answers)
    sign(s, rec.id, "signature_signalant", signature(data["officer"]["name"], 1, when))
    return rec


def create_uaped(s, data: dict, case, victim, base: datetime):
    """The UAPED checklist around the hearing starting at `base` (UAPED session). Returns the Record."""
    answers = dict(data["uaped"])
    answers.update(
        {
            "mineur_personne": victim.id,
            "mineur_date_naissance": data["victim"]["birth_date"],
            "arrivee_datetime": local(base - timedelta(minutes=50)),
            "audition_procedure_numero": data["case"]["procedure_number"],
            "audition_debut": local(base),
            "audition_fin": local(base + timedelta(hours=2)),
            "examen_datetime": local(base + timedelta(hours=2, minutes=30)),
            "evaluation_psy_date": base.date().isoformat(),
            "transmission_datetime": local(base + timedelta(hours=3)),
            "staff_date": (base + timedelta(days=7)).date().isoformat(),
            "faits_datetime": local(base - timedelta(days=2, hours=3)),
        }
    )
    return new_record(s, RecordKind.UAPED, case, victim, answers)


def create_umj(s, data: dict, case, victim, base: datetime):
    """The UMJ checklist, in the medical database (médecin session)."""
    exam = base + timedelta(hours=2, minutes=30)
    answers = dict(data["umj"])
    answers.update(
        {
            "medecin_nom": data["doctor"]["name"],
            "signature_medecin": signature(data["doctor"]["name"], 6, exam),
            "medecin_rpps": data["doctor"]["rpps"],
            "patient_personne": victim.id,
            "patient_date_naissance": data["victim"]["birth_date"],
            "examen_datetime": local(exam),
            "requisition_date": base.date().isoformat(),  # dated, before the examination
            "faits_datetime": local(base - timedelta(days=2, hours=3)),
            "prelevements": [
                {
                    "numero": 1,
                    "site": "sang",
                    "nature": "tube",
                    "recueilli_le": local(exam + timedelta(minutes=20)),
                    "finalite": "toxicologie",
                    "recueilli_par": data["doctor"]["name"],
                    "conservation": "tube_fluore_froid",
                },
                {
                    "numero": 2,
                    "site": "urine",
                    "nature": "flacon",
                    "recueilli_le": local(exam + timedelta(minutes=25)),
                    "finalite": "toxicologie",
                    "recueilli_par": data["doctor"]["name"],
                    "conservation": "refrigere",
                },
            ],
        }
    )
    return new_record(s, RecordKind.UMJ, case, victim, answers)


def new_record(s, kind, case, victim, answers: dict):
    """The record, made by the same core use case as the application's (issue 14).

    Returns the Record, read from the medical database for a medical kind."""
    from desktop.core.records import KINDS, start_record

    record_id = start_record(s, kind, case.id, victim.id, answers=answers)
    return (s.medical_records if KINDS[kind].medical else s.records).get(record_id)
