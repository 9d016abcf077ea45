from __future__ import annotations

import pytest

from desktop.core.medical.itt import days_in_words, itt_sentence, parse_itt
from desktop.core.medical.validation import FieldError


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (1, "un (1) jour"),
        (2, "deux (2) jours"),
        (21, "vingt et un (21) jours"),
        (71, "soixante et onze (71) jours"),
        (80, "quatre-vingts (80) jours"),
        (91, "quatre-vingt-onze (91) jours"),
    ],
)
def test_days_in_words(days, words):
    assert days_in_words(days) == words


def test_sentences():
    assert itt_sentence(1).startswith("La durée d'incapacité totale de travail est d'un (1) jour ")
    assert "est de onze (11) jours à compter de la date des faits" in itt_sentence(11)
    assert "sous réserve de complications" in itt_sentence(5)
    assert "pas d'incapacité totale de travail" in itt_sentence(0)
    assert "certificat complémentaire" in itt_sentence(None)


@pytest.mark.parametrize("bad", ["trois", -1, 1001, True, "2.5"])
def test_bad_itt_refused_in_french(bad):
    with pytest.raises(FieldError) as err:
        parse_itt(bad)
    assert err.value.fields == ("itt",)
    assert "jours" in err.value.message


def test_parse_itt():
    assert parse_itt(" 3 ") == 3
    assert parse_itt(0) == 0
    assert parse_itt("") is None and parse_itt(None) is None
