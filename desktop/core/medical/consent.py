"""The minor's opposition to informing the parents (art. L.1111-5 and R.1111-6 CSP).

When the minor expressly objects and maintains it after the doctor tried to convince them,
care proceeds without the parents' consent, the minor is accompanied by an adult of their
choice, the objection is written down, and nothing medical is printed for the parents.
This module decides what is printed for whom; the UI only shows the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.medical.validation import FieldIssue

CMI = "cmi"  # certificat médical initial: shareable findings only
FOLLOW_UP = "suivi"  # fiche de suivi: treatments, screenings, appointments (confidential)

DOCUMENT_LABELS = {
    CMI: "Certificat médical initial",
    FOLLOW_UP: "Fiche de suivi médical (traitements, dépistages, rendez-vous)",
}

AUTHORITY = "autorite"
MINOR = "mineur"
PARENTS = "representant_legal"
ADULT = "adulte_accompagnant"

RECIPIENT_LABELS = {
    AUTHORITY: "Autorité requérante",
    MINOR: "Le mineur",
    PARENTS: "Représentant légal",
    ADULT: "Personne majeure accompagnante",
}


@dataclass(frozen=True)
class ConsentFacts:
    opposition: bool | None  # the minor objects to the parents being informed
    maintained: bool = True  # still objects after the doctor tried to convince them
    adult_name: str = ""  # « personne majeure de son choix »
    written: bool = False  # objection recorded in writing (R.1111-6)
    parents_implicated: bool | None = None  # a holder of parental authority is implicated
    on_requisition: bool = True  # examination on réquisition (CMI to the requérant)

    @property
    def objects(self) -> bool:
        return bool(self.opposition) and self.maintained


@dataclass(frozen=True)
class Delivery:
    document: str
    recipient: str

    @property
    def text(self) -> str:
        return f"{DOCUMENT_LABELS[self.document]} → {RECIPIENT_LABELS[self.recipient]}"


@dataclass(frozen=True)
class Withheld:
    recipient: str
    reason: str

    @property
    def text(self) -> str:
        return f"{RECIPIENT_LABELS[self.recipient]} : rien de médical ({self.reason})"


@dataclass(frozen=True)
class Plan:
    deliveries: tuple[Delivery, ...]
    withheld: tuple[Withheld, ...]

    def documents_for(self, recipient: str) -> tuple[str, ...]:
        return tuple(d.document for d in self.deliveries if d.recipient == recipient)


def check_consent(facts: ConsentFacts) -> list[FieldIssue]:
    issues = []
    if facts.opposition is None:
        issues.append(
            FieldIssue(
                "opposition_information_parents",
                "Indiquez si le mineur s'oppose à l'information de ses parents (art. L.1111-5 CSP).",
            )
        )
    if facts.objects and not facts.adult_name.strip():
        issues.append(
            FieldIssue(
                "personne_majeure_accompagnante",
                "Le mineur qui maintient son opposition se fait accompagner d'une personne majeure "
                "de son choix (art. L.1111-5 CSP) : indiquez son nom.",
            )
        )
    if facts.objects and not facts.written:
        issues.append(
            FieldIssue(
                "mention_ecrite_r1111_6",
                "L'opposition du mineur doit être consignée par écrit (art. R.1111-6 CSP).",
            )
        )
    return issues


def distribution(facts: ConsentFacts) -> Plan:
    deliveries: list[Delivery] = []
    withheld: list[Withheld] = []
    parents_ok = not facts.objects and not facts.parents_implicated
    if facts.on_requisition:
        deliveries.append(Delivery(CMI, AUTHORITY))
    else:
        deliveries.append(Delivery(CMI, MINOR))
        if parents_ok:
            deliveries.append(Delivery(CMI, PARENTS))
    deliveries.append(Delivery(FOLLOW_UP, MINOR))
    if parents_ok:
        deliveries.append(Delivery(FOLLOW_UP, PARENTS))
    elif facts.objects:
        withheld.append(Withheld(PARENTS, "opposition du mineur, art. L.1111-5 et R.1111-6 CSP"))
    else:
        withheld.append(Withheld(PARENTS, "représentant légal mis en cause"))
    if facts.objects and facts.adult_name.strip():
        deliveries.append(Delivery(FOLLOW_UP, ADULT))
    return Plan(tuple(deliveries), tuple(withheld))


def written_mention(facts: ConsentFacts) -> str:
    """The R.1111-6 mention kept in the medical record (never in the CMI)."""
    if not facts.objects:
        return ""
    adult = facts.adult_name.strip() or "…"
    return (
        "Le mineur s'est expressément opposé à la consultation des titulaires de l'autorité "
        "parentale et à la communication des informations le concernant (art. L.1111-5 et "
        "R.1111-6 du code de la santé publique). Après tentative pour obtenir son consentement, "
        f"il a maintenu son opposition. Il est accompagné de : {adult}."
    )
