"""Each préconisation of the 2026 report that Trame serves, mapped to the fields serving it.

Removing or renaming one of these fields (or options) fails this test: change the mapping
only with a reason (and a new way of serving the préconisation)."""

from __future__ import annotations

import pytest

from desktop.core.formspec import load_all
from desktop.core.law import default_law_table
from desktop.core.law.qualification import default_qualifications

# "form:path" is a field (dotted for a sub-field of a repeat group); "form:path=value" is
# an option of a choice field.
PRECONISATIONS: dict[int, list[str]] = {
    3: [  # procès-verbal type simplifié + repérage en retour de fugue
        "audition_mineur:service",
        "audition_mineur:procedure_numero",
        "audition_mineur:pv_numero",
        "audition_mineur:cadre_enquete",
        "audition_mineur:officier_nom",
        "audition_mineur:officier_qualite",
        "audition_mineur:audition_debut",
        "audition_mineur:audition_fin",
        "audition_mineur:audition_lieu_precision",
        "audition_mineur:personnes_presentes.base_legale",
        "audition_mineur:enregistrement",
        "audition_mineur:lecture",
        "audition_mineur:signataires.signature",
        "audition_mineur:victime_fugue",
    ],
    5: [  # fiche de signalement à l'autorité judiciaire (« fiche P »)
        "fiche_signalement:signalant_service",
        "fiche_signalement:destinataire",
        "fiche_signalement:signalement_datetime",
        "fiche_signalement:urgence",
        "fiche_signalement:copie_crip",
        "fiche_signalement:mineur_nom",
        "fiche_signalement:mineur_date_naissance",
        "fiche_signalement:age_verifie",
        "fiche_signalement:placement_ase",
        "fiche_signalement:fugue_en_cours",
        "fiche_signalement:faits_constates",
        "fiche_signalement:parole_mineur",
        "fiche_signalement:auteurs.connaissance_minorite",
        "fiche_signalement:indicateurs",
        "fiche_signalement:mesures",
        "fiche_signalement:signature_signalant",
        "fiche_signalement:priorite",  # « étayés et priorisés »
        "fiche_signalement:priorite=immediate",
        "fiche_signalement:priorite_motif",
        "fiche_signalement:juge_enfants_saisi",
        "fiche_signalement:juge_enfants_details",
        "fiche_signalement:mineur_pseudos",
    ],
    6: [  # protéger l'identité des associations qui signalent
        "fiche_signalement:origine_signalement=association",
        "fiche_signalement:origine_identite_protegee",
        "fiche_signalement:origine_identite",
    ],
    7: [  # trame d'audition de la victime
        "audition_mineur:droit_reparation",
        "audition_mineur:droit_partie_civile",
        "audition_mineur:droit_avocat",
        "audition_mineur:droit_association",
        "audition_mineur:droit_civi",
        "audition_mineur:droit_protection",
        "audition_mineur:droit_interprete",
        "audition_mineur:droit_accompagnement",
        "audition_mineur:droits_recepisse",
        "audition_mineur:evvi_prejudice",
        "audition_mineur:evvi_circonstances",
        "audition_mineur:evvi_vulnerabilite",
        "audition_mineur:evvi_represailles",
        "audition_mineur:evvi_emprise",
        "audition_mineur:introduction_faite",
        "audition_mineur:regles_expliquees",
        "audition_mineur:entrainement_fait",
        "audition_mineur:transition_mots_mineur",
        "audition_mineur:recit_libre",
        "audition_mineur:pause_faite",
        "audition_mineur:revelation_premiere_personne",
        "audition_mineur:cloture_mots",
        "audition_mineur:contacts_plateformes",
        "audition_mineur:lieux.type_lieu",
        "audition_mineur:sexe_tour",
        "audition_mineur:suspects.roles",
        "audition_mineur:clients.contrepartie",
        "audition_mineur:dette",
        "audition_mineur:moyens_paiement=crypto",
        "audition_mineur:violences=chantage_images",
        "audition_mineur:violences=confiscation_telephone",
        "audition_mineur:substances",
        "audition_mineur:numeros.numero",
        "audition_mineur:comptes.pseudo",
        "audition_mineur:caming",
        "audition_mineur:souhaits_mots",
        "audition_mineur:orientations",
    ],
    8: [  # UAPED pour les mineurs en retour de fugue ; créneaux d'urgence
        "checklist_uaped:arrivee_datetime",
        "checklist_uaped:amene_par",
        "checklist_uaped:retour_de_fugue",
        "checklist_uaped:creneau_urgence",
        "checklist_uaped:audition_en_uaped",
        "checklist_uaped:examen_medico_legal_demande",
        "checklist_uaped:transmission=signalement",
        "checklist_uaped:staff_protection",
        "audition_mineur:orientations=uaped",
        "audition_mineur:audition_lieu=uaped",
        "checklist_uaped:faits_datetime",
        "checklist_uaped:orientation_medicale_urgente",
        "checklist_uaped:examen_non_demande_motif",
    ],
    9: [  # prise en charge en UMJ : bilan physique et psychologique, prélèvements, dépistages
        "checklist_umj:saisine",
        "checklist_umj:opposition_information_parents",
        "checklist_umj:faits_datetime",
        "checklist_umj:declarations",
        "checklist_umj:examen_general",
        "checklist_umj:lesions",
        "checklist_umj:prelevements.numero",
        "checklist_umj:prelevements.scelle_numero",
        "checklist_umj:heures_depuis_faits_examen",
        "checklist_umj:tpe_delai_max",
        "checklist_umj:tpe_vih",
        "checklist_umj:depistages=chlamydia_gonocoque",
        "checklist_umj:toxicologie_prelevements",
        "checklist_umj:etat_psychique",
        "checklist_umj:itt_jours",
        "checklist_umj:itt_en_lettres",
        "audition_mineur:orientations=umj",
    ],
    12: [  # administrateur ad hoc
        "audition_mineur:aah_designe",
        "audition_mineur:aah_autorite",
        "audition_mineur:aah_identite",
        "audition_mineur:aah_present",
        "audition_mineur:personnes_presentes.qualite=administrateur_ad_hoc",
        "audition_mineur:orientations=aah",
        "audition_mineur:aah_demande_motif",
        "fiche_signalement:mesures=aah_demande",
        "checklist_uaped:aah_designe",
        "checklist_uaped:aah_identite",
        "checklist_uaped:aah_a_solliciter",
        "checklist_uaped:juge_enfants_saisi",
        "checklist_uaped:juge_enfants_details",
    ],
    18: [  # retenir la qualification de traite des êtres humains
        "audition_mineur:qualification_visee=traite",
        "audition_mineur:suspects.actes_traite",
        "audition_mineur:suspects.actes_traite=heberger",
        "audition_mineur:lieux",
        "audition_mineur:autres_victimes",  # 225-4-2: plusieurs victimes
        "audition_mineur:suspects.actes_sexuels",
    ],
    19: [  # mieux prendre en compte la minorité des victimes
        "audition_mineur:victime_date_naissance",
        "audition_mineur:victime_age_etabli_par",
        "audition_mineur:victime_age_faits",
        "audition_mineur:victime_moins_15_faits",
        "audition_mineur:suspects.connaissait_age",
        "audition_mineur:suspects.connaissance_age_elements",
        "audition_mineur:suspects.connaissance_age_mots",
        "audition_mineur:clients.connaissait_age",
        "audition_mineur:clients.connaissance_age_elements",
        "audition_mineur:clients.majeur",
        "fiche_signalement:age_verifie",
        "fiche_signalement:mineur_moins_15",
        "fiche_signalement:auteurs.connaissance_elements",
        "audition_mineur:victime_age_piece_vue_par",  # PV de renseignement
        "audition_mineur:victime_age_apparent_medical",
    ],
}

FORMS = load_all()
CASES = [(num, ref) for num, refs in PRECONISATIONS.items() for ref in refs]


def test_every_targeted_preconisation_is_mapped():
    assert set(PRECONISATIONS) == {3, 5, 6, 7, 8, 9, 12, 18, 19}


@pytest.mark.parametrize(("num", "ref"), CASES, ids=[f"p{n}-{r}" for n, r in CASES])
def test_field_serving_preconisation_exists(num, ref):
    form_id, _, rest = ref.partition(":")
    path, _, option = rest.partition("=")
    assert form_id in FORMS, f"préconisation {num} : formulaire {form_id} absent"
    spec = FORMS[form_id]
    try:
        field = spec.field_at(path)
    except KeyError:
        pytest.fail(f"préconisation {num} : champ « {path} » absent de {form_id}")
    if option:
        assert field.option(option) is not None, (
            f"préconisation {num} : option « {option} » absente de {form_id}:{path}"
        )


def test_preconisation_18_and_19_in_the_qualification_aid():
    keys = {q.key: q for q in default_qualifications()}
    assert "cp.225-4-1" in keys["traite_mineur"].articles
    assert "cp.225-4-2" in keys["traite_mineur_aggravee"].articles
    assert "cp.227-22-1" in keys["propositions_sexuelles_mineur_15"].articles
    assert "cp.227-23" in keys["images_pornographiques_mineur"].articles
    viol = {e.id: e for e in keys["viol_mineur_15"].elements}
    assert "suspects" in viol["acte"].fields  # the viol element covers suspects too
    elements = {e.id for e in keys["proxenetisme_mineur_15"].elements}
    assert "connaissance_age" in elements  # préconisation 19
    law = default_law_table()
    assert law.article("cp.225-4-1").penalties[0].describe() == (
        "10 ans d'emprisonnement et 1\u00a0500\u00a0000\u00a0€ d'amende"
    )
