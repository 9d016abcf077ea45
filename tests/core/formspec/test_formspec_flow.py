"""WizardFlow without Qt, on the shipped definitions."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop.core.formspec import (
    FORMS_DIR,
    IncompleteForm,
    WizardFlow,
    load_form,
    load_form_text,
    normalize_input,
)
from desktop.core.formspec.sample import example_answers
from desktop.core.law.qualification import qualification_aid

NOW = datetime(2026, 11, 26, 15, 0)


@pytest.fixture(scope="module")
def hearing():
    return load_form(FORMS_DIR / "audition_mineur.yaml")


@pytest.fixture(scope="module")
def umj():
    return load_form(FORMS_DIR / "checklist_umj.yaml")


def complete(spec, seed=1, **overrides):
    answers = example_answers(spec, seed=seed, now=NOW)
    answers.update(overrides)
    return answers


def messages(flow, step_id=None):
    return [e.message for e in flow.errors(step_id)]


def test_example_answers_are_complete(hearing):
    flow = WizardFlow(hearing, complete(hearing), now=NOW)
    assert flow.missing() == []
    assert flow.is_complete()
    assert set(flow.states().values()) <= {"complete", "not_applicable"}
    assert flow.finish()["service"]


def test_under_15_at_the_facts_shows_222_23_1_and_225_7_1(hearing):
    answers = complete(
        hearing,
        victime_date_naissance="2012-05-10",
        faits_date_debut="2026-02-01",
        victime_age_etabli_par=["acte_naissance"],
    )
    flow = WizardFlow(hearing, answers, now=NOW)
    assert flow.value("victime_age_faits") == 13
    assert flow.value("victime_moins_15_faits") is True
    aids = {a.key: a for a in qualification_aid(answers, spec=hearing, now=NOW)}
    assert {"viol_mineur_15", "proxenetisme_mineur_15"} <= set(aids)
    assert not aids["viol_mineur_15"].age_unknown
    moins_15 = {e.id: e for e in aids["proxenetisme_mineur_15"].elements}["moins_15"]
    assert moins_15.documented
    assert "article 225-7-1 du code pénal" in aids["proxenetisme_mineur_15"].citations
    assert any(
        "20 ans de réclusion criminelle" in p for p in aids["proxenetisme_mineur_15"].penalties
    )

    older = dict(answers, victime_date_naissance="2009-05-10")
    keys = {a.key for a in qualification_aid(older, spec=hearing, now=NOW)}
    assert "viol_mineur_15" not in keys and "proxenetisme_mineur_15" not in keys
    assert {"traite_mineur", "recours_prostitution_mineur"} <= keys


def test_missing_elements_are_listed_not_judged(hearing):
    aids = qualification_aid({}, spec=hearing, now=NOW)
    traite = next(a for a in aids if a.key == "traite_mineur")
    assert traite.heading == "Éléments à documenter"
    assert len(traite.missing) == len(traite.elements)
    assert all(e.status_label == "à documenter" for e in traite.missing)
    assert next(a for a in aids if a.key == "viol_mineur_15").age_unknown


def test_recording_impossible_requires_nature_and_magistrate(hearing):
    answers = complete(hearing, enregistrement="impossible")
    for key in (
        "enregistrement_impossibilite_nature",
        "enregistrement_magistrat_avise",
        "enregistrement_magistrat_avise_le",
    ):
        answers.pop(key)
    flow = WizardFlow(hearing, answers, now=NOW)
    missing = {e.field_id for e in flow.missing()}
    assert missing == {
        "enregistrement_impossibilite_nature",
        "enregistrement_magistrat_avise",
        "enregistrement_magistrat_avise_le",
    }
    assert flow.step_state("enregistrement") == "incomplete"
    with pytest.raises(IncompleteForm) as info:
        flow.finish()
    assert "Nature de l'impossibilité technique" in info.value.message

    flow.set_answer("enregistrement_impossibilite_nature", "Panne de la caméra")
    flow.set_answer("enregistrement_magistrat_avise", "Mme X, substitute de permanence")
    flow.set_answer("enregistrement_magistrat_avise_le", "2026-11-26T10:05")
    assert flow.is_complete()
    # recorded hearings don't ask for any of it, and hide the fields
    flow.set_answer("enregistrement", "audiovisuel")
    assert flow.is_complete()
    assert not flow.is_visible("enregistrement_impossibilite_nature")
    assert "enregistrement_impossibilite_nature" not in flow.effective_answers()


def test_future_magistrate_notice_and_short_nature_are_refused(hearing):
    answers = complete(
        hearing,
        enregistrement="impossible",
        enregistrement_impossibilite_nature="panne",
        enregistrement_magistrat_avise="M. Y",
        enregistrement_magistrat_avise_le="2026-11-27T09:00",
    )
    kinds = {e.field_id: e.kind for e in WizardFlow(hearing, answers, now=NOW).missing()}
    assert kinds == {
        "enregistrement_impossibilite_nature": "bounds",
        "enregistrement_magistrat_avise_le": "future",
    }


def test_interpreter_requires_a_language(hearing):
    answers = complete(hearing, interprete=True)
    answers.pop("interprete_langue")
    flow = WizardFlow(hearing, answers, now=NOW)
    assert [e.field_id for e in flow.missing()] == ["interprete_langue"]
    assert flow.missing()[0].kind == "required"
    flow.set_answer("interprete", False)
    assert flow.is_complete()


def test_repeat_group_holds_30_suspects(hearing):
    suspects = [
        {
            "designation": f"Mis en cause fictif {i}",
            "roles": ["proxenete"] if i % 2 else ["recruteur", "chauffeur"],
            "actes_traite": ["recruter"],
            "telephone": f"06 00 00 00 {i:02d}",
            "connaissait_age": "oui" if i % 3 else "inconnu",
            "connaissance_age_elements": ["messages"],
        }
        for i in range(30)
    ]
    flow = WizardFlow(hearing, complete(hearing, suspects=suspects), now=NOW)
    assert flow.is_complete()
    assert len(flow.effective_answers()["suspects"]) == 30

    suspects[17] = dict(suspects[17], connaissait_age="oui", connaissance_age_elements=[])
    suspects[29] = dict(suspects[29], telephone="123")
    flow.set_answer("suspects", suspects)
    errors = flow.missing()
    assert [e.path for e in errors] == [
        "suspects[18].connaissance_age_elements",
        "suspects[30].telephone",
    ]
    assert errors[0].message.startswith("Mis en cause n° 18 : ")
    assert "téléphone" in errors[1].message


def test_hidden_steps_never_block_completion():
    spec = load_form_text(
        """
id: essai
version: 1
title: Essai
kind: checklist
steps:
  - id: debut
    title: Début
    fields:
      - {id: examen, type: yes_no, label: Examen, required: true}
  - id: examen_detail
    title: Détail
    visible_if: "examen == true"
    fields:
      - {id: lieu, type: text, label: Lieu, required: true}
      - {id: heure, type: time, label: Heure, required: true}
  - id: fin
    title: Fin
    fields:
      - {id: note, type: long_text, label: Note}
""",
        legal_keys=None,
    )
    flow = WizardFlow(spec, {"examen": False, "heure": "pas une heure"}, now=NOW)
    assert [s.id for s in flow.visible_steps()] == ["debut", "fin"]
    assert flow.step_state("examen_detail") == "not_applicable"
    assert flow.is_complete()
    assert flow.effective_answers() == {"examen": False}
    assert flow.value("heure") is None  # a hidden answer reads as null
    # navigation skips the hidden step
    assert flow.current == "debut"
    assert flow.next() == "fin" and flow.is_last
    assert flow.next() is None and flow.current == "fin"
    assert flow.previous() == "debut" and flow.is_first
    with pytest.raises(ValueError):
        flow.goto("examen_detail")
    flow.set_answer("examen", True)
    assert flow.next() == "examen_detail"
    assert flow.step_state("examen_detail") == "incomplete"
    assert {e.field_id for e in flow.missing()} == {"lieu", "heure"}
    assert flow.progress() == (2, 3)


def test_end_after_start(hearing):
    answers = complete(hearing, audition_debut="2026-11-26T10:00", audition_fin="2026-11-26T09:30")
    flow = WizardFlow(hearing, answers, now=NOW)
    errors = flow.errors("cadre")
    assert [(e.field_id, e.kind) for e in errors] == [("audition_fin", "order")]
    assert "« Début de l'audition »" in errors[0].message
    flow.set_answer("audition_fin", "2026-11-26T11:45")
    assert flow.errors("cadre") == []
    assert flow.value("audition_duree_heures") == 1.75


def test_errors_without_required_while_typing(hearing):
    flow = WizardFlow(hearing, {"victime_date_naissance": "2030-01-01"}, now=NOW)
    errors = flow.errors("victime", include_required=False)
    assert [(e.field_id, e.kind) for e in errors] == [("victime_date_naissance", "future")]
    assert errors[0].message == "« Date de naissance » ne peut pas être dans le futur."


def test_wrong_types_give_french_errors_never_exceptions(hearing):
    answers = {
        "service": 12,
        "cadre_enquete": "inconnu",
        "qualification_visee": "traite",
        "interprete": "oui",
        "victime_personne": -3,
        "suspects": [None, {"designation": "X", "inconnu": 1, "connaissait_age": "peut-être"}],
        "droits_recepisse": {"status": "a fui"},
    }
    flow = WizardFlow(hearing, answers, now=NOW)
    by_path = {e.path: e for e in flow.errors(include_required=False)}
    assert by_path["service"].message == "« Service » doit être un texte."
    assert by_path["cadre_enquete"].kind == "option"
    assert by_path["qualification_visee"].kind == "type"
    assert by_path["interprete"].kind == "type"
    assert by_path["victime_personne"].kind == "type"
    assert by_path["suspects[1]"].message.endswith("ligne invalide.")
    assert "inconnu" in by_path["suspects[2]"].message
    assert by_path["suspects[2].connaissait_age"].kind == "option"
    assert by_path["droits_recepisse"].kind == "option"


def test_umj_windows_computed_from_the_facts(umj):
    answers = complete(umj, faits_datetime="2026-11-26T09:00", examen_datetime="2026-11-26T12:00")
    flow = WizardFlow(umj, answers, now=NOW)
    assert flow.value("heures_depuis_faits_examen") == 3.0
    assert flow.value("heures_depuis_faits") == 6.0
    assert flow.value("tpe_delai_ideal") is True
    assert flow.value("tpe_delai_max") is True
    flow.set_answer("examen_datetime", "2026-11-28T12:00")
    assert flow.value("tpe_delai_max") is False
    assert flow.value("contraception_urgence_delai") is True
    flow.set_answer("faits_datetime", None)
    assert flow.value("tpe_delai_max") is None  # unknown, not « out of time »


def test_umj_itt_in_words_and_lesion_markers(umj):
    lesions = [
        {"n": 1, "view": "face", "x": 0.4, "y": 0.3, "type": "ecchymose", "size_mm": 20},
        {"n": 2, "view": "genital", "x": 0.5, "y": 0.5, "clock": 6, "type": "dechirure"},
    ]
    flow = WizardFlow(umj, complete(umj, itt_jours=21, lesions=lesions), now=NOW)
    assert flow.value("itt_en_lettres") == "vingt et un"
    assert flow.errors("examen") == []
    flow.set_answer("lesions", [*lesions, {"view": "ailleurs", "x": 3, "y": 0.1, "clock": 13}])
    kinds = sorted(e.kind for e in flow.errors("examen"))
    assert kinds == ["bounds", "bounds", "type"]


def test_umj_opposition_requires_adult_and_written_mention(umj):
    answers = complete(umj, opposition_information_parents=True)
    answers.pop("personne_majeure_accompagnante")
    answers.pop("mention_ecrite_r1111_6")
    flow = WizardFlow(umj, answers, now=NOW)
    assert {e.field_id for e in flow.missing()} == {
        "personne_majeure_accompagnante",
        "mention_ecrite_r1111_6",
    }


def test_normalize_input(hearing):
    f = hearing.field
    assert normalize_input(f("victime_date_naissance"), "10 mai 2012") == ("2012-05-10", None)
    assert normalize_input(f("audition_debut"), "26/11/2026 14h30") == ("2026-11-26T14:30", None)
    assert normalize_input(f("cloture_heure"), "9h05") == ("09:05", None)
    assert normalize_input(hearing.field_at("clients.age_estime"), "4 2") == (42, None)
    value, error = normalize_input(f("victime_date_naissance"), "31/02/2012")
    assert value is None and "n'existe pas" in error
    assert normalize_input(f("service"), "  BPM  ") == ("BPM", None)
    assert normalize_input(f("service"), "   ") == (None, None)


def test_row_visibility(hearing):
    rows = [{"designation": "Compte", "plateforme": "X", "annonce": True}, {"plateforme": "Y"}]
    flow = WizardFlow(hearing, {"comptes": rows}, now=NOW)
    assert "age_annonce" in [f.id for f in flow.row_visible_fields("comptes", 0)]
    assert "age_annonce" not in [f.id for f in flow.row_visible_fields("comptes", 1)]


def test_current_step_restored(hearing):
    flow = WizardFlow(hearing, {}, now=NOW, current="evvi")
    assert flow.current == "evvi"
    assert WizardFlow(hearing, {}, now=NOW, current="n_existe_pas").current == "cadre"
    with pytest.raises(KeyError):
        flow.set_answer("n_existe_pas", 1)


def test_recent_facts_flag_urgent_medical_orientation(hearing):
    flow = WizardFlow(hearing, {"faits_datetime_derniers": "2026-11-25T20:00"}, now=NOW)
    assert flow.value("heures_depuis_derniers_faits") == 19.0
    assert flow.value("orientation_medicale_urgente") is True
    flow.set_answer("faits_datetime_derniers", "2026-11-20T20:00")
    assert flow.value("orientation_medicale_urgente") is False
    flow.set_answer("faits_datetime_derniers", None)
    assert flow.value("orientation_medicale_urgente") is None


def test_no_step_is_complete_before_it_was_visited_or_answered():
    """Issue 13, M2: a new hearing showed 19 of 30 steps complete before anything was typed."""
    from desktop.core.formspec import FormRegistry

    spec = FormRegistry().get("audition_mineur")
    flow = WizardFlow(spec, {})
    assert flow.progress()[0] == 0
    free = next(s for s in flow.visible_steps()[1:] if not flow.errors(s.id))
    assert flow.step_state(free.id) == "incomplete"
    flow.goto(free.id)
    flow.next()  # leaving a step marks it visited
    assert free.id in flow.visited and flow.step_state(free.id) == "complete"
    # and it is kept: a flow rebuilt from the stored list shows the same state
    again = WizardFlow(spec, {}, visited=flow.visited_answer() + ["inconnue"])
    assert again.step_state(free.id) == "complete" and "inconnue" not in again.visited


def test_finish_is_the_one_place_that_decides_and_shows_every_missing_field():
    from desktop.core.formspec import FormRegistry, IncompleteForm

    spec = FormRegistry().get("checklist_uaped")
    flow = WizardFlow(spec, {})
    first = flow.current
    assert not [e for e in flow.errors_to_show() if e.kind == "required"]
    with pytest.raises(IncompleteForm) as raised:
        flow.finish()
    missing = raised.value.missing
    assert missing and flow.show_all and first in flow.visited
    assert any(e.kind == "required" for e in flow.errors_to_show(missing[0].step_id))
