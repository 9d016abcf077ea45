"""« PV de renseignement — minorité et qualification » (préconisations 18 and 19 of the 2026
report of the parquet général de Paris), built from a hearing record.

    doc = build_renseignement(session, record_id, author=signer)   # ReportDocument
    render_report(doc)                                             # same engine as the PV

What it says, each item with its source in the file:
- how the date of birth was established (which document, seen by whom), the age at the facts;
- the apparent age as written by a doctor (never the officer's estimate), when there is one;
- per suspect and per client, what the hearing says they knew of her age, with the Q/R of the
  transcript that speak of it (time code on the recording, or the wall time);
- for each qualification retained or to consider (law_qualifications.yaml: traite 225-4-1 and
  225-4-2, proxénétisme 225-5/225-7/225-7-1, recours 225-12-1/225-12-2, viol 222-23-1, 227-22-1,
  227-23), the elements documented and those still to document.

It is a drafting aid: it never states that an offence is constituted (Cons. const. 2023-1058
QPC: the prosecution proves every element, the minority included).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from desktop.core.errors import InvalidInput
from desktop.core.formspec.dates import any_date, local_datetime
from desktop.core.pv import words as w
from desktop.core.pv.model import Header, ReportDocument, SealSlot, Section, Signer, SignStatus
from desktop.core.pv.templates import load_template

TEMPLATE_ID = "pv_renseignement"
KIND = "pv_renseignement"
MAX_REFS = 6
AGE_WORDS = (
    "age",
    "ans",
    "an",
    "mineur",
    "mineure",
    "majeur",
    "majeure",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "college",
    "lycee",
    "sixieme",
    "cinquieme",
    "quatrieme",
    "troisieme",
    "foyer",
)
CLIENT_WORDS = ("homme", "hommes", "client", "clients", "mec", "mecs", "monsieur", "messieurs")
STOP = {"dit", "dite", "les", "des", "une", "avec", "pour", "sur", "qui", "que", "cousin", "de"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", (text or "").lower().replace("œ", "oe"))
    return "".join(c for c in text if not unicodedata.combining(c)).replace("\u2019", "'")


def _has_word(folded: str, words) -> bool:
    return any(re.search(rf"(?<![a-z0-9]){re.escape(x)}(?![a-z0-9])", folded) for x in words)


def _subject_words(designation: str, client: bool) -> tuple[str, ...]:
    head = designation.split(",")[0]  # « Tito », cousin de « Doc »: Tito, not Doc
    words = [x for x in re.findall(r"[a-z0-9-]+", _fold(head)) if x not in STOP]
    keep = [x for x in words if len(x) >= (5 if client else 3)]
    return tuple(keep) + (CLIENT_WORDS if client else ())


def age_references(body, designation: str, client: bool = False) -> list[str]:
    """The Q/R of the hearing that speak of age and of this person, as printed references:
    « [00:25:40] Q : « … » — R : « … » » (at most MAX_REFS, in the order asked)."""
    subject = _subject_words(designation, client)
    out = []
    for e in body:
        if e.kind != "qr":
            continue
        folded = _fold(f"{e.question} {e.answer}")
        if _has_word(folded, AGE_WORDS) and subject and _has_word(folded, subject):
            code = f"{e.time_code} " if e.time_code else ""
            out.append(
                f"{code}Q\u00a0: «\u00a0{e.question}\u00a0» — R\u00a0: «\u00a0{e.answer}\u00a0»"
            )
    return out[:MAX_REFS]


def _labels(spec, field_id: str, values, sub: str | None = None) -> str:
    from desktop.core.pv.builder import _label

    if not values:
        return ""
    if not isinstance(values, list):
        values = [values]
    return ", ".join(_label(spec, field_id, v, sub) for v in values)


def _birth_section(t, spec, a: dict, flow) -> Section:
    rows = []
    birth = any_date(a.get("victime_date_naissance"))
    if birth:
        rows.append((t.text("row_birth"), w.date_short(birth)))
    how = _labels(spec, "victime_age_etabli_par", a.get("victime_age_etabli_par"))
    rows.append((t.text("row_established_by"), how or t.text("not_documented")))
    seen = (a.get("victime_age_piece_vue_par") or "").strip()
    rows.append((t.text("row_seen_by"), seen or t.text("not_documented")))
    age = flow.value("victime_age_faits")
    if isinstance(age, int | float):
        rows.append((t.text("row_age_facts"), f"{int(age)}\u00a0ans"))
    under = flow.value("victime_moins_15_faits")
    if under is not None:
        rows.append((t.text("row_under_15"), t.text("answer_yes" if under else "answer_no")))
    paragraphs = ()
    if a.get("victime_age_etabli_par") == ["declaration_mineur"]:
        paragraphs = (t.text("declaration_only"),)
    return Section(t.text("birth_title"), rows=tuple(rows), paragraphs=paragraphs)


def cmi_apparent(session, record) -> str:
    """The apparent age and pubertal stage written by the doctor in the latest CMI transmitted
    to the case for this minor (the case database's copy, shareable fields only: desktop.core.
    documents.medical.transmit), as printed: « selon le certificat médical initial transmis le … : … »;
    "" when no transmitted CMI carries them."""
    from desktop.core.law import form_registry
    from desktop.core.medical.findings import development_words

    copies = [
        r
        for r in session.records.for_case(record.case_id, "cmi")
        if record.person_id is None or r.person_id == record.person_id
    ]
    for copy in reversed(copies):
        f = session.records.answers(copy.id)
        if not (f.get("age_apparent") or f.get("stade_pubertaire") not in (None, "non_evalue")):
            continue
        try:
            spec = form_registry().get(copy.form_id)
        except (KeyError, ValueError):
            continue
        words = development_words(spec, f)
        if words:
            return _lower_first(words.rstrip(".")) + f" (transmis le {_day(copy.created_at)})"
    return ""


def _day(iso: str) -> str:
    return w.to_local(iso).strftime("%d/%m/%Y")


def _apparent_section(t, a: dict, from_cmi: str = "") -> Section:
    medical = from_cmi or (a.get("victime_age_apparent_medical") or "").strip()
    if from_cmi:
        text = t.text("apparent_cmi", apparent=from_cmi)
    else:
        text = t.text("apparent_doctor", apparent=medical) if medical else t.text("apparent_none")
    return Section(t.text("apparent_title"), paragraphs=(text, t.text("apparent_officer")))


def _knowledge_sections(t, spec, a: dict, body) -> list[Section]:
    out = []
    for group, client in (("suspects", False), ("clients", True)):
        for row in a.get(group) or []:
            name = (row.get("designation") or "").strip() or t.text("unnamed")
            who = t.text("client" if client else "suspect")
            rows = [
                (
                    t.text("row_knew"),
                    _labels(spec, group, row.get("connaissait_age"), "connaissait_age")
                    or t.text("not_documented"),
                ),
                (
                    t.text("row_elements"),
                    _labels(
                        spec,
                        group,
                        row.get("connaissance_age_elements"),
                        "connaissance_age_elements",
                    )
                    or t.text("not_documented"),
                ),
            ]
            if row.get("connaissance_age_mots"):
                rows.append((t.text("row_words"), str(row["connaissance_age_mots"])))
            if row.get("connaissance_age_preuves"):
                rows.append((t.text("row_to_seek"), str(row["connaissance_age_preuves"])))
            refs = age_references(body, name, client)
            paragraphs = (t.text("refs_intro"), *refs) if refs else (t.text("refs_none"),)
            out.append(
                Section(
                    t.text("knowledge_title", who=who, name=name),
                    rows=tuple(rows),
                    paragraphs=paragraphs,
                )
            )
    if not out:
        out.append(Section(t.text("knowledge_none_title"), paragraphs=(t.text("knowledge_none"),)))
    return out


def _source(t, spec, fields, pv_number: str) -> str:
    labels = []
    for fid in fields:
        f = spec.field(fid)
        labels.append(f"«\u00a0{f.label}\u00a0»" if f is not None else fid)
    return t.text("source", pv=pv_number or "—", fields=" ; ".join(labels))


def _qualification_sections(t, spec, a: dict, now: datetime, pv_number: str) -> list[Section]:
    from desktop.core.law.qualification import qualification_aid

    retained = set(a.get("qualification_visee") or [])
    aliases = {
        "traite_mineur": "traite",
        "proxenetisme_aggrave_mineur": "proxenetisme_aggrave",
        "proxenetisme_mineur_15": "proxenetisme_mineur_15",
        "recours_prostitution_mineur": "recours_prostitution_mineur",
        "viol_mineur_15": "viol_mineur_15",
    }
    out = []
    for aid in qualification_aid(a, spec=spec, now=now):
        status = "retained" if aliases.get(aid.key) in retained else "to_consider"
        paragraphs = [t.text(status)]
        if aid.age_unknown:
            paragraphs.append(t.text("age_unknown"))
        if aid.penalties:
            paragraphs.append(t.text("penalties", penalties=" ; ".join(aid.penalties)))
        if aid.note:
            paragraphs.append(" ".join(aid.note.split()))
        rows = []
        for e in aid.elements:
            if e.documented:
                state = t.text("documented", source=_source(t, spec, e.fields, pv_number))
            else:
                state = t.text("to_document")
            rows.append((e.label, state))
        title = t.text("qualification_title", label=aid.label, citations=", ".join(aid.citations))
        out.append(Section(title, rows=tuple(rows), paragraphs=tuple(paragraphs)))
    return out


def build_renseignement(
    session,
    record_id: int,
    *,
    author: Signer | None = None,
    made_at: datetime | None = None,
    draft: bool = False,
) -> ReportDocument:
    """The PV de renseignement of a hearing record (form audition_mineur).

    `author` is the officer's Signer (the pad's result); without it the signature is pending
    and the document cannot be sealed. Raises InvalidInput for an unknown or non-hearing record.
    """
    from desktop.core.formspec import WizardFlow
    from desktop.core.pv.builder import (
        MINISTRY,
        _body,
        _framework,
        _spec,
        document_id,
        on_of,
    )
    from desktop.core.pv.model import Footer

    record = session.records.get(record_id)
    if record is None or record.form_id != "audition_mineur":
        raise InvalidInput("Audition introuvable : le PV de renseignement ne peut être produit.")
    case = session.cases.get(record.case_id)
    spec = _spec(record)
    t = load_template(TEMPLATE_ID)
    a = session.records.answers(record_id)
    now = made_at or local_datetime(a.get("audition_fin")) or w.now_local()
    flow = WizardFlow(spec, dict(a), now=now)
    body, _start, _end = _body(session.transcript.for_record(record_id), (), a, record.meta)
    pv_number = str(a.get("pv_numero") or "")
    officer = (a.get("officier_nom") or "").strip()
    quality = (
        "agent de police judiciaire"
        if a.get("officier_qualite") == "apj"
        else ("officier de police judiciaire")
    )
    framework = _framework(load_template("pv_audition_mineur"), a.get("cadre_enquete") or "", a)
    intro = t.text(
        "intro",
        officer=officer or "…",
        grade=f", {a['officier_grade']}" if a.get("officier_grade") else "",
        quality=quality,
        framework=f" {_lower_first(framework)}" if framework else "",
        pv=pv_number or "—",
        date=w.date_short(on_of(a)),
    )
    sections = [
        _birth_section(t, spec, a, flow),
        _apparent_section(t, a, cmi_apparent(session, record)),
    ]
    sections += _knowledge_sections(t, spec, a, body)
    sections += _qualification_sections(t, spec, a, now, pv_number)
    service = (a.get("service") or (case.service if case else "") or "").strip()
    signer = author or Signer(quality, officer, a.get("officier_grade") or "", SignStatus.PENDING)
    seq, head = session.audit.head()
    return ReportDocument(
        kind=KIND,
        header=Header(
            service_lines=tuple(x for x in (MINISTRY, service) if x),
            procedure_number=str(
                a.get("procedure_numero") or (case.procedure_number if case else "")
            ),
            pv_number=f"{pv_number}-R" if pv_number else "",
            cadre=_cadre_label(spec, a),
            affaire=" ".join(str(a.get("objet_affaire") or "").split())[:160],
        ),
        title=t.title,
        intro=intro,
        sections=tuple(sections),
        made_at=now,
        signers=(signer,),
        footer=Footer(
            document_id=document_id(session, record.case_id, record.id, "REN"),
            form_id=record.form_id,
            form_version=str(record.form_version),
            template_id=t.id,
            template_version=t.version,
            audit_seq=seq,
            audit_hash=head,
        ),
        draft=draft,
        seals=(
            SealSlot(
                "sceau_officier", f"{officer}, {'APJ' if quality.startswith('agent') else 'OPJ'}"
            ),
        ),
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _cadre_label(spec, a: dict) -> str:
    from desktop.core.pv.builder import _label

    cadre = a.get("cadre_enquete") or ""
    return _label(spec, "cadre_enquete", cadre) if cadre else ""
