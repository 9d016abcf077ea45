"""A complete, fictional UMJ checklist (shared by the core and UI tests of issue 6)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
FACTS_AT = "2026-03-10T22:30"
EXAM_AT = "2026-03-11T15:00"
NOW = datetime(2026, 3, 11, 16, 0, tzinfo=PARIS)

# Sentinels: none of these may ever reach the case database or the CMI.
CONFIDENTIAL = {
    "opposition_information_parents": True,
    "personne_majeure_accompagnante": "Mme Claire FICTIVE-ACCOMPAGNANTE",
    "mention_ecrite_r1111_6": True,
    "contacts_declares": ["vaginal", "oral"],
    "preservatif": "non",
    "ejaculation": "inconnu",
    "activites_apres_faits": ["toilette"],
    "derniere_relation_consentie": "SECRET-RELATION-7731",
    "contraception": "SECRET-CONTRACEPTION-4410",
    "antecedents": "SECRET-ANTECEDENTS-9921",
    "tpe_vih": "adresse_specialiste",
    "contraception_urgence": "delivree",
    "depistages": ["vih", "chlamydia_gonocoque"],
    "depistages_resultats": "SECRET-SEROLOGIE-5502",
    "suivi_serologique": "SECRET-SUIVI-1 mois",
    "retentissement_details": "SECRET-PSY-DETAILS-3318",
    "orientation_psy": "psychotrauma",
}

LESIONS = [
    {
        "n": 1,
        "type": "ecchymose",
        "view": "face",
        "x": 0.4,
        "y": 0.25,
        "size_mm": 30,
        "width_mm": 20,
        "colour": "violacée",
        "description": "arrondie",
    },
    {
        "n": 2,
        "type": "excoriation",
        "view": "dos",
        "x": 0.45,
        "y": 0.5,
        "size_mm": 15,
        "description": "linéaire",
    },
    {
        "n": 3,
        "type": "dechirure",
        "view": "anal",
        "x": 0.5,
        "y": 0.8,
        "clock": 6,
        "size_mm": 4,
        "description": "",
    },
]

SAMPLES = [
    {
        "numero": 1,
        "site": "vaginal",
        "nature": "ecouvillon_sec",
        "recueilli_le": "2026-03-11T15:20",
        "finalite": "adn",
        "recueilli_par": "Dr Alix MORAND, médecin légiste",
        "conservation": "ambiante_sec",
    },
    {
        "numero": 2,
        "site": "anal",
        "nature": "ecouvillon_sec",
        "recueilli_le": "2026-03-11T15:25",
        "finalite": "adn",
    },
    {
        "numero": 3,
        "site": "sang",
        "nature": "tube",
        "recueilli_le": "2026-03-11T15:30",
        "finalite": "toxicologie",
    },
]


def shareable(patient_id: int) -> dict:
    return {
        "saisine": "requisition",
        "requisition_autorite": "BPM Paris, capitaine Camille DURAND",
        "requisition_numero": "2026/00123",
        "requisition_fondement": "cpp.77-1",
        "requisition_date": "2026-03-11",
        "medecin_nom": "Dr Alix MORAND",
        "medecin_rpps": "10001234567",
        "patient_personne": patient_id,
        "patient_date_naissance": "2011-05-02",
        "examen_datetime": EXAM_AT,
        "examen_lieu": "UMJ de l'Hôtel-Dieu, Paris",
        "consentement_mineur": True,
        "faits_datetime": FACTS_AT,
        "faits_datetime_precision": "exacte",
        "faits_nature": "violences sexuelles",
        "faits_lieu": "dans un hôtel proche de la gare",
        "declarations": "il m'a forcée à aller à l'hôtel",
        "commemoratifs_recit": "Elle aurait été conduite de force dans un hôtel.",
        "doleances": "j'ai mal au ventre et je dors plus",
        "substances_amnesie": "non",
        "examen_general": "Bon état général. Poids et taille dans la norme.",
        "lesions": LESIONS,
        "lesions_description": "Trois lésions, décrites dans le tableau.",
        "examen_genital": "realise",
        "examen_genital_constatations": "Déchirure à 6 heures, décrite ci-dessus.",
        "photographies": True,
        "photographies_nombre": 4,
        "photographies_support": "appareil photo du service, carte mémoire scellée",
        "photographies_conservation": "coffre de l'UMJ",
        "stade_pubertaire": "tanner_3",
        "age_apparent": "13 à 14 ans",
        "prelevements_realises": True,
        "prelevements": SAMPLES,
        "toxicologie_prelevements": ["sang"],
        "etat_psychique": "Mineure anxieuse, pleurs pendant l'entretien.",
        "itt_jours": 3,
        "itt_reserve_complications": True,
        "certificat_remis_a": "autorite_requerante",
        "double_conserve": True,
        "signature_medecin": doctor_signature(),
    }


def doctor_signature() -> dict:
    from desktop.core.pv.sample import signature_png
    from desktop.core.pv.signature import signature_answer

    return signature_answer(
        "signe", image_png=signature_png("Dr Alix MORAND", 6), name="Dr Alix MORAND"
    )


def complete(patient_id: int) -> dict:
    return {**shareable(patient_id), **CONFIDENTIAL}


def sentinels() -> list[str]:
    return [v for v in CONFIDENTIAL.values() if isinstance(v, str) and "SECRET" in v] + [
        "FICTIVE-ACCOMPAGNANTE"
    ]
