"""The pseudonymised copy leaves none of 60+ names of every script, each written in many
forms (NFD, capitals, no accents, zero-width characters, soft hyphens, apostrophe and
hyphen variants, surname first, nickname): 0 left in the text of the sealed PDF."""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from desktop.core.export.pseudonym import identity_table, pseudonymise, render_pseudonymised
from desktop.core.pv.model import BodyEntry
from desktop.core.pv.sample import sample_pv
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.verify import verify_pdf
from desktop.core.text import skeleton
from tests.core.export.export_fixtures import pdftotext
from tests.core.export.pseudonym_corpus import PEOPLE, forms


def _persons(s):
    case = s.cases.create("2026/CORPUS-19", "Brigade de protection des mineurs (fictive)")
    out = []
    for role, first, last, nickname in PEOPLE:
        details = {"surnom": nickname} if nickname else {}
        out.append(s.persons.add(case.id, role, last, first, "2011-09-23", details))
    return case, out


def _left(text: str) -> list[str]:
    """Every name part (and nickname) whose skeleton is still a word of the text."""
    folded = skeleton(text)
    left = []
    for _role, first, last, nickname in PEOPLE:
        for part in (first, last, nickname):
            for token in re.split(r"[\s'\-]+", skeleton(part)):
                # poppler gives right-to-left words (Arabic) reversed: look for both orders
                rtl = any(unicodedata.bidirectional(c) in ("R", "AL") for c in token)
                for form in {token, token[::-1]} if rtl else {token}:
                    if len(form) >= 3 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", folded):
                        left.append(f"{part} ({token})")
    return sorted(set(left))


def test_corpus_has_every_issue_example_and_60_names():
    names = {f"{f} {n}" for _, f, n, _ in PEOPLE}
    assert len(names) >= 60
    for example in ("Šukar Rostaš", "Ayşe Öztürk", "Ioana Ștefănescu", "Milan Dragović"):
        assert example in names
    assert any("Nguyễn" in n for n in names) and any("أمينة" in n for n in names)
    assert "Léa MARTIN" in names and "Noémie LEFÈVRE" in names
    assert "Awa N'Diaye-Lefèvre" in names


def test_no_name_of_the_corpus_is_left_in_the_copy(officer_session, signer):
    _case, persons = _persons(officer_session)
    doc = sample_pv(pairs=2)
    body = list(doc.body)
    for _role, first, last, nickname in PEOPLE:
        said = " ; ".join(f"j'ai vu {x} là-bas" for x in forms(first, last, nickname))
        body.append(BodyEntry("qr", question=f"Qui était là ? ({last})", answer=said + "."))
    doc = dataclasses.replace(doc, body=tuple(body), observations="Merci Šukar et Ayşe.")
    copy = pseudonymise(doc, identity_table(persons, doc))
    rendered = render_pseudonymised(copy)
    pdf = seal_pdf(rendered.pdf, signer, placements=rendered.seals)
    assert verify_pdf(pdf, require_complete=False).valid
    text = pdftotext(pdf)
    assert _left(text) == []
    # the sentences survive, only the names went
    assert " ".join(text.split()).count("j'ai vu") >= 10 * len(PEOPLE)


def test_copy_generalises_signers_places_dates_and_numbers(signer):
    """Officer and signers in initials everywhere (seal stamp too); city, hospital, exact date,
    register and seal numbers, handles gone; the month and year of the hearing stay."""
    from desktop.core.export.pseudonym import initials_name

    doc = sample_pv(pairs=2)
    body = list(doc.body)
    body.append(
        BodyEntry(
            "qr",
            question="Où ?",
            answer="À l'hôtel Ibis Budget de la Gare le 14/03/2026, puis le trois mars 2026 ; "
            "mon snap : lili.du93, son insta @doc_officiel ; main courante n° 2026/00412.",
        )
    )
    doc = dataclasses.replace(doc, body=tuple(body))
    copy = pseudonymise(doc, identity_table((), doc))
    rendered = render_pseudonymised(copy)
    pdf = seal_pdf(
        rendered.pdf,
        signer,
        placements=rendered.seals,
        stamp_name=initials_name(signer.display_name),
    )
    text = " ".join(pdftotext(pdf).split())
    for gone in (
        "Camille", "DURAND", "Valmont", "résidence à Paris", "Ibis", "Jean-Moulin", "2026-31", "2026-412",
        "4471", "lili.du93", "doc_officiel", "14/03/2026", "trois mars", "vingt-six novembre",
        "2026/00412", "Léa", "Zoé", "Sophie", "Hugo", "BERNARD",
    ):  # fmt: skip
        assert gone not in text, gone
    assert "Apposé par : C. D." in text  # poppler reads the seal stamp too
    assert "audition de novembre 2026" in text
    assert "en mars 2026" in text
