"""The mentions of the PV d'audition that a magistrate or a defence lawyer checks (issue 17):
who asks and when, the 706-57 withholding, the NICHD pre-substantive phase, the recording
incident, persons present under 706-53, the directing magistrate, the EVVI follow-up and the
10-2 list as in force. Pure functions over the form answers (desktop/forms/audition_mineur.yaml)
and the texts of desktop/templates/pv_audition_mineur.yaml; used by desktop.core.pv.builder.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from desktop.core.formspec.dates import local_datetime
from desktop.core.pv import words as w
from desktop.core.pv.model import PresentPerson

RIGHTS = (
    "droit_reparation",
    "droit_partie_civile",
    "droit_avocat",
    "droit_association",
    "droit_civi",
    "droit_protection",
    "droit_interprete",
    "droit_accompagnement",
)


EXTRA_RIGHTS = ("droit_domiciliation_tiers",)  # 10-2 9°: printed with the others


def _label(spec, field_id: str, value: Any, sub: str | None = None) -> str:
    f = spec.field(field_id)
    if sub and f is not None:
        f = next((x for x in f.fields or () if x.id == sub), None)
    if f is None:
        return str(value or "")
    return {o.value: o.label for o in f.options or ()}.get(value, str(value or ""))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _person_name(session, person_id) -> str:
    try:
        p = session.persons.get(int(person_id))
    except (TypeError, ValueError):
        return ""
    return p.display_name if p else ""


def _observers(t, law, a: dict, on: date, seen: set) -> list[PresentPerson]:
    """The second enquêteur (observation room) and the requisitioned technician (706-52 al. 3)
    are among the persons present even when the officer did not list them (DOMAIN §1.4)."""
    out = []
    if a.get("second_enqueteur") and "second_enqueteur" not in seen:
        out.append(
            PresentPerson(
                t.text("second_officer_quality"), a["second_enqueteur"], law.cite("cpp.11", on)
            )
        )
    recorded = a.get("enregistrement") in ("audiovisuel", "sonore")
    if recorded and a.get("enregistrement_operateur") and "technicien_enregistrement" not in seen:
        out.append(
            PresentPerson(
                t.text("technician_quality"),
                a["enregistrement_operateur"],
                law.cite("cpp.706-52", on),
            )
        )
    return out


def present_under_706_53(a: dict, session=None) -> tuple[str, ...]:
    """Names of the persons listed as present on the ground of art. 706-53 CPP (their
    presence needs the magistrate's decision, and they sign the PV)."""
    out = []
    for row in a.get("personnes_presentes") or []:
        if row.get("base_legale") == "cpp.706-53":
            name = row.get("nom") or (_person_name(session, row.get("personne")) if session else "")
            out.append(name or "personne présente (706-53)")
    return tuple(out)


def _hhmm(value) -> str:
    if not value:
        return ""
    try:
        return w.time_short(datetime.strptime(str(value)[:5], "%H:%M").time())
    except ValueError:
        return str(value)


def address_withheld(a: dict) -> bool:
    """Art. 706-57 CPP: when the address is declared at the service (or the EVVI retains a
    risk of reprisals, D1-3 4°), the place of placement and the school stay out of the PV
    and of every export; they remain in the vault."""
    return a.get("domiciliation") is True or a.get("evvi_represailles") == "oui"


def _withheld(t, a: dict) -> str:
    if not address_withheld(a) or not (
        a.get("victime_lieu_placement") or a.get("victime_scolarite")
    ):
        return ""
    key = "withheld_domiciliation" if a.get("domiciliation") is True else "withheld_reprisals"
    return t.text(key, number=a.get("domiciliation_numero_ordre") or "…")


INCIDENT_WORDS = ("incident technique", "panne", "enregistrement interrompu")


def is_recording_incident(note: str) -> bool:
    """A pause whose reason is a technical incident of the recording (706-52 mention)."""
    text = (note or "").lower()
    return any(word in text for word in INCIDENT_WORDS)


def _time_code(e, recording_start: str | None) -> str:
    """« [00:12:05] » on the recording when the hearing is recorded, else « [14 h 42] »."""
    from desktop.core.hearing.transcript import format_offset, offset_ms

    ms = e.recording_offset_ms
    if ms is None and recording_start:
        ms = offset_ms(e.wall_time, recording_start)
    if ms is not None:
        return f"[{format_offset(ms)}]"
    return f"[{w.time_short(w.to_local(e.wall_time).time())}]"


def _asked_by(speaker: str, present: tuple[PresentPerson, ...], a: dict) -> str:
    """The author of a question when it is not the officer who writes the PV."""
    from desktop.core.hearing.transcript import speaker_label

    if speaker in ("", "enqueteur", "mineur"):
        return ""
    label = _lower_first(speaker_label(speaker))
    name = ""
    if speaker == "second_enqueteur":
        name = a.get("second_enqueteur") or ""
    elif speaker == "interprete":
        name = a.get("interprete_nom") or ""
    elif speaker == "administrateur_ad_hoc":
        name = a.get("aah_identite") or ""
    if not name:
        wanted = label.split()[0]
        name = next((p.name for p in present if p.quality.startswith(wanted)), "")
    return f"{label}, {name}" if name else label


def on_of(a: dict) -> date:
    """The hearing date (the law in force on that day), today when not yet set."""
    started = local_datetime(a.get("audition_debut"))
    return (started or w.now_local()).date()


def _framework(t, cadre: str, a: dict) -> str:
    """« Agissant en enquête préliminaire, sous la direction de … » (art. 12, 41, 75 CPP) or
    on commission rogatoire (art. 151 CPP)."""
    magistrate = (a.get("magistrat_saisi") or "").strip().rstrip(",.")
    texts = t.raw("framework")
    if cadre not in texts or not magistrate:
        return ""
    ref = (a.get("commission_rogatoire_ref") or "").strip().rstrip(",.")
    return texts[cadre].format(magistrate=magistrate, reference=f" ({ref})" if ref else "")


def _rights_missing(law, spec, a: dict, on: date) -> tuple[str, ...]:
    """The items of art. 10-2 CPP in force on the hearing date that were not notified.

    The list is the law table's mention.droits-notifies (each item dated by its own
    effective_from); an item the form has no field for is reported too."""
    missing = []
    by_key = {}
    for fid in (*RIGHTS, *EXTRA_RIGHTS):
        f = spec.field(fid)
        for key in (f.legal_basis if f is not None else ()) or ():
            by_key.setdefault(key, fid)
    for key in law.mention("mention.droits-notifies").articles:
        try:
            art = law.article(key, on)
        except KeyError:
            continue
        if art.effective_from and art.effective_from > on:
            continue
        fid = by_key.get(key)
        if fid is None or a.get(fid) is not True:
            missing.append(f"{art.title} ({art.citation()})")
    return tuple(missing)


def _evvi_notes(t, a: dict) -> tuple[str, ...]:
    """Agreement to an in-depth evaluation and the magistrate's opinion (art. 10-5 CPP)."""
    out = []
    agreement = a.get("evvi_accord_approfondie")
    if agreement in ("oui", "non", "inconnu"):
        out.append(t.text(f"evvi_agreement_{agreement}"))
    if a.get("evvi_avis_magistrat") is True:
        opinion = (a.get("evvi_avis_magistrat_contenu") or "").strip().rstrip(".")
        out.append(
            t.text("evvi_opinion", opinion=opinion) if opinion else t.text("evvi_opinion_pending")
        )
    elif a.get("evvi_avis_magistrat") is False:
        out.append(t.text("evvi_opinion_none"))
    if a.get("evvi_association"):
        out.append(t.text("evvi_association", association=str(a["evvi_association"]).rstrip(".")))
    return tuple(out)


def _pre_substantive(t, spec, a: dict, body, started) -> str:
    """The NICHD pre-substantive phase (introduction, ground rules, practice narrative), from
    when to when, before the first substantive question (Lamb et al. 2007; DOMAIN §2.2)."""
    steps = []
    if a.get("introduction_faite") is True:
        steps.append(t.text("nichd_introduction"))
    rules = a.get("regles_expliquees")
    if isinstance(rules, list) and rules:
        labels = ", ".join(_label(spec, "regles_expliquees", r) for r in rules)
        steps.append(t.text("nichd_rules", rules=labels))
    if a.get("rapport_notes"):
        steps.append(t.text("nichd_rapport"))
    if a.get("entrainement_fait") is True:
        steps.append(t.text("nichd_practice"))
    if not steps:
        return ""
    start = _hhmm(a.get("introduction_heure")) or (w.time_short(started.time()) if started else "")
    end = _hhmm(a.get("pre_declaratif_fin"))
    if not end:
        first = next((e for e in body if e.kind == "qr" and e.at), None)
        end = w.time_short(first.at.time()) if first else ""
    joined = ", ".join(steps[:-1]) + " et " + steps[-1] if len(steps) > 1 else steps[0]
    if start and end:
        return t.text("nichd_phase", start=start, end=end, steps=joined)
    return t.text("nichd_phase_untimed", steps=joined)
