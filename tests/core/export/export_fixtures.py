"""A real case in a real vault, built by the core's sample builder (desktop.core.sample)
with rarer fictional names (grep-able): the hearing and the fiche de signalement sealed by
the application's own use cases with a real certificate, and a transmitted CMI."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime

from desktop.core.pv.builder import build_pv
from desktop.core.pv.model import Identity
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_cmi
from desktop.core.sample import PARIS, create_sealed_case, demo_data, variant
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
BASE = datetime(2026, 11, 26, 14, 30, tzinfo=PARIS)  # the hearing: the minor is 15
_PAIRS = [
    (
        "Qui est la personne que tu appelles « le Docteur » ?",
        f"C'est {SUSPECT['first']} {SUSPECT['last'].upper()}, on l'appelle "
        f"« {SUSPECT['pseudo']} ». Son numéro c'est le {SUSPECT['phone']}.",
    ),
    (
        "Tu te souviens de la voiture ?",
        f"Une Clio grise, la plaque c'était {SUSPECT['plate']}. Il venait me chercher au "
        f"17 rue des Glycines. Sur Snap je m'appelle {VICTIM['pseudo']}.",
    ),
    (
        "Comment peut-on te joindre ?",
        f"Sur mon portable, le {VICTIM['phone']}, ou chez ma mère, Solveig.",
    ),
]
DATA = variant(
    demo_data(),
    {
        "case": {"procedure_number": PROCEDURE},
        "victim": {
            "last_name": VICTIM["last"],
            "first_name": VICTIM["first"],
            "birth_date": VICTIM["birth"],
            "details": {
                "birth_place": "Valmont-sur-Orge (99)",
                "pseudonyme": VICTIM["pseudo"],
                "telephones": [VICTIM["phone"]],
                "adresse": VICTIM["address"],
            },
        },
        "suspect": {
            "last_name": SUSPECT["last"],
            "first_name": SUSPECT["first"],
            "details": {
                "pseudonyme": SUSPECT["pseudo"],
                "telephones": [SUSPECT["phone"]],
                "plaques": [SUSPECT["plate"]],
            },
        },
        "hearing": {
            "victime_autorite_parentale": GUARDIAN,
            "victime_pseudos": f"« {VICTIM['pseudo']} » (Snapchat)",
        },
        "transcript": {
            "pairs": demo_data()["transcript"]["pairs"][:5] + _PAIRS,
            "pause_after": 4,
        },
    },
)


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


def build_case(session, signer, *, with_cmi: bool = True, seal_pv: bool = True) -> CaseData:
    """The sample case (DATA): its hearing's PV sealed (a draft stored when not `seal_pv`),
    its fiche de signalement sealed, and (`with_cmi`) a CMI recorded as transmitted."""
    case, _victim, rec, docs = create_sealed_case(session, DATA, BASE, signer, seal_pv=seal_pv)
    data = CaseData(case.id, rec.id, build_pv(session, rec.id))
    if not seal_pv:
        draft = render_pv(dataclasses.replace(data.pv_model, draft=True)).pdf
        docs["pv_audition"] = session.documents.add(
            case.id, "pv_audition", draft, title="PV d'audition", record_id=rec.id, sealed=False
        )
    data.documents = {kind: doc.id for kind, doc in docs.items()}
    if with_cmi:  # transmitted by a doctor: the officer's database only holds the sealed copy
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
