"""The fiche de signalement and the UAPED report as a magistrate reads them (issue 17,
points 11 to 13), from the demo's records in a real vault, read back with pdftotext."""

from __future__ import annotations

import pytest

from desktop.core.pv.builder import build_report
from desktop.core.pv.check import missing_elements
from desktop.core.pv.documents import render_report
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.sample import base_time, create_case, create_fiche, create_uaped, demo_data
from tests.core.pv.conftest import flat, pdftotext


@pytest.fixture
def case(officer_session):
    case, victim, rec, end = create_case(officer_session, demo_data(), base_time())
    return officer_session, case, victim, end


def _text(s, record_id, **kw) -> str:
    doc = build_report(s, record_id, **kw)
    return flat(pdftotext(render_report(doc).pdf))


def test_the_fiche_without_crip_copy_says_so_once(case):
    s, c, victim, end = case
    fiche = create_fiche(s, demo_data(), c, victim, end)
    s.records.set_answer(fiche.id, "copie_crip", False)
    text = _text(s, fiche.id)
    assert text.count("Aucune copie n'a été adressée à la cellule de recueil") == 1
    assert "Copie adressée à la" not in text
    assert "CRIP de Valmont" not in text


def test_the_fiche_with_crip_copy_names_it_once(case):
    s, c, victim, end = case
    fiche = create_fiche(s, demo_data(), c, victim, end)
    text = _text(s, fiche.id)
    assert text.count("Copie adressée à la cellule de recueil") == 1
    assert "(CRIP) : CRIP de Valmont (99)." in text
    assert "Aucune copie" not in text


def test_the_fiche_prints_nicknames_judge_and_priority(case):
    s, c, victim, end = case
    fiche = create_fiche(s, demo_data(), c, victim, end)
    doc = build_report(s, fiche.id)
    assert missing_elements(doc) == []
    text = flat(pdftotext(render_report(doc).pdf))
    assert "Pseudonymes, surnoms « Lili »" in text  # a quoted nickname is not dropped
    assert "Juge des enfants déjà saisi, mesure d'assistance éducative en cours oui" in text
    assert "placement à l'aide sociale à l'enfance en cours" in text
    assert "Niveau de priorité : Priorité 2 — exploitation en cours ou récente" in text
    assert "Ce qui fonde ce niveau de priorité Exploitation récente" in text
    s.records.set_answer(fiche.id, "mineur_pseudos", "")
    assert "Pseudonymes, surnoms aucun connu" in _text(s, fiche.id)


def test_a_protected_reporter_is_held_apart_and_said_to_be(case):
    s, c, victim, end = case
    fiche = create_fiche(s, demo_data(), c, victim, end)
    text = _text(s, fiche.id)
    assert "Veilleurs" not in text
    assert "une association qui a demandé la protection de son identité" in text
    assert "elle est conservée par le service émetteur" in text
    # the identity stays in the vault
    assert "Veilleurs" in s.records.answers(fiche.id)["origine_identite"]


def test_uaped_report_keeps_staff_decisions_unless_transmissible(case):
    s, c, victim, end = case
    rec = create_uaped(s, demo_data(), c, victim, base_time())
    author = Signer(
        "auteur du rapport",
        "Inès ROUSSEAU",
        status=SignStatus.SIGNED,
        image_png=signature_png("Inès", 5),
    )
    text = _text(s, rec.id, signer=author)
    assert "Maintien au foyer avec éloignement" not in text
    assert "Juge des enfants du tribunal judiciaire de Valmont, placement en cours" in text
    assert "Mme Noémie LEFÈVRE" in text
    assert "Date et heure des derniers" in text
    assert "Derniers faits moins de 72" in text
    s.records.set_answer(rec.id, "staff_decisions_transmissibles", True)
    assert "Maintien au foyer avec éloignement" in _text(s, rec.id, signer=author)


def test_uaped_return_from_runaway_prompts_the_medico_legal_exam(case):
    from desktop.core.formspec import FormRegistry, WizardFlow

    s, c, victim, end = case
    rec = create_uaped(s, demo_data(), c, victim, base_time())
    spec = FormRegistry().get("checklist_uaped")
    answers = {**s.records.answers(rec.id), "examen_medico_legal_demande": False}
    flow = WizardFlow(spec, answers)
    assert "examen_non_demande_motif" in {e.field_id for e in flow.missing()}
