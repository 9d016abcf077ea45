"""Input normalisation at the boundary: what the vault stores is NFC, with no invisible or
control characters, and a broken character is refused with a French message."""

from __future__ import annotations

import unicodedata

import pytest

from desktop.core.errors import TrameError
from desktop.core.text import TextRefused, clean_text, clean_value, skeleton


def test_clean_text_normalises_what_users_paste():
    nfd = unicodedata.normalize("NFD", "Léa Noémie LEFÈVRE")
    assert nfd != "Léa Noémie LEFÈVRE"
    assert clean_text(nfd) == "Léa Noémie LEFÈVRE"
    assert clean_text("Zo\u200bé tra\u00adit \ufeffBOM") == "Zoé trait BOM"
    assert clean_text("a\x07b\x1b[31mc\x00") == "ab[31mc"
    assert clean_text("ligne 1\r\nligne 2\rligne 3\tfin") == "ligne 1\nligne 2\nligne 3\tfin"
    assert clean_value({"k": ["Le\u0301a", 3, None]}) == {"k": ["Léa", 3, None]}


def test_lone_surrogate_is_refused_in_french():
    with pytest.raises(TextRefused) as err:
        clean_text("Léa \ud83d fin", field="reponse")
    assert isinstance(err.value, TrameError)
    assert "caractère invalide" in err.value.message and "« reponse »" in err.value.message


def test_skeleton_unifies_spellings_of_every_script():
    assert skeleton("N‘Diaye‑Lefèvre") == skeleton("n'diaye-lefevre") == "n'diaye-lefevre"
    assert skeleton(unicodedata.normalize("NFD", "Ștefănescu")) == "stefanescu"
    assert skeleton("Šukar Rostaš") == "sukar rostas"
    assert skeleton("Nguyễn") == skeleton("NGUYEN") == "nguyen"
    assert skeleton("Łukasz Dragović") == "lukasz dragovic"
    assert skeleton("أمينة") == skeleton("امينة")
    assert skeleton("Zo\u200bé") == "zoe"


def _record(s):
    case = s.cases.create("2026/000190", "Brigade de protection des mineurs")
    person = s.persons.add(case.id, "victime", unicodedata.normalize("NFD", "LEFÈVRE"), "Le\u200ba")
    record = s.records.create(case.id, "hearing", "audition_mineur", "1", person_id=person.id)
    return case, person, record


def test_vault_stores_normalised_text(officer_session):
    s = officer_session
    case, person, record = _record(s)
    assert (person.last_name, person.first_name) == ("LEFÈVRE", "Lea")
    s.records.set_answer(record.id, "observations_mineur", "No\u0301e\u0301mie\x07 \ufeffdit")
    assert s.records.answers(record.id)["observations_mineur"] == "Nóémie dit"
    entry = s.transcript.append(record.id, "qr", question="Qui ?", answer="Zo\u00ade\u0301\x1b")
    assert entry.answer == "Zoé"
    entry = s.transcript.update(entry.id, answer="Ays\u0327e")
    assert entry.answer == "Ayşe" == unicodedata.normalize("NFC", entry.answer)
    p = s.persons.update(person.id, details={"surnom": "Zeph\u200b"})
    assert p.details == {"surnom": "Zeph"}


def test_vault_refuses_a_lone_surrogate_and_keeps_the_rest(officer_session):
    s = officer_session
    case, person, record = _record(s)
    s.records.set_answer(record.id, "observations_mineur", "avant")
    with pytest.raises(TextRefused):
        s.records.set_answer(record.id, "observations_mineur", "après \udc00")
    assert s.records.answers(record.id)["observations_mineur"] == "avant"
    with pytest.raises(TextRefused):
        s.transcript.append(record.id, "qr", question="Q", answer="\ud800")
    assert s.transcript.for_record(record.id) == []
