"""Build the document model from a record in the vault (no rendering, no writes).

    doc = build_pv(session, record_id)                         # PvDocument
    doc = build_report(session, record_id)                     # UAPED report or fiche P

Field ids are those of desktop/forms/*.yaml (see desktop/forms/README.md); texts, place
phrases and "Vu les articles" keys come from desktop/templates/pv_audition_mineur.yaml; the
article numbers in force on the hearing date come from the law table. The mentions a
magistrate checks are computed in desktop.core.pv.mentions; the UAPED report and the fiche
in desktop.core.pv.report_builder (build_report is re-exported here).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from desktop.core.errors import InvalidInput
from desktop.core.formspec.dates import any_date, date_fr, local_datetime
from desktop.core.pv import words as w
from desktop.core.pv.binding import row_identity
from desktop.core.pv.mentions import (  # noqa: F401  (_label, on_of… are used by other modules)
    EXTRA_RIGHTS,
    RIGHTS,
    _asked_by,
    _evvi_notes,
    _framework,
    _hhmm,
    _label,
    _lower_first,
    _observers,
    _person_name,
    _pre_substantive,
    _rights_missing,
    _time_code,
    _withheld,
    address_withheld,
    is_recording_incident,
    on_of,
    present_under_706_53,
)
from desktop.core.pv.model import (
    BodyEntry,
    EvviItem,
    Footer,
    Header,
    Identity,
    Officer,
    PresentPerson,
    PvDocument,
    Recording,
    SealSlot,
    Signer,
)
from desktop.core.pv.signature import signer_from_answer
from desktop.core.pv.templates import load_template

MINISTRY = "MINISTÈRE DE L'INTÉRIEUR"
EVVI_CRITERIA = (
    "evvi_prejudice",
    "evvi_circonstances",
    "evvi_vulnerabilite",
    "evvi_represailles",
    "evvi_emprise",
)
TRI = {"oui": True, "non": False, "inconnu": None}


def _spec(record, forms=None):
    """The definition the record was made with (its form_version), from `forms` (default: the
    process's one registry), so a PV is rendered as it was even after the form changed."""
    from desktop.core.law import form_registry

    try:
        return (forms or form_registry()).for_record(record.form_id, record.form_version)
    except KeyError:
        raise InvalidInput(
            f"Formulaire « {record.form_id} » introuvable : le document ne peut être produit."
        ) from None


def document_id(session, case_id: int, record_id: int, prefix: str) -> str:
    vault_id = getattr(session.slots, "vault_id", "") or ""
    return f"{prefix}-{vault_id[:8]}-{case_id}-{record_id}".replace("--", "-")


def _footer(session, record, spec, template, prefix: str) -> Footer:
    seq, head = session.audit.head()
    return Footer(
        document_id=document_id(session, record.case_id, record.id, prefix),
        form_id=record.form_id,
        form_version=str(record.form_version),
        template_id=template.id,
        template_version=template.version,
        audit_seq=seq,
        audit_hash=head,
    )


def _vu_articles(t, law, cadre: str, a: dict, on: date) -> tuple[str, ...]:
    keys = list(t.raw("vu_articles").get(cadre, []))
    if a.get("aah_designe") == "oui":
        keys.append("cpp.706-50")
    if a.get("domiciliation") is True:
        keys.append("cpp.706-57")
    out: list[str] = []
    for key in keys:
        more = key.endswith("+")
        key = key.rstrip("+")
        try:
            number = law.article(key, on).article
        except KeyError:
            continue
        text = f"{number} et suivants" if more else number
        if text not in out and number not in out:
            out.append(text)
    # the cadre's articles first, then the others in the code's order
    head = [x for x in out if x.endswith("et suivants")]
    rest = sorted((x for x in out if x not in head), key=_article_order)
    return tuple(head + rest)


def _article_order(number: str) -> tuple:
    parts = re.findall(r"\d+|\D+", number)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def _present(t, law, spec, session, a: dict, on: date) -> tuple[PresentPerson, ...]:
    rows = []
    seen_quality = set()
    for row in a.get("personnes_presentes") or []:
        quality = row.get("qualite") or ""
        name = row.get("nom") or _person_name(session, row.get("personne"))
        if not (quality or name):
            continue
        basis = row.get("base_legale") or ""
        try:
            citation = law.cite(basis, on) if basis else ""
        except KeyError:
            citation = basis
        detail = ""
        arrival, departure = row.get("heure_arrivee"), row.get("heure_depart")
        arrival, departure = _hhmm(arrival), _hhmm(departure)
        if arrival and departure:
            detail = t.text("present_times", arrival=arrival, departure=departure)
        elif arrival:
            detail = t.text("present_from", arrival=arrival)
        label = _lower_first(_label(spec, "personnes_presentes", quality, "qualite"))
        if quality == "interprete" and a.get("interprete_langue"):
            label = t.text("interpreter_quality", language=a["interprete_langue"])
        if quality == "interprete" and a.get("interprete_serment") is True and not detail:
            detail = t.text("interpreter_oath")
        seen_quality.add(quality)
        rows.append(PresentPerson(label, name, citation, detail))
    if a.get("interprete") is True and "interprete" not in seen_quality:
        detail = t.text("interpreter_oath") if a.get("interprete_serment") is True else ""
        seen_quality.add("interprete")
        rows.append(
            PresentPerson(
                t.text("interpreter_quality", language=a.get("interprete_langue") or "?"),
                a.get("interprete_nom") or "",
                law.cite("cpp.10-2.7", on),
                detail,
            )
        )
    rows += _observers(t, law, a, on, seen_quality)
    if (
        a.get("aah_present") is True
        and a.get("aah_identite")
        and "administrateur_ad_hoc" not in seen_quality
    ):
        authority = _lower_first(_label(spec, "aah_autorite", a.get("aah_autorite")))
        detail = ""
        if authority and a.get("aah_date"):
            detail = t.text("aah_detail", authority=f"le {authority}", date=date_fr(a["aah_date"]))
        rows.append(
            PresentPerson(
                "administrateur ad hoc", a["aah_identite"], law.cite("cpp.706-50", on), detail
            )
        )
    return tuple(rows)


def _service_phrase(t, service: str) -> str:
    """« la Brigade … » with its preposition (from the template), for « en fonction … »."""
    if not service:
        return ""
    first = service.split()[0]
    prep = t.raw("service_prepositions").get(first)
    if prep is None:
        return f"{t.text('service_default')} {service}"
    return f"{prep}{'' if prep.endswith(chr(39)) else ' '}{service}"


def _rights(t, law, spec, a: dict, on: date) -> tuple[str, ...]:
    out = []
    for fid in (*RIGHTS, *EXTRA_RIGHTS):
        if a.get(fid) is not True:
            continue
        f = spec.field(fid)
        keys = f.legal_basis if f is not None else ()
        if keys:
            art = law.article(keys[0], on)
            out.append(t.text("right_item", title=_lower_first(art.title), citation=art.citation()))
        elif f is not None:
            out.append(f.label)
    return tuple(out)


def _recording(a: dict) -> Recording:
    notified = a.get("enregistrement_magistrat_avise") or ""
    when = a.get("enregistrement_magistrat_avise_le")
    if notified and when:
        dt = local_datetime(when)
        if dt:
            notified += f", avisé(e) le {w.date_short(dt.date())} à {w.time_short(dt.time())}"
    return Recording(
        mode=a.get("enregistrement") or "",
        impossibility=a.get("enregistrement_impossibilite_nature") or "",
        magistrate_notified=notified,
        audio_only_decision=a.get("enregistrement_decision_sonore") or "",
        operator=a.get("enregistrement_operateur") or "",
        media=a.get("enregistrement_support") or "",
        seal_number=(a.get("enregistrement_scelle") or "").strip(),
        sha256=(a.get("enregistrement_sha256") or "").strip().lower(),
        started=_hhmm(a.get("enregistrement_debut")),
        ended=_hhmm(a.get("enregistrement_fin")),
        incident_notified=(a.get("enregistrement_incident_magistrat") or "").strip(),
    )


def _evvi(spec, a: dict) -> tuple[EvviItem, ...]:
    items = []
    for fid in EVVI_CRITERIA:
        if fid not in a and f"{fid}_elements" not in a:
            continue
        f = spec.field(fid)
        value = a.get(fid)
        detail = str(a.get(f"{fid}_elements") or "")
        if isinstance(value, list):  # multiple choice (vulnérabilité: âge, handicap…)
            labels = ", ".join(_label(spec, fid, v) for v in value)
            retained = bool(value) if value else None
            detail = f"{labels}. {detail}".strip() if labels else detail
        else:
            retained = TRI.get(value) if isinstance(value, str) else None
        items.append(EvviItem(f.label if f else fid, retained, detail))
    return tuple(items)


def _protection(t, spec, a: dict) -> str:
    parts = []
    if a.get("domiciliation") is True:
        parts.append(
            t.text(
                "domiciliation",
                authority=a.get("domiciliation_autorisation") or "l'autorité judiciaire",
                number=a.get("domiciliation_numero_ordre") or "…",
            )
        )
    if a.get("mesures_protection"):
        parts.append(str(a["mesures_protection"]))
    measures = a.get("evvi_mesures")
    if isinstance(measures, list) and measures:
        labels = ", ".join(_lower_first(_label(spec, "evvi_mesures", v)) for v in measures)
        parts.append(t.text("evvi_measures", measures=labels))
    return " ".join(parts)


def _body(
    entries,
    present: tuple[PresentPerson, ...] = (),
    a: dict | None = None,
    meta: dict | None = None,
    phase_label=None,
) -> tuple[tuple[BodyEntry, ...], Any, Any]:
    """The PV body: Q/R with their author and time code (« [00:12:05] » on the recording,
    or the wall time), pauses (a technical incident of the recording flagged for the 706-52
    mention), the officer's observations, and the M3 mentions of annulled or rectified
    entries. Issue 13: a « phase » heading where the recorded NICHD phase changes
    (`phase_label`: id -> French label), and the recording's stop and resumption marks."""
    from desktop.core.hearing.corrections import mentions, voided
    from desktop.core.hearing.marks import RECORDING_RESUME, RECORDING_STOP
    from desktop.core.hearing.transcript import RECORDING_START, Timeline

    a = a or {}
    meta = meta or {}
    recorded = a.get("enregistrement") in ("audiovisuel", "sonore")
    start = meta.get(RECORDING_START) if recorded else None
    body = []
    shown_phase = None  # the phase of the last heading printed
    for e in entries:
        at = w.to_local(e.wall_time)
        printed = len(body)
        code = _time_code(e, start) if recorded else f"[{w.time_short(at.time())}]"
        if e.kind == "qr":  # M3: an annulled entry, and each rectification, are mentioned
            if not voided(meta, e.id):
                body.append(
                    BodyEntry(
                        "qr",
                        question=e.question,
                        answer=e.answer,
                        at=at,
                        asked_by=_asked_by(e.speaker, present, a),
                        time_code=code,
                    )
                )
            body += [BodyEntry("note", note=m, at=at) for m in mentions(meta, e)]
        elif e.kind == "pause":
            incident = recorded and is_recording_incident(e.note)
            body.append(BodyEntry("pause", note=e.note, at=at, time_code=code, incident=incident))
        elif e.kind == "reprise":
            body.append(BodyEntry("reprise", note=e.note, at=at, time_code=code))
        elif e.kind in (RECORDING_STOP, RECORDING_RESUME):
            incident = recorded and e.kind == RECORDING_STOP and is_recording_incident(e.note)
            body.append(BodyEntry(e.kind, note=e.note, at=at, incident=incident))
        elif e.kind == "observation" and (e.note or e.answer):
            body.append(BodyEntry("observation", note=e.note or e.answer, at=at, time_code=code))
        elif e.kind == "note" and (e.note or e.answer):
            body.append(BodyEntry("note", note=e.note or e.answer, at=at, time_code=code))
        if len(body) > printed and e.phase and e.phase != shown_phase:  # never an empty heading
            shown_phase = e.phase
            label = phase_label(e.phase) if phase_label else e.phase
            body.insert(printed, BodyEntry("phase", phase=label, at=at))
    timeline = Timeline.from_entries(entries)
    start = w.to_local(timeline.started) if timeline.started else None
    end = w.to_local(timeline.ended) if timeline.ended else None
    return tuple(body), start, end


def _signers(t, spec, session, a: dict, officer: Officer) -> tuple[Signer, ...]:
    roles = t.raw("signer_roles")
    lecture = a.get("lecture")
    out = []
    for row in a.get("signataires") or []:
        role_key = row.get("role") or "tiers_present"
        name = row.get("nom") or _person_name(session, row.get("personne"))
        role = roles.get(role_key, role_key)
        quality = ""
        if role_key == "enqueteur":
            role = officer.quality or role
            quality = officer.grade
        signer = signer_from_answer(
            row.get("signature"),
            role=role,
            name=name,
            quality=quality,
            initials_each_page=role_key in ("enqueteur", "interprete"),
        )
        signer = _replace(signer, row_identity=row_identity(row, session))  # renamed: stale
        if role_key == "mineur" and lecture == "lecture_par_enqueteur":
            signer = _replace(signer, read_by_officer=True)
        if role_key == "mineur" and lecture == "lecture_par_interprete":
            signer = _replace(signer, read_by_interpreter=True)
        out.append(signer)
    return tuple(out)


def _replace(obj, **changes):
    import dataclasses

    return dataclasses.replace(obj, **changes)


def build_pv(session, record_id: int, *, draft: bool = False, forms=None) -> PvDocument:
    """The PV of a hearing record (form audition_mineur), read from the vault, with the
    definition version the record was made with (`forms`: a FormRegistry, default the
    process's).

    :raises InvalidInput: unknown record or form."""
    from desktop.core.law import default_law_table

    record = session.records.get(record_id)
    if record is None:
        raise InvalidInput("Audition introuvable.")
    case = session.cases.get(record.case_id)
    spec = _spec(record, forms)
    t = load_template("pv_audition_mineur")
    law = default_law_table()
    a = session.records.answers(record_id)
    present = _present(t, law, spec, session, a, on_of(a))
    body, tl_start, tl_end = _body(
        session.transcript.for_record(record_id), present, a, record.meta, spec.phase_label
    )
    started = local_datetime(a.get("audition_debut")) or tl_start
    ended = local_datetime(a.get("audition_fin")) or tl_end
    on = (started or w.now_local()).date()
    cadre_key = a.get("cadre_enquete") or ""
    service = (a.get("service") or (case.service if case else "") or "").strip()

    quality_key = a.get("officier_qualite") or "opj"
    officer = Officer(
        name=a.get("officier_nom") or "",
        grade=a.get("officier_grade") or "",
        quality=_lower_first(_label(spec, "officier_qualite", quality_key)),
        residence=a.get("officier_residence") or "",
        service=_service_phrase(t, service),
        assisted_by=a.get("second_enqueteur") or "",
        seconded_opj=(a.get("apj_opj") or "").strip() if quality_key == "apj" else "",
    )
    short = t.raw("officer_short").get(quality_key, officer.quality)
    place_key = a.get("audition_lieu") or ""
    precision = (a.get("audition_lieu_precision") or "").strip()
    phrases = t.raw("place_phrases")
    place = ""
    if place_key in phrases:
        sep = "" if place_key == "autre" else ", "
        place = phrases[place_key].format(precision=f"{sep}{precision}" if precision else "")

    person = _identity(session, record, a, t)
    pv_number = str(a.get("pv_numero") or "")
    doc = PvDocument(
        header=Header(
            service_lines=tuple(x for x in (MINISTRY, service) if x),
            procedure_number=str(
                a.get("procedure_numero") or (case.procedure_number if case else "")
            ),
            pv_number=pv_number,
            piece_number=str(record.meta.get("piece_numero") or pv_number),
            cadre=_label(spec, "cadre_enquete", cadre_key) if cadre_key else "",
            affaire=" ".join(str(a.get("objet_affaire") or "").split())[:160],
        ),
        officer=officer,
        started_at=started,
        place=place,
        person=person,
        articles=_vu_articles(t, law, cadre_key, a, on),
        investigation="",
        present=present,
        presence_decision=_presence_decision(t, a),
        presence_required=present_under_706_53(a, session),
        rights_notified=_rights(t, law, spec, a, on),
        rights_missing=_rights_missing(law, spec, a, on),
        rights_receipt=a.get("droits_recapitulatif_remis") is True,
        recording=_recording(a),
        evvi=_evvi(spec, a),
        protection=_protection(t, spec, a),
        withheld=_withheld(t, a),
        framework=_framework(t, cadre_key, a),
        directing_magistrate=(a.get("magistrat_saisi") or "").strip(),
        interpreter_language=(a.get("interprete_langue") or "").strip()
        if a.get("interprete") is True
        else "",
        interpreter_oath=a.get("interprete") is True and a.get("interprete_serment") is True,
        evvi_notes=_evvi_notes(t, a),
        pre_substantive=_pre_substantive(t, spec, a, body, started),
        body=body,
        ended_at=ended,
        observations=str(a.get("observations_mineur") or ""),
        signers=(),
        footer=_footer(session, record, spec, t, "PV"),
        draft=draft,
        seals=(SealSlot("sceau_officier", f"{officer.name}, {short}".strip(", ")),),
    )
    return _replace(doc, signers=_signers(t, spec, session, a, officer))


def _presence_decision(t, a: dict) -> str:
    if a.get("decision_706_53") != "oui":
        return ""
    magistrate = a.get("decision_706_53_magistrat") or ""
    when = local_datetime(a.get("decision_706_53_date"))
    if magistrate and when:
        return t.text(
            "presence_decision_value", magistrate=magistrate, date=w.date_short(when.date())
        )
    return magistrate


def _identity(session, record, a: dict, t) -> Identity:
    pid = a.get("victime_personne") or record.person_id
    person = None
    try:
        person = session.persons.get(int(pid)) if pid else None
    except (TypeError, ValueError):
        person = None
    details = person.details if person else {}
    birth = a.get("victime_date_naissance") or (person.birth_date if person else "") or ""
    age = a.get("victime_age_audition")
    if age is None and birth:
        b = any_date(birth)
        today = any_date(a.get("audition_debut")) or date.today()
        if b:
            age = today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    address = details.get("address") or details.get("adresse") or ""
    if a.get("domiciliation") is True:
        address = t.text("domiciliation_address", number=a.get("domiciliation_numero_ordre") or "…")
    return Identity(
        last_name=person.last_name if person else "",
        first_name=person.first_name if person else "",
        birth_date=str(birth),
        birth_place=details.get("birth_place") or details.get("lieu_naissance") or "",
        age_years=int(age) if isinstance(age, int | float) else None,
        usage_name=details.get("usage_name") or "",
        aliases=a.get("victime_pseudos") or "",
        parents=details.get("parents") or "",
        address=address,
        school="" if address_withheld(a) else a.get("victime_scolarite") or "",
        placement="" if address_withheld(a) else a.get("victime_lieu_placement") or "",
        legal_guardians=a.get("victime_autorite_parentale") or "",
        nationality=details.get("nationality") or details.get("nationalite") or "",
        phone="",
    )


from desktop.core.pv.report_builder import build_report  # noqa: E402  (re-exported)

__all__ = ["build_pv", "build_report", "document_id", "MINISTRY"]
