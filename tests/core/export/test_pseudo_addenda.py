"""The pseudonymised copy and the mentions complémentaires of its PV (export.pseudo_addenda).

Real vault, real seals, the real export and bundle verifier; the PDFs read back."""

from __future__ import annotations

from desktop.core.export.bundle import export_pseudonymised
from desktop.core.export.pseudo_addenda import NO_TEXT
from desktop.core.export.verify import verify_bundle
from desktop.core.pv.addendum import KIND
from desktop.core.pv.model import Signer, SignStatus
from desktop.core.pv.sample import signature_png
from desktop.core.seal.addendum import create_addendum
from tests.core.export.export_fixtures import VICTIM, pdftotext


def test_an_addendum_without_its_fields_is_copied_without_its_text(
    officer_session, case_data, signer, tmp_path
):
    """An addendum stored before its fields were kept (no "model" meta): its text cannot be
    pseudonymised, so the copy says so in its place instead of printing it or dropping the
    mention; the bundle still verifies, and a swapped PV copy is caught."""
    s = officer_session
    pv_id = case_data.documents["pv_audition"]
    author = Signer(
        "auteur de la mention",
        "Camille DURAND",
        "capitaine de police, OPJ",
        SignStatus.SIGNED,
        image_png=signature_png("Camille DURAND", 1),
    )
    made = create_addendum(
        s,
        pv_id,
        nature="observation",
        text=f"{VICTIM['first']} a retrouvé le nom de l'hôtel.",
        signers=(author,),
        signer=signer,
    )
    legacy = {k: v for k, v in made.meta.items() if k != "model"}
    s.documents.add(made.case_id, KIND, s.documents.content(made.id), sealed=True, meta=legacy)
    result = export_pseudonymised(
        s, case_data.case_id, tmp_path, models=[case_data.pv_model], signer=signer
    )
    names = sorted(p.name for p in result.path.iterdir())
    mentions = [n for n in names if "mention-complementaire" in n]
    assert len(mentions) == 2, names
    texts = [" ".join(pdftotext((result.path / n).read_bytes()).split()) for n in mentions]
    assert sum(" ".join(NO_TEXT.split()) in t for t in texts) == 1
    assert all(VICTIM["first"] not in t for t in texts)
    report = verify_bundle(result.path)
    assert report.valid, report.problems
    assert sorted(a for a, _ in report.addenda) == mentions

    # the original of the mentions swapped for another valid PV copy: each mention fails
    other = export_pseudonymised(
        s, case_data.case_id, tmp_path / "autre", models=[case_data.pv_model], signer=signer
    )
    pv = next(n for n in names if "proces-verbal" in n)
    (result.path / pv).write_bytes((other.path / pv).read_bytes())
    problems = " ".join(str(p) for p in verify_bundle(result.path).problems)
    assert "n'est pas celui qu'elle complète" in problems or "est absent" in problems
