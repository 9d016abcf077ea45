"""Fictional documents for tests, the demo and the benchmark. Every person here is invented."""

from __future__ import annotations

import io
import math
import random
from datetime import datetime, timedelta

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
    SignStatus,
)

RIGHTS = (
    "obtenir la réparation de son préjudice, par l'indemnisation de celui-ci ou par tout autre "
    "moyen adapté, y compris, s'il y a lieu, une mesure de justice restaurative",
    "se constituer partie civile",
    "être, si elle souhaite se constituer partie civile, assistée d'un avocat",
    "être aidée par un service relevant d'une ou de plusieurs collectivités publiques ou par une "
    "association conventionnée d'aide aux victimes",
    "saisir, le cas échéant, la commission d'indemnisation des victimes d'infractions",
    "être informée sur les mesures de protection dont elle peut bénéficier",
    "être assistée d'un interprète et d'une traduction des informations indispensables",
    "être accompagnée par son représentant légal et par la personne majeure de son choix",
)

EVVI = (
    EvviItem("Importance du préjudice", True, "Préjudice physique et psychique allégué."),
    EvviItem("Liens avec la personne mise en cause", True, "Connaissance rencontrée en ligne."),
    EvviItem("Vulnérabilité particulière (âge, grossesse, handicap)", True, "Mineure de 15 ans."),
    EvviItem("Risque d'intimidation ou de représailles", True, "Messages de menace reçus."),
    EvviItem("Situation d'emprise", None, ""),
)

QUESTIONS = (
    (
        "Peux-tu me raconter tout ce qui s'est passé, depuis le début ?",
        "Au début je l'ai rencontré sur Snap, il disait qu'il avait dix-neuf ans. Après il m'a "
        "proposé de venir à une soirée et j'ai dit oui parce que je voulais plus être au foyer.",
    ),
    (
        "Tu as parlé d'une soirée. Raconte-moi tout sur cette soirée.",
        "C'était dans un appartement, il y avait deux autres filles. Il m'a dit « tu vas voir, "
        "c'est facile, c'est juste des plans » et il a pris mon téléphone.",
    ),
    (
        "Qu'est-ce qui s'est passé ensuite ?",
        "Il a mis une annonce avec des photos. Je voulais pas. Il a dit que je lui devais l'argent "
        "du taxi et de l'hôtel, et qu'il fallait que je rembourse.",
    ),
    (
        "Tu as dit qu'il a pris ton téléphone. Dis-m'en plus là-dessus.",
        "Il me le rendait juste pour répondre aux messages des clients. Sinon il le gardait.",
    ),
    (
        "Comment savait-il ton âge ?",
        "Je lui avais dit que j'avais quatorze ans, dès le début, sur Snap. Il a répondu « on "
        "s'en fout, sur l'annonce tu mets dix-huit ».",
    ),
)


def signature_png(name: str, seed: int | None = None, width: int = 600, height: int = 200) -> bytes:
    """A fictional handwritten-looking signature (a smooth scribble) as PNG bytes."""
    from PIL import Image, ImageDraw

    rnd = random.Random(seed if seed is not None else name)
    im = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    points = []
    x = 30.0
    phase = rnd.random() * 6
    while x < width - 40:
        y = height / 2 + math.sin(x / (18 + rnd.random() * 8) + phase) * (40 + rnd.random() * 25)
        points.append((x, y))
        x += 4 + rnd.random() * 3
    d.line(points, fill=(20, 30, 90, 255), width=5, joint="curve")
    d.line([(40, height * 0.78), (width - 60, height * 0.70)], fill=(20, 30, 90, 255), width=4)
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def sample_body(pairs: int, start: datetime, pause_after: int | None = None) -> tuple:
    entries = []
    t = start + timedelta(minutes=3)
    rnd = random.Random(pairs)
    for i in range(pairs):
        q, a = QUESTIONS[i % len(QUESTIONS)]
        if i >= len(QUESTIONS):
            a = (
                a
                + " "
                + " ".join(
                    rnd.choice(
                        (
                            "Je me souviens plus très bien de la date.",
                            "C'était à l'hôtel près de la gare, au deuxième étage.",
                            "Il y avait aussi son cousin, qu'on appelait « Doc ».",
                            "J'avais peur qu'il envoie les photos à ma mère.",
                            "L'argent allait sur son compte, il me donnait rien.",
                        )
                    )
                    for _ in range(1 + i % 3)
                )
            )
        entries.append(BodyEntry(kind="qr", question=q, answer=a, at=t))
        t += timedelta(minutes=2)
        if pause_after is not None and i + 1 == pause_after:
            entries.append(BodyEntry(kind="pause", at=t, note="pause demandée par la mineure"))
            t += timedelta(minutes=12)
            entries.append(BodyEntry(kind="reprise", at=t))
    return tuple(entries), t


def sample_pv(pairs: int = 12, pause_after: int | None = 6, signed: bool = True) -> PvDocument:
    start = datetime(2026, 11, 26, 14, 30)
    body, end = sample_body(pairs, start, pause_after)
    officer_sig = signature_png("Camille DURAND", 1) if signed else None
    heard_sig = signature_png("Léa MARTIN", 2) if signed else None
    aah_sig = signature_png("Noémie LEFÈVRE", 3) if signed else None
    status = SignStatus.SIGNED if signed else SignStatus.PENDING
    return PvDocument(
        header=Header(
            service_lines=(
                "MINISTÈRE DE L'INTÉRIEUR",
                "Préfecture de police — Direction de la police judiciaire",
                "Brigade de protection des mineurs",
            ),
            procedure_number="2026/004217",
            pv_number="17",
            piece_number="17",
            cadre="Enquête préliminaire",
            affaire="Proxénétisme aggravé à l'égard d'une mineure de quinze ans",
        ),
        officer=Officer(
            name="Camille DURAND",
            grade="capitaine de police",
            quality="officier de police judiciaire",
            residence="Paris",
            service="à la brigade de protection des mineurs",
        ),
        framework="Agissant en enquête préliminaire, sous la direction de M. le procureur de la "
        "République près le tribunal judiciaire de Paris,",
        directing_magistrate="M. le procureur de la République près le tribunal judiciaire de Paris",
        started_at=start,
        place="dans les locaux de l'unité d'accueil pédiatrique enfants en danger (UAPED) du "
        "centre hospitalier fictif de Valmont",
        person=Identity(
            last_name="Martin",
            first_name="Léa, Zoé",
            birth_date="2012-03-14",
            birth_place="Valmont (99)",
            age_years=14,
            aliases="« Lili » (Snapchat)",
            legal_guardians="Mme Sophie MARTIN, mère",
            nationality="française",
            address="domiciliée au service en application de l'article 706-57 (registre n° 2026-31)",
            placement="foyer départemental de l'enfance de Valmont",
            school="classe de quatrième, collège Jean-Moulin (fictif)",
        ),
        articles=("75 et suivants", "10-2", "10-4", "10-5", "706-50", "706-52", "706-53"),
        investigation="Poursuivant l'enquête préliminaire relative à des faits de proxénétisme "
        "aggravé commis au préjudice de la personne ci-après dénommée",
        present=(
            PresentPerson(
                "administratrice ad hoc",
                "Mme Noémie LEFÈVRE",
                "art. 706-50 du code de procédure pénale",
                "désignée par le procureur de la République le 20 novembre 2026",
            ),
            PresentPerson(
                "psychologue",
                "M. Étienne ŒHLER",
                "art. 706-53 du code de procédure pénale",
            ),
        ),
        presence_decision="décision du procureur de la République de Valmont du 21 novembre 2026",
        rights_notified=RIGHTS,
        rights_receipt=True,
        recording=Recording(
            mode="audiovisuel",
            operator="M. Hugo BERNARD, technicien requis",
            media="disque chiffré n° 4471",
            seal_number="2026-412",
            sha256="",
        ),
        evvi=EVVI,
        protection="Domiciliation au service autorisée par le procureur de la République "
        "(article 706-57 du code de procédure pénale), numéro d'ordre 2026-31.",
        body=body,
        ended_at=end + timedelta(minutes=4),
        observations="",
        signers=(
            Signer("personne entendue", "Léa MARTIN", "mineure entendue", status, "", heard_sig),
            Signer(
                "administratrice ad hoc",
                "Noémie LEFÈVRE",
                "administratrice ad hoc",
                status,
                "",
                aah_sig,
            ),
            Signer(
                "officier de police judiciaire",
                "Camille DURAND",
                "capitaine de police, OPJ",
                status,
                "",
                officer_sig,
                initials_each_page=True,
            ),
        ),
        footer=Footer(
            document_id="PV-2026-004217-17",
            form_id="audition_mineur",
            form_version="1.0",
            audit_seq=1287,
            audit_hash="9f2c4e71a0b35d8e6c1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7",
        ),
        seals=(SealSlot("sceau_officier", "Camille DURAND, OPJ"),),
    )


def sample_cmi(signed: bool = True):
    from desktop.core.pv.model import CmiDocument, Lesion

    status = SignStatus.SIGNED if signed else SignStatus.PENDING
    return CmiDocument(
        header=Header(
            service_lines=("Centre hospitalier fictif de Valmont", "Unité médico-judiciaire"),
            procedure_number="2026/004217",
            piece_number="19",
        ),
        doctor_name="Dr Maëlle GIRARD",
        doctor_quality="médecin légiste",
        doctor_rpps="10000000000",
        patient=Identity("Martin", "Léa", birth_date="2012-03-14"),
        examined_at=datetime(2026, 11, 26, 16, 10),
        place="à l'unité médico-judiciaire du centre hospitalier fictif de Valmont",
        present="Mme Noémie LEFÈVRE, administratrice ad hoc",
        requisition="réquisition de l'OPJ Camille DURAND (art. 77-1 du code de procédure "
        "pénale), n° 2026-4217-3 du 26/11/2026",
        statements=("il m'a pris mon téléphone et il m'a dit que je devais rembourser",),
        complaints=("j'arrive pas à dormir, je fais des cauchemars",),
        examination=(
            "Examen réalisé avec l'accord de la mineure, en présence de l'administratrice ad hoc.",
        ),
        lesions=(
            Lesion(1, "avant-bras gauche, face interne", "ecchymose violacée de 3 × 2 cm"),
            Lesion(2, "poignet droit", "dermabrasion linéaire de 4 cm"),
        ),
        psychological="Anxiété marquée, discours cohérent, pleurs à l'évocation des faits.",
        samples=("écouvillon buccal (n° 1)", "prélèvement sanguin pour toxicologie (n° 2)"),
        further_exams="Bilan sérologique prescrit ; un certificat complémentaire sera établi.",
        itt_days=3,
        made_at=datetime(2026, 11, 26, 17, 0),
        made_place="Valmont",
        handed_to="à l'officier de police judiciaire requérant",
        signers=(
            Signer(
                "médecin",
                "Dr Maëlle GIRARD",
                "médecin légiste",
                status,
                "",
                signature_png("Maëlle GIRARD", 4) if signed else None,
            ),
        ),
        footer=Footer(document_id="CMI-2026-004217", form_id="checklist_umj", form_version="1"),
        seals=(SealSlot("sceau_medecin", "Dr Maëlle GIRARD"),),
    )
