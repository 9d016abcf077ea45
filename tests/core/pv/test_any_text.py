"""Any text, any length, any script: every document kind renders, seals and verifies, and
every character it shows has a glyph in an embedded font (placeholders for the others)."""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from desktop.core.export.pseudonym import identity_table, pseudonymise, render_pseudonymised
from desktop.core.pv import engine
from desktop.core.pv.documents import REPORT_TEMPLATES
from desktop.core.pv.model import Lesion
from desktop.core.pv.sample import sample_cmi, sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import render_document
from desktop.core.seal.seal import seal_pdf
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import verify_pdf
from desktop.core.text import clean_text
from tests.core.pv.conftest import flat, pdftotext
from tests.core.pv.sample_reports import sample_reports
from tests.core.text.text_samples import mixed_text
from tests.support.glyphcheck import missing_glyphs

TORTURE = os.environ.get("TRAME_TORTURE") == "1"
# Fields that hold identifiers, formats or enum values, not free text typed by a user.
NOT_FREE = {
    "kind",
    "field",
    "document_id",
    "form_id",
    "form_version",
    "template_id",
    "template_version",
    "audit_hash",
    "sha256",
    "birth_date",
    "mode",
    "hash",
    "seq",
    "time",
}
KINDS = ("pv", "rapport_uaped", "fiche_signalement", "cmi", "pv_pseudonymise", "bordereau")
# the PV de renseignement (issue 17) is a report of the same engine, once its template exists
KINDS += tuple(k for k in ("pv_renseignement",) if k in REPORT_TEMPLATES)


@pytest.fixture(scope="module")
def signer():
    return SoftwareSigner(certs.create("Camille DURAND", organization="Police (fictive)"))


def _bordereau() -> dict:
    """A transmission slip's input: the bound manifest and who exports (free texts inside)."""
    piece = {
        "file": "01-proces-verbal-audition.pdf",
        "label": "Procès-verbal d'audition",
        "document_id": "PV-1-2-3",
        "sha256": "ab" * 32,
        "seals": [{"signer": "Camille DURAND", "time": ""}],
    }
    skipped = {"title": "PV d'audition n° 18", "vault_document_id": 7, "reason": "projet"}
    return {
        "bound": {
            "kind": "procedure",
            "case": {"service": "Brigade de protection des mineurs", "procedure_number": "2026/1"},
            "pieces": [piece],
            "skipped": [skipped],
            "audit_head": {"seq": 1, "hash": "00" * 32},
            "versions": {"forms": {"audition_mineur": "1"}, "trame": "0.1.0"},
        },
        "who": {"login": "enqueteur", "role_label": "enquêteur", "seal_who": "Camille DURAND"},
    }


def _model(kind: str):
    if kind == "bordereau":
        return _bordereau()
    if kind in ("pv", "pv_pseudonymise"):
        return sample_pv()
    if kind == "pv_renseignement":
        return dataclasses.replace(sample_reports()["rapport_uaped"], kind=kind)
    if kind == "cmi":
        doc = sample_cmi()
        return dataclasses.replace(doc, lesions=(Lesion(1, "bras", "ecchymose"), *doc.lesions))
    return sample_reports()[kind]


def free_text_paths(obj, path=()):
    """Every str leaf of a document model that a user may type (dataclasses and tuples)."""
    if isinstance(obj, str):
        if not path or path[-1] not in NOT_FREE:
            yield path
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from free_text_paths(getattr(obj, f.name), (*path, f.name))
    elif isinstance(obj, tuple | list):
        for i, x in enumerate(obj):
            yield from free_text_paths(x, (*path, i))
    elif isinstance(obj, dict):
        for k, x in obj.items():
            yield from free_text_paths(x, (*path, k))


def set_path(obj, path, value):
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, dict):
        return {**obj, head: set_path(obj[head], rest, value)}
    if isinstance(head, int):
        items = list(obj)
        items[head] = set_path(items[head], rest, value)
        return type(obj)(items)
    return dataclasses.replace(obj, **{head: set_path(getattr(obj, head), rest, value)})


def produce(kind: str, doc, signer) -> bytes:
    if kind == "bordereau":
        from desktop.core.export.bordereau import sealed_bordereau

        return sealed_bordereau(doc["bound"], signer, datetime(2026, 11, 30, 17, 5), doc["who"])
    if kind == "pv_pseudonymise":
        copy = pseudonymise(doc, identity_table((), doc))
        rendered = render_pseudonymised(copy)
    else:
        rendered = render_document(doc)
    return seal_pdf(rendered.pdf, signer, placements=rendered.seals)


def check_pdf(pdf: bytes) -> str:
    report = verify_pdf(pdf, require_complete=False)
    assert report.valid, report.reason
    assert missing_glyphs(pdf) == []
    return flat(pdftotext(pdf))


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_value_in_any_table_or_paragraph_renders(kind, signer):
    """6,000 characters in every free-text field at once (tables raised LayoutError)."""
    doc = _model(kind)
    long = ("Il m'a dit « viens » et je suis allée avec Léa 👑. " * 120)[:6000]
    for path in list(free_text_paths(doc)):
        doc = set_path(doc, path, long)
    text = check_pdf(produce(kind, doc, signer))
    assert "[émoji : couronne]" in text


def test_a_long_evvi_element_goes_below_the_table(signer):
    doc = sample_pv()
    evvi = list(doc.evvi)
    evvi[0] = dataclasses.replace(evvi[0], detail="Éléments retenus. " * 400)
    doc = dataclasses.replace(doc, evvi=tuple(evvi))
    text = check_pdf(produce("pv", doc, signer))
    assert "voir le texte n° 1 ci-après" in text
    assert "Texte n° 1 — Importance du préjudice" in text


def test_chunks_cut_at_line_sentence_or_word_ends():
    text = "Une phrase. " * 1000 + "\n" + "mot " * 500 + "x" * 4000
    pieces = engine.chunks(text)
    assert all(len(p) <= engine.CHUNK for p in pieces)
    assert "".join(pieces).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace(
        "\n", ""
    )
    assert pieces[0].endswith(".")


def test_glyph_check_sees_an_empty_box():
    import io

    from reportlab.pdfgen.canvas import Canvas

    from desktop.core.pv import fonts

    fonts.register()
    out = io.BytesIO()
    c = Canvas(out, initialFontName=fonts.REGULAR)
    c.setFont(fonts.REGULAR, 12)
    c.drawString(50, 700, "Léa 👑")
    c.save()
    assert missing_glyphs(out.getvalue())


@settings(
    max_examples=300 if TORTURE else 20,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a 250k text takes ages
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_any_text_in_any_field_renders_seals_and_verifies(kind, data, signer):
    """One field gets a text of any length up to the UI limit, every other a short one."""
    doc = _model(kind)
    paths = list(free_text_paths(doc))
    target = data.draw(st.sampled_from(paths), label="champ")
    for path in paths:
        if path == target:
            continue
        short = data.draw(mixed_text(st.integers(0, 60)))
        doc = set_path(doc, path, clean_text(short))
    doc = set_path(doc, target, clean_text(data.draw(mixed_text(), label="texte")))
    if kind not in ("cmi", "bordereau"):
        doc = dataclasses.replace(doc, draft=False)
    check_pdf(produce(kind, doc, signer))


def test_started_at_is_kept():  # the sample is dated: the incipit path is exercised
    assert isinstance(sample_pv().started_at, datetime)


def test_text_stored_before_the_boundary_rule_prints_normalised(signer):
    """NFD, zero-width space, soft hyphen and controls in a record made before normalisation:
    printed as NFC text, no gap inside a word, no empty box."""
    import unicodedata

    doc = sample_pv(pairs=1)
    odd = unicodedata.normalize("NFD", "Noémie LEFÈVRE") + " et Zo\u200bé ta\u00adbleau\x07."
    doc = dataclasses.replace(doc, observations=odd)
    text = check_pdf(produce("pv", doc, signer))
    assert "Noémie LEFÈVRE et Zoé tableau." in text
