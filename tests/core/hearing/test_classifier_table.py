"""The question classifier on a table of French questions (issue 17, point 15).

Open wh- questions (« Qu'est-ce que … », « Qu'est-ce qu'il … », « Pendant …, où … ») are
directive, never « choix »; the field's vocabulary (passes, plans, bosseuse, loverboy…) is
flagged as introduced until the minor has said it."""

from __future__ import annotations

import pytest

from desktop.core.hearing.transcript import analyse, minor_words
from desktop.core.sample import demo_data

SAID = minor_words(["Il m'a emmenée à l'hôtel avec Karim.", "On prenait le train le soir."])

TABLE = [
    # invitations
    ("Raconte-moi tout ce qui s'est passé.", "invitation"),
    ("Raconte-moi ce qui s'est passé depuis le début jusqu'à la fin.", "invitation"),
    ("Parle-moi de ta journée d'hier.", "invitation"),
    ("Et ensuite ?", "invitation"),
    ("Et après ?", "invitation"),
    ("Qu'est-ce qui s'est passé ensuite ?", "invitation"),
    ("Explique-moi comment ça se passait.", "invitation"),
    ("Dis-moi tout ce dont tu te souviens.", "invitation"),
    ("Y a-t-il autre chose que tu voudrais que je sache ?", "invitation"),
    ("Est-ce qu'il y a autre chose dont tu te souviens sur cette nuit ?", "invitation"),
    # cued invitations
    ("Tu as parlé de l'hôtel. Parle-moi plus de l'hôtel.", "invitation_indicee"),
    ("Parle-moi plus de « Karim ».", "invitation_indicee"),
    ("Tu m'as dit que tu prenais le train. Raconte-moi tout à ce sujet.", "invitation_indicee"),
    # directive (wh-) questions
    ("Qu'est-ce que tu as fait après ?", "directive"),
    ("Qu'est-ce qu'il t'écrivait ?", "directive"),
    ("Qu'est-ce qu'il a écrit exactement ?", "directive"),
    ("Qu'est-ce qu'elle a dit ?", "directive"),
    ("Qu'est ce qu'il faisait le soir ?", "directive"),
    ("Qu'est-ce qui te fait dire ça ?", "directive"),
    ("Qu'est-ce que tu as ressenti à ce moment-là ?", "directive"),
    ("Que s'est-il passé quand tu as bu ?", "directive"),
    ("Qui réservait les chambres ?", "directive"),
    ("Où dormais-tu ?", "directive"),
    ("Pendant ces neuf jours, où dormais-tu ?", "directive"),
    ("Le soir, avec qui étais-tu ?", "directive"),
    ("Tu étais où ?", "directive"),
    ("C'était quand ?", "directive"),
    ("Comment sais-tu ce qui était écrit ?", "directive"),
    ("Combien de temps es-tu restée à l'hôtel ?", "directive"),
    ("Lequel ?", "directive"),
    ("De quoi aurais-tu besoin maintenant ?", "directive"),
    ("Depuis quand tu le connais ?", "directive"),
    # option-posing (yes/no, alternatives)
    ("Il t'a payée en liquide ou par virement ?", "choix"),
    ("As-tu pris le train ?", "choix"),
    ("Est-ce que tu as pris le train ?", "choix"),
    ("Est-ce que quelqu'un t'a empêchée de partir ?", "choix"),
    ("Il était grand ?", "choix"),
    ("C'était le soir ou le matin ?", "choix"),
    # suggestive
    ("Il t'a forcée, n'est-ce pas ?", "suggestive"),
    ("Tu étais à l'hôtel, non ?", "suggestive"),
    ("Les autres filles ont dit qu'il vous frappait.", "suggestive"),
    ("On sait que tu allais à l'hôtel.", "suggestive"),
    ("Tu ne vas pas me dire que tu ne savais pas ?", "suggestive"),
    ("Qu'est-ce que Sofiane t'a fait à l'appartement ?", "suggestive"),  # names never said
    # not a question
    ("D'accord.", ""),
    ("Merci.", ""),
]


def test_the_table_has_at_least_forty_questions():
    assert len(TABLE) >= 40


@pytest.mark.parametrize(("question", "expected"), TABLE, ids=[q for q, _ in TABLE])
def test_classifier_table(question, expected):
    assert analyse(question, SAID).question_type == expected


@pytest.mark.parametrize(
    ("question", "flagged"),
    [
        ("Tu faisais des passes ?", "des passes"),
        ("Il te disait que tu étais une bosseuse ?", "bosseuse"),
        ("C'était un plan sous ?", "un plan"),
        ("Il était ton loverboy ?", "loverboy"),
        ("Tu avais un sugar daddy ?", "sugar daddy"),
        ("Elle était michetonneuse ?", "michetonneuse"),
        ("Il vendait des packs ?", "packs"),
    ],
)
def test_field_vocabulary_is_introduced_until_the_minor_says_it(question, flagged):
    a = analyse(question, SAID)
    assert flagged in a.introduced
    assert "introduces" in {x.code for x in a.alerts}
    said = minor_words([f"Il m'a parlé de {flagged}."])
    assert flagged not in analyse(question, said).introduced


def test_everyday_words_are_not_field_vocabulary():
    assert analyse("Qu'est-ce qui s'est passé ?", SAID).introduced == ()
    assert analyse("Montre-moi sur le plan où était l'hôtel.", SAID).introduced == ()


def test_no_false_choice_warning_on_the_demo_wh_questions():
    """Measured on the demo hearing: every question starting with a wh- word is directive
    (or an invitation), none is « choix »."""
    said: list[str] = []
    wh = ("qu'", "que ", "qui ", "où ", "comment ", "combien ", "lequel", "de quoi", "pendant")
    checked = 0
    for question, answer in demo_data()["transcript"]["pairs"]:
        a = analyse(question, minor_words(said))
        said.append(answer)
        if question.lower().startswith(wh) or ", où " in question:
            checked += 1
            assert a.question_type != "choix", question
            assert "choice" not in {x.code for x in a.alerts}, question
    assert checked >= 15
