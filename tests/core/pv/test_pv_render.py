from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import datetime

import pikepdf
import pytest

from desktop.core.pv.check import IncompleteDocument, missing_elements, require_complete
from desktop.core.pv.documents import render_cmi, render_report
from desktop.core.pv.engine import typo
from desktop.core.pv.model import BodyEntry, Recording, Signer, SignStatus
from desktop.core.pv.pv import render_pv
from desktop.core.pv.sample import sample_cmi, sample_pv
from desktop.core.pv.templates import TemplateError, parse_template
from tests.core.pv.sample_reports import sample_reports

NB = "\u00a0"


@pytest.fixture(scope="module")
def pv_doc():
    return sample_pv(pairs=12, pause_after=6)


@pytest.fixture(scope="module")
def pv_pdf(pv_doc):
    return render_pv(pv_doc).pdf


def test_every_mandatory_mention_is_in_the_text(pv_pdf, text_of):
    text = text_of(pv_pdf)
    mentions = [
        # header
        "RÉPUBLIQUE FRANÇAISE",
        "Brigade de protection des mineurs",
        "Procédure n° 2026/004217",
        "P.V. n° 17",
        "Pièce n° 17",
        "Feuillet n° 1/",
        "Enquête préliminaire",
        "PROCÈS-VERBAL D'AUDITION DE VICTIME MINEURE",
        # incipit, officer, articles
        "L'an deux mille vingt-six, le vingt-six novembre, à quatorze heures trente,",
        "Nous, Camille DURAND, capitaine de police, officier de police judiciaire en résidence "
        "à Paris",
        "Vu les articles 75 et suivants, 10-2, 10-4, 10-5, 706-50, 706-52 et 706-53 du code de "
        "procédure pénale,",
        "Rapportons les opérations suivantes :",
        # person heard and persons present with their legal basis
        "MARTIN",
        "14/03/2012 à Valmont (99)",
        "administratrice ad hoc",
        "art. 706-50 du code de procédure pénale",
        "art. 706-53 du code de procédure pénale",
        # rights, recording, EVVI
        "NOTIFICATION DES DROITS (article 10-2 du code de procédure pénale)",
        "se constituer partie civile",
        "Un récapitulatif écrit de ces droits lui a été remis",
        "L'audition fait l'objet d'un enregistrement audiovisuel.",
        "scellé fermé n° 2026-412",
        "ÉVALUATION PERSONNALISÉE DE LA VICTIME",
        "Risque d'intimidation ou de représailles",
        # body, pause, end, reading formula, signatures
        "QUESTION :",
        "RÉPONSE :",
        "L'audition est suspendue à quatorze heures quarante-cinq (14 h 45).",
        "L'audition reprend à quatorze heures cinquante-sept (14 h 57).",
        "L'audition prend fin à",
        "j'y persiste et n'ai rien à y changer, à y ajouter ou à y retrancher",
        "Léa MARTIN",
        "Signature manuscrite recueillie sous forme numérique.",
        "Paraphe — Camille DURAND",
        # seal wording: integrity seal, never a qualified signature
        "sceau d'intégrité électronique",
        "il ne constitue pas une signature électronique qualifiée",
        # footer
        "Document PV-2026-004217-17",
        "formulaire audition_mineur v1.0",
        "modèle pv_audition_mineur v1.2",
        "Chaîne d'audit du coffre : entrée n° 1287",
    ]
    missing = [m for m in mentions if m not in text]
    assert missing == []
    assert "signature électronique qualifiée" in text
    assert "est une signature électronique qualifiée" not in text


def test_questions_and_answers_are_in_order(pv_doc, pv_pdf, text_of):
    text = text_of(pv_pdf)
    pos = 0
    for entry in pv_doc.body:
        if entry.kind != "qr":
            continue
        q = text.find("QUESTION : " + typo(entry.question).replace(NB, " "), pos)
        assert q >= 0, entry.question
        a = text.find("RÉPONSE : " + typo(entry.answer).replace(NB, " ")[:60], q)
        assert a > q, entry.answer
        pos = a
    pause = text.find("L'audition est suspendue")
    resume = text.find("L'audition reprend")
    assert 0 < pause < resume


def test_french_typography(pv_pdf):
    from tests.core.pv.conftest import pdftotext

    raw = pdftotext(pv_pdf)
    assert "« Lili »" in raw
    assert "ŒHLER" in raw and "LEFÈVRE" in raw and "Évaluation".upper() in raw.upper()
    # poppler shows U+00A0 as a space, so check its effect: no line ever starts with a
    # closing sign or ends with an opening guillemet, over a long hearing.
    long_raw = pdftotext(render_pv(sample_pv(pairs=80)).pdf)
    lines = [line.strip() for line in long_raw.splitlines() if line.strip()]
    assert not [x for x in lines if x[0] in ":;?!»"]
    assert not [x for x in lines if x.endswith("«")]


def test_typo_rules():
    assert typo('Il a dit "viens" : oui ?') == f"Il a dit «{NB}viens{NB}»{NB}: oui{NB}?"
    assert typo("«Doc»") == f"«{NB}Doc{NB}»"
    assert typo("n° 12") == f"n°{NB}12"


def test_thirty_page_hearing_paginates_n_of_n(text_of):
    from bench.hooks.seal import thirty_page_pv

    rendered = render_pv(thirty_page_pv())
    n = rendered.page_count
    assert 30 <= n <= 34
    text = text_of(rendered.pdf)
    for i in range(1, n + 1):
        assert f"Page {i}/{n}" in text
        assert f"Feuillet n° {i}/{n}" in text
    assert f"Page {n + 1}/" not in text
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        assert len(pdf.pages) == n
    # the seal box is on the last page
    assert rendered.seals[0].page == n - 1


def test_pdfa_declared_with_output_intent_and_embedded_fonts(pv_pdf):
    with pikepdf.open(io.BytesIO(pv_pdf)) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        intents = pdf.Root.OutputIntents
        assert intents[0].S == "/GTS_PDFA1"
        assert len(intents[0].DestOutputProfile.read_bytes()) > 300
        assert "/Filter" not in pdf.Root.Metadata
        assert str(pdf.docinfo["/Producer"]) == meta["pdf:Producer"]
        assert pdf.pdf_version == "1.7"
    fonts = subprocess.run(
        [shutil.which("pdffonts"), "-"], input=pv_pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows, fonts
    for row in rows:
        assert "DejaVuSans" in row[0]
        emb = row[-5]
        assert emb == "yes", row


def test_signature_images_and_refusals(text_of):
    doc = sample_pv(pairs=3, pause_after=None)
    heard, aah, officer = doc.signers
    doc = dataclasses.replace(
        doc,
        signers=(
            dataclasses.replace(heard, status=SignStatus.REFUSED, reason="a peur", image_png=None),
            dataclasses.replace(
                aah, status=SignStatus.UNABLE, reason="bras plâtré", image_png=None
            ),
            officer,
        ),
    )
    pdf = render_pv(doc).pdf
    text = text_of(pdf)
    assert "Refuse de signer. Motif : a peur." in text
    assert "Ne sait ou ne peut signer. Motif : bras plâtré." in text
    with pikepdf.open(io.BytesIO(pdf)) as p:
        images = [
            name
            for page in p.pages
            for name, obj in page.Resources.get("/XObject", {}).items()
            if obj.Subtype == "/Image"
        ]
    assert images  # the officer's signature (and paraphe) are images


def test_reading_by_officer_and_recording_impossible(text_of):
    doc = sample_pv(pairs=2, pause_after=None)
    heard = dataclasses.replace(doc.signers[0], read_by_officer=True)
    doc = dataclasses.replace(
        doc,
        signers=(heard, *doc.signers[1:]),
        recording=Recording(
            mode="impossible",
            impossibility="panne de la caméra de la salle d'audition",
            magistrate_notified="Mme Julie PETIT, substitut, avisée le 26/11/2026 à 14 h 20",
        ),
    )
    text = text_of(render_pv(doc).pdf)
    assert "lecture m'a été faite de la déclaration ci-dessus par l'officier" in text
    assert "impossibilité technique dont la nature est la suivante : panne de la caméra" in text
    assert "Le magistrat a été immédiatement avisé : Mme Julie PETIT" in text


def test_recording_hash_is_in_text_and_metadata(text_of):
    digest = "ab" * 32
    doc = dataclasses.replace(
        sample_pv(pairs=2), recording=Recording(mode="audiovisuel", sha256=digest)
    )
    pdf = render_pv(doc).pdf
    assert digest in text_of(pdf).replace(" ", "")
    with pikepdf.open(io.BytesIO(pdf)) as p:
        assert digest in str(p.open_metadata())


def test_complete_sample_has_nothing_missing():
    assert missing_elements(sample_pv()) == []
    assert missing_elements(sample_reports()["rapport_uaped"]) == []
    assert missing_elements(sample_reports()["fiche_signalement"]) == []
    assert missing_elements(sample_cmi()) == []


def test_incomplete_hearing_lists_what_is_missing():
    doc = sample_pv(pairs=2, signed=False)
    doc = dataclasses.replace(
        doc,
        started_at=None,
        ended_at=None,
        recording=Recording(mode="impossible"),
        evvi=(),
        body=(BodyEntry("qr", question="", answer="oui"), BodyEntry("pause", at=datetime.now())),
    )
    with pytest.raises(IncompleteDocument) as err:
        require_complete(doc)
    missing = err.value.missing
    message = err.value.message
    assert message.startswith("Le procès-verbal ne peut pas être scellé ; il manque :")
    for expected in (
        "la date et l'heure du début de l'audition",
        "l'heure de fin de l'audition",
        "la nature de l'impossibilité technique d'enregistrer (article 706-52)",
        "le magistrat avisé de l'impossibilité d'enregistrer",
        "les éléments de l'évaluation personnalisée (EVVI, article D1-4)",
        "la question n°\u00a01 : toute réponse doit être précédée de sa question",
        "l'heure de reprise après une suspension",
        "la signature de Léa MARTIN, ou la mention de son refus ou de son impossibilité",
    ):
        assert expected in missing, expected


def test_signed_without_image_is_incomplete():
    doc = sample_pv(pairs=1)
    s = doc.signers[0]
    doc = dataclasses.replace(
        doc, signers=(Signer(s.role, s.name, s.quality, SignStatus.SIGNED), *doc.signers[1:])
    )
    assert "l'image de la signature manuscrite de Léa MARTIN" in missing_elements(doc)


def test_draft_prints_projet_and_cannot_be_sealed(text_of):
    doc = dataclasses.replace(sample_pv(pairs=1), draft=True)
    assert "PROJET — NON SCELLÉ" in text_of(render_pv(doc).pdf)
    assert any("projet" in m for m in missing_elements(doc))


def test_other_documents_render(text_of):
    uaped = text_of(render_report(sample_reports()["rapport_uaped"]).pdf)
    assert "RAPPORT D'ACCUEIL UAPED" in uaped and "Retour de fugue" in uaped
    fiche = text_of(render_report(sample_reports()["fiche_signalement"]).pdf)
    assert "FICHE DE SIGNALEMENT AU PROCUREUR DE LA RÉPUBLIQUE" in fiche
    assert "« il a dit que je devais rembourser le taxi et l'hôtel »" in fiche
    assert "cellule de recueil des informations préoccupantes (CRIP)" in fiche
    cmi = text_of(render_cmi(sample_cmi()).pdf)
    assert "CERTIFICAT MÉDICAL INITIAL" in cmi
    assert "La durée d'incapacité totale de travail est de trois (3) jours" in cmi
    assert "sous réserve de complications" in cmi
    assert "« j'arrive pas à dormir, je fais des cauchemars »" in cmi
    assert "secret médical" in cmi
    assert re.search(r"ecchymose violacée de 3 × 2 cm", cmi)


def test_template_errors_are_french_and_precise():
    with pytest.raises(TemplateError, match="clé\\(s\\) inconnue\\(s\\) titel"):
        parse_template("id: x\nversion: 1\nkind: pv\ntitle: T\ntexts: {}\ntitel: oops\n", "x.yaml")
    t = parse_template("id: x\nversion: 1\nkind: pv\ntitle: T\ntexts: {a: 'n° {nom}'}\n", "x.yaml")
    with pytest.raises(TemplateError, match="utilise \\{nom\\}"):
        t.text("a", name="x")
    with pytest.raises(TemplateError, match="n'a pas de texte « b »"):
        t.text("b")
