"""A real case in a real vault: persons, a hearing record, a sealed PV, a sealed fiche de
signalement, a transmitted CMI, all rendered by the real engine and sealed with a real
certificate. Every person is fictional; the names are rare on purpose (grep-able)."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desktop.core.pv.model import BodyEntry, Identity, PresentPerson, SealSlot
from desktop.core.pv.sample import sample_cmi, sample_pv, sample_report, signature_png
from desktop.core.seal.documents import seal_document

PROCEDURE = "2026/007731"
VICTIM = {
    "last": "Quenneville",
    "first": "Zéphyrine",
    "birth": "2011-09-23",
    "pseudo": "Zeph-la-Nuit",
    "phone": "06 71 42 93 58",
    "address": "17 rue des Glycines, 99120 Valmont-sur-Orge",
}
SUSPECT = {
    "last": "Kesslerand",
    "first": "Brandonnet",
    "pseudo": "Le Docteur",
    "phone": "07 55 12 98 34",
    "plate": "GH-482-KT",
}
GUARDIAN = "Mme Solveig QUENNEVILLE, mère"
AAH = "Mme Noémie LEFÈVRE"


def identity_strings() -> list[str]:
    return [
        VICTIM["last"],
        VICTIM["last"].upper(),
        VICTIM["first"],
        VICTIM["pseudo"],
        VICTIM["phone"],
        "0671429358",
        "17 rue des Glycines",
        "Glycines",
        "2011-09-23",
        "23/09/2011",
        SUSPECT["last"],
        SUSPECT["last"].upper(),
        SUSPECT["first"],
        SUSPECT["pseudo"],
        SUSPECT["phone"],
        SUSPECT["plate"],
        "Solveig",
        "LEFÈVRE",
        "Noémie",
        PROCEDURE,
    ]


@dataclass
class CaseData:
    case_id: int
    record_id: int
    pv_model: object
    documents: dict = field(default_factory=dict)  # kind -> vault document id


def case_pv(case_id: int, record_id: int, recording_sha256: str = ""):
    base = sample_pv(pairs=8, pause_after=4)
    start = base.started_at
    extra = (
        BodyEntry(
            "qr",
            question="Qui est la personne que tu appelles « le Docteur » ?",
            answer=f"C'est {SUSPECT['first']} {SUSPECT['last'].upper()}, on l'appelle "
            f"« {SUSPECT['pseudo']} ». Son numéro c'est le {SUSPECT['phone']}.",
            at=start + timedelta(minutes=40),
        ),
        BodyEntry(
            "qr",
            question="Tu te souviens de la voiture ?",
            answer=f"Une Clio grise, la plaque c'était {SUSPECT['plate']}. Il venait me "
            f"chercher au 17 rue des Glycines. Sur Snap je m'appelle {VICTIM['pseudo']}.",
            at=start + timedelta(minutes=42),
        ),
        BodyEntry(
            "qr",
            question="Comment peut-on te joindre ?",
            answer=f"Sur mon portable, le {VICTIM['phone']}, ou chez ma mère, Solveig.",
            at=start + timedelta(minutes=44),
        ),
    )
    signers = list(base.signers)
    signers[0] = dataclasses.replace(
        signers[0],
        name=f"{VICTIM['first']} {VICTIM['last'].upper()}",
        image_png=signature_png("Zéphyrine", 9),
    )
    return dataclasses.replace(
        base,
        header=dataclasses.replace(base.header, procedure_number=PROCEDURE),
        person=Identity(
            last_name=VICTIM["last"],
            first_name=VICTIM["first"],
            birth_date=VICTIM["birth"],
            birth_place="Valmont-sur-Orge (99)",
            age_years=15,
            aliases=f"« {VICTIM['pseudo']} » (Snapchat)",
            legal_guardians=GUARDIAN,
            nationality="française",
            address=VICTIM["address"],
            phone=VICTIM["phone"],
            placement="foyer départemental de l'enfance",
        ),
        present=(
            PresentPerson(
                "administratrice ad hoc",
                AAH,
                "art. 706-50 du code de procédure pénale",
                "désignée par le procureur de la République le 20 novembre 2026",
            ),
        ),
        body=base.body + extra,
        recording=dataclasses.replace(base.recording, sha256=recording_sha256),
        signers=tuple(signers),
        footer=dataclasses.replace(
            base.footer, document_id=f"PV-{case_id}-{record_id}", form_version="1.0"
        ),
        seals=(SealSlot("sceau_officier", "Camille DURAND, OPJ"),),
    )


def build_case(
    session, signer, *, recording_sha256: str = "", with_cmi: bool = True, seal_pv: bool = True
) -> CaseData:
    case = session.cases.create(PROCEDURE, "Brigade de protection des mineurs")
    victim = session.persons.add(
        case.id,
        "victime",
        VICTIM["last"],
        VICTIM["first"],
        VICTIM["birth"],
        {
            "pseudonyme": VICTIM["pseudo"],
            "telephones": [VICTIM["phone"]],
            "adresse": VICTIM["address"],
        },
    )
    session.persons.add(
        case.id,
        "suspect",
        SUSPECT["last"],
        SUSPECT["first"],
        None,
        {
            "pseudonyme": SUSPECT["pseudo"],
            "telephones": [SUSPECT["phone"]],
            "plaques": [SUSPECT["plate"]],
        },
    )
    rec = session.records.create(case.id, "audition", "audition_mineur", "1.0", victim.id)
    model = case_pv(case.id, rec.id, recording_sha256)
    data = CaseData(case.id, rec.id, model)
    if seal_pv:
        pdf = seal_document(model, signer)
        doc = session.documents.add(
            case.id, "pv_audition", pdf, title="PV d'audition n° 17", record_id=rec.id, sealed=True
        )
    else:
        from desktop.core.pv.pv import render_pv

        pdf = render_pv(dataclasses.replace(model, draft=True)).pdf
        doc = session.documents.add(
            case.id, "pv_audition", pdf, title="PV d'audition n° 17", record_id=rec.id, sealed=False
        )
    data.documents["pv_audition"] = doc.id
    fiche = sample_report("fiche_signalement")
    fiche = dataclasses.replace(
        fiche, header=dataclasses.replace(fiche.header, procedure_number=PROCEDURE)
    )
    doc = session.documents.add(
        case.id,
        "fiche_signalement",
        seal_document(fiche, signer),
        title="Fiche de signalement",
        sealed=True,
    )
    data.documents["fiche_signalement"] = doc.id
    if with_cmi:
        cmi = sample_cmi()
        cmi = dataclasses.replace(
            cmi,
            header=dataclasses.replace(cmi.header, procedure_number=PROCEDURE),
            patient=Identity(VICTIM["last"], VICTIM["first"], birth_date=VICTIM["birth"]),
        )
        doc = session.documents.add(
            case.id,
            "cmi",
            seal_document(cmi, signer),
            title="Certificat médical initial",
            sealed=True,
        )
        session.cases_db.execute(
            "INSERT INTO cmi_transmissions (case_id, medical_record_id, exam_date,"
            " transmitted_at, transmitted_by, document_id) VALUES (?, 1, ?, ?, ?, ?)",
            (case.id, "2026-11-26T16:10", "2026-11-26T17:00:00.000000Z", session.user_id, doc.id),
        )
        data.documents["cmi"] = doc.id
    return data


def pdftotext(pdf: bytes) -> str:
    exe = shutil.which("pdftotext")
    assert exe, "poppler-utils (pdftotext) est requis : lancez scripts/bootstrap.sh"
    out = subprocess.run(
        [exe, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def when(year=2026, month=11, day=26, hour=14, minute=30) -> datetime:
    return datetime(year, month, day, hour, minute)
