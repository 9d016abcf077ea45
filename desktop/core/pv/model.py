"""The neutral document model the renderer takes: plain, frozen, Qt-free data.

A builder (desktop.core.pv.builder) fills these from the vault; tests and the benchmark
fill them by hand. Nothing here knows about reportlab, the vault or widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SignStatus(StrEnum):
    """What happened when a person was asked to sign (A.53-4: identity always printed)."""

    SIGNED = "signe"
    REFUSED = "refus"  # refuse de signer, with the reason given if any
    UNABLE = "impossible"  # ne sait ou ne peut signer
    ABSENT = "absent"  # left before the signature: mentioned, the PV can still be closed
    PENDING = "attente"  # not yet asked: the PV cannot be sealed

    @property
    def label(self) -> str:
        return {
            "signe": "signe",
            "refus": "refuse de signer",
            "impossible": "ne sait ou ne peut signer",
            "absent": "absent au moment de la signature",
            "attente": "signature non recueillie",
        }[self.value]


@dataclass(frozen=True)
class Signer:
    role: str  # "personne entendue", "officier de police judiciaire", "interprète", …
    name: str
    quality: str = ""  # "Capitaine de police, OPJ", "administratrice ad hoc", …
    status: SignStatus = SignStatus.PENDING
    reason: str = ""  # motif of a refusal or of the inability
    image_png: bytes | None = None  # the handwritten signature captured on screen
    read_by_officer: bool = False  # « ne sait pas lire » : lecture faite par l'officier
    read_by_interpreter: bool = False  # lecture faite par l'interprète
    initials_each_page: bool = False  # officer and interpreter: paraphe on each feuillet
    content_sha256: str = ""  # what the signature approves (desktop.core.pv.binding)
    signed_at: str = ""  # ISO local time the signature was given
    signed_as: str = ""  # the row's « role · name » when the signature was bound ("": none)
    row_identity: str = ""  # the row's « role · name » now (set by the PV builder)
    reason_changed: bool = False  # the motif printed is not the one the act was given with


@dataclass(frozen=True)
class Header:
    service_lines: tuple[str, ...]  # "PRÉFECTURE DE POLICE", "Brigade de protection des mineurs"
    procedure_number: str
    pv_number: str = ""
    piece_number: str = ""
    cadre: str = ""  # "Enquête préliminaire", "Enquête de flagrance", "Commission rogatoire"
    affaire: str = ""  # objet / qualification


@dataclass(frozen=True)
class Officer:
    name: str
    grade: str = ""
    quality: str = "officier de police judiciaire"
    residence: str = ""  # the town: "Paris" (printed « en résidence à Paris »)
    service: str = ""  # with its preposition: "à la brigade de protection des mineurs"
    assisted_by: str = ""
    seconded_opj: str = ""  # an APJ names the OPJ he seconds (art. 20 CPP)


@dataclass(frozen=True)
class Identity:
    """The person heard (grande identité, DOMAIN §1.2)."""

    last_name: str
    first_name: str
    birth_date: str = ""  # ISO date
    birth_place: str = ""
    age_years: int | None = None
    usage_name: str = ""
    aliases: str = ""
    parents: str = ""
    address: str = ""  # or the 706-57 domiciliation mention
    school: str = ""
    placement: str = ""
    legal_guardians: str = ""
    nationality: str = ""
    phone: str = ""

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name.upper()) if p)


@dataclass(frozen=True)
class PresentPerson:
    quality: str  # "administratrice ad hoc", "psychologue", "interprète (langue : roumain)"
    name: str
    legal_basis: str = ""  # "art. 706-50 du code de procédure pénale"
    detail: str = ""  # "désignée par le procureur de la République le …"


@dataclass(frozen=True)
class Recording:
    """Art. 706-52: the recording, or the nature of the technical impossibility."""

    mode: str = ""  # "audiovisuel", "sonore", "impossible", "" (not filled)
    impossibility: str = ""  # nature of the impossibility, mandatory when mode == impossible
    magistrate_notified: str = ""  # "M. X, substitut, avisé le … à …"
    audio_only_decision: str = ""  # the PR/JI decision when mode == sonore
    operator: str = ""  # technician requisitioned
    media: str = ""  # support, serial number
    seal_number: str = ""  # scellé n° of the original
    sha256: str = ""  # of the recording file, checked by `trame verify --recording`
    started: str = ""  # "14 h 30": start of the recording (printed)
    ended: str = ""  # end of the recording
    incident_notified: str = ""  # magistrate informed of a technical incident during it


@dataclass(frozen=True)
class EvviItem:
    criterion: str
    retained: bool | None = None  # None: not assessed
    detail: str = ""


@dataclass(frozen=True)
class BodyEntry:
    """One transcript line: QUESTION/RÉPONSE, suspension, reprise, or a note."""

    kind: str  # "qr", "pause", "reprise", "note", "observation", "debut", "fin", "phase",
    # "fin_enregistrement", "reprise_enregistrement" (issue 13)
    question: str = ""
    answer: str = ""
    note: str = ""
    at: datetime | None = None  # local time
    asked_by: str = ""  # author of the question when not the officer writing the PV
    time_code: str = ""  # "[00:12:05]" on the recording, or the wall time "[14 h 42]"
    incident: bool = False  # a pause caused by a technical incident of the recording
    phase: str = ""  # kind "phase": the NICHD phase label opening here (issue 13)


@dataclass(frozen=True)
class SealSlot:
    """A digital seal field created before the first seal; sealed in this order."""

    field: str  # PDF field name, e.g. "sceau_officier"
    who: str  # printed in the reserved box: "Camille DURAND, OPJ"


@dataclass(frozen=True)
class Footer:
    document_id: str
    form_id: str = ""
    form_version: str = ""
    template_id: str = ""
    template_version: str = ""
    audit_seq: int | None = None
    audit_hash: str = ""


@dataclass(frozen=True)
class PvDocument:
    header: Header
    officer: Officer
    started_at: datetime | None  # local time: the incipit
    place: str  # "dans les locaux de l'UAPED du centre hospitalier …"
    person: Identity
    articles: tuple[str, ...] = ()  # "75 et suivants", "10-2", … ("Vu les articles …")
    investigation: str = ""  # "Poursuivant l'enquête préliminaire relative à …"
    present: tuple[PresentPerson, ...] = ()
    presence_decision: str = ""  # the 706-53 decision of the PR/JI
    rights_notified: tuple[str, ...] = ()
    rights_receipt: bool = False
    rights_missing: tuple[str, ...] = ()  # items of 10-2 in force not notified (blocks the seal)
    recording: Recording = field(default_factory=Recording)
    evvi: tuple[EvviItem, ...] = ()
    protection: str = ""  # 706-57 domiciliation, numéro d'ordre, other measures
    withheld: str = ""  # what the PV leaves out under 706-57 and where it is recorded
    framework: str = ""  # « Agissant en enquête préliminaire, sous la direction de … »
    directing_magistrate: str = ""  # the PR or JI directing the enquête (checked)
    interpreter_language: str = ""  # the language of the interpreter, if any
    interpreter_oath: bool = False  # the oath formula is printed
    evvi_notes: tuple[str, ...] = ()  # agreement to an in-depth evaluation, magistrate's opinion
    pre_substantive: str = ""  # the NICHD pre-substantive phase paragraph
    presence_required: tuple[str, ...] = ()  # names present under 706-53 (decision, signature)
    body: tuple[BodyEntry, ...] = ()
    ended_at: datetime | None = None
    observations: str = ""  # what the person asked to add before signing
    signers: tuple[Signer, ...] = ()
    footer: Footer = field(default_factory=lambda: Footer(document_id=""))
    draft: bool = False  # prints "PROJET" on each page; a draft is never sealed
    seals: tuple[SealSlot, ...] = ()  # digital seal fields, in sealing order (last locks)


# -- the other documents rendered by the same engine ------------------------------------


@dataclass(frozen=True)
class Section:
    """A titled block of label/value rows and free paragraphs."""

    title: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()  # verbatim words, printed in « »


@dataclass(frozen=True)
class ReportDocument:
    """UAPED report and fiche de signalement: a header, titled sections, signers."""

    kind: str  # "rapport_uaped", "fiche_signalement"
    header: Header
    title: str
    intro: str = ""
    sections: tuple[Section, ...] = ()
    closing_notes: tuple[str, ...] = ()  # printed after the « établi le … » sentence
    made_at: datetime | None = None
    made_place: str = ""
    signers: tuple[Signer, ...] = ()
    footer: Footer = field(default_factory=lambda: Footer(document_id=""))
    draft: bool = False
    seals: tuple[SealSlot, ...] = ()


@dataclass(frozen=True)
class Lesion:
    number: int
    location: str
    description: str  # type, size, colour


@dataclass(frozen=True)
class CmiDocument:
    """Certificat médical initial: shareable findings only (HAS 2011 model, DOMAIN §4.2).

    The medical module decides what is shareable; this model has no field for anything else.
    """

    header: Header  # service = the UMJ / UAPED; procedure_number = the réquisition's
    doctor_name: str
    doctor_quality: str = ""  # "médecin légiste"
    doctor_rpps: str = ""
    patient: Identity = field(default_factory=lambda: Identity("", ""))
    examined_at: datetime | None = None
    place: str = ""
    present: str = ""  # représentant légal (if not implicated), interprète
    requisition: str = ""  # autorité, n°, date — or "à la demande de la victime"
    facts: str = ""  # « … déclare avoir été victime de … le … à …, à … » (as declared)
    statements: tuple[str, ...] = ()  # commémoratifs: the minor's exact words, printed in « »
    account: tuple[str, ...] = ()  # the doctor's indirect account, conditional, no « »
    complaints: tuple[str, ...] = ()  # doléances, in the patient's words
    examination: tuple[str, ...] = ()  # general findings
    lesions: tuple[Lesion, ...] = ()
    # Body diagram with numbered lesion markers, as a vector drawing (a reportlab
    # Drawing from desktop.core.medical.drawing.body_drawing); None: no diagram.
    diagram: object | None = None
    psychological: str = ""  # état psychique
    samples: tuple[str, ...] = ()  # numbered samples handed over for the scellés
    samples_kept: bool = False  # no réquisition: kept by the unit, not handed over
    further_exams: str = ""
    itt_days: int | None = None  # incapacité totale de travail
    itt_reserved: bool = True  # « sous réserve de complications »
    itt_from: str = ""  # « des faits du 10 mars 2026 » (default: « de la date des faits »)
    conclusion: str = ""
    made_at: datetime | None = None
    made_place: str = ""
    handed_to: str = ""  # remis en main propre à …
    signers: tuple[Signer, ...] = ()
    footer: Footer = field(default_factory=lambda: Footer(document_id=""))
    draft: bool = False
    seals: tuple[SealSlot, ...] = ()
