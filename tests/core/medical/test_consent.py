from __future__ import annotations

from desktop.core.medical.consent import (
    ADULT,
    AUTHORITY,
    CMI,
    FOLLOW_UP,
    MINOR,
    PARENTS,
    ConsentFacts,
    check_consent,
    distribution,
    written_mention,
)


def test_no_opposition_parents_get_the_follow_up():
    plan = distribution(ConsentFacts(opposition=False, parents_implicated=False))
    assert plan.documents_for(AUTHORITY) == (CMI,)
    assert plan.documents_for(PARENTS) == (FOLLOW_UP,)
    assert plan.withheld == ()


def test_opposition_nothing_medical_for_the_parents():
    facts = ConsentFacts(
        opposition=True,
        adult_name="Mme Claire Fictive",
        written=True,
        parents_implicated=False,
        on_requisition=False,
    )
    plan = distribution(facts)
    assert plan.documents_for(PARENTS) == ()
    assert plan.documents_for(MINOR) == (CMI, FOLLOW_UP)
    assert plan.documents_for(ADULT) == (FOLLOW_UP,)
    assert "L.1111-5" in plan.withheld[0].text
    assert check_consent(facts) == []
    assert "Mme Claire Fictive" in written_mention(facts)


def test_opposition_withdrawn_after_discussion():
    facts = ConsentFacts(opposition=True, maintained=False, parents_implicated=False)
    assert distribution(facts).documents_for(PARENTS) == (FOLLOW_UP,)
    assert written_mention(facts) == ""


def test_implicated_parents_get_nothing():
    plan = distribution(
        ConsentFacts(opposition=False, parents_implicated=True, on_requisition=False)
    )
    assert plan.documents_for(PARENTS) == ()
    assert "mis en cause" in plan.withheld[0].reason


def test_opposition_requires_adult_and_written_mention():
    issues = check_consent(ConsentFacts(opposition=True))
    assert {i.field for i in issues} == {"personne_majeure_accompagnante", "mention_ecrite_r1111_6"}
    assert check_consent(ConsentFacts(opposition=None))[0].field == "opposition_information_parents"
