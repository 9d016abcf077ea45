"""The pseudonymised copy: built from the model, sealed, marked on every page, and its
extracted text holds none of the identity strings of the case."""

from __future__ import annotations

import json
import subprocess
import unicodedata

from desktop.core.export import manifest as mf
from desktop.core.export.bundle import export_pseudonymised
from desktop.core.export.pseudonym import identity_table, initials, pseudonymise_pv
from desktop.core.export.verify import verify_bundle
from tests.core.export.export_fixtures import VICTIM, flat, identity_strings, pdftotext


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _pages(pdf: bytes) -> list[str]:
    out = []
    n = 1
    while True:
        r = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), "-", "-"],
            input=pdf,
            capture_output=True,
        )
        if r.returncode != 0:
            break
        out.append(r.stdout.decode("utf-8"))
        n += 1
        if n > 60:
            break
    return out


def test_identity_strings_vanish_from_free_text(officer_session, case_data):
    persons = officer_session.persons.for_case(case_data.case_id)
    table = identity_table(persons, case_data.pv_model)
    text = (
        "Zéphyrine QUENNEVILLE (zephyrine quenneville), dite Zeph-la-Nuit, née le 23/09/2011, "
        "joignable au 06 71 42 93 58 ou au +33 6 71 42 93 58, vit 17 rue des Glycines, 99120 "
        "Valmont-sur-Orge ; Brandonnet KESSLERAND roule en GH-482-KT ; écrire à "
        "zeph@example.org."
    )
    scrubbed = _fold(table.scrub(text))
    for s in identity_strings()[:-1] + ["+33 6 71 42 93 58", "zeph@example.org", "99120"]:
        assert _fold(s) not in scrubbed, s
    assert "z. q." in scrubbed and "b. k." in scrubbed and "[age : 15 ans]" in scrubbed


def test_initials():
    assert initials("Léa, Zoé", "MARTIN") == "L. M."
    assert initials("Jean-Pierre") == "J. P."
    assert initials("") == "X."


def test_pseudonymised_copy_is_clean_sealed_and_marked(
    officer_session, case_data, signer, tmp_path
):
    result = export_pseudonymised(
        officer_session, case_data.case_id, tmp_path, models=[case_data.pv_model], signer=signer
    )
    report = verify_bundle(result.path)
    assert report.valid, report.problems
    assert report.kind == mf.KIND_PSEUDONYMISED
    texts = {}
    for path in sorted(result.path.iterdir()):
        if path.suffix == ".pdf":
            pages = _pages(path.read_bytes())
            assert pages, path.name
            for i, page in enumerate(pages, start=1):
                assert "COPIE PSEUDONYMISÉE" in page, (path.name, i)
            texts[path.name] = "\n".join(pages)
        else:
            texts[path.name] = path.read_text("utf-8")
    blob = _fold("\n".join(texts.values()))
    # the same check on the sealed original finds them: the test can fail
    original = _fold(
        pdftotext(officer_session.documents.content(case_data.documents["pv_audition"]))
    )
    assert sum(_fold(s) in original for s in identity_strings()) >= 12
    for s in identity_strings():
        assert _fold(s) not in blob, s
    assert "0671429358" not in blob.replace(" ", "").replace(".", "")
    pv = flat(texts[result.pieces[0]["file"]])
    assert "Z. Q." in pv and "15 ans" in pv
    assert "QUESTION" in pv and "RÉPONSE" in pv  # the statement itself is kept
    manifest = json.loads(texts[mf.MANIFEST_FILE])
    assert "procedure_number" not in manifest["case"]
    assert officer_session.audit.entries("export.pseudonymised")


def test_model_is_pseudonymised_not_the_pdf(officer_session, case_data):
    table = identity_table(officer_session.persons.for_case(case_data.case_id), case_data.pv_model)
    copy = pseudonymise_pv(case_data.pv_model, table)
    assert copy.person.birth_date == "" and copy.person.address == "" and copy.person.phone == ""
    assert copy.person.aliases == "" and copy.person.age_years == 15
    assert copy.header.procedure_number != case_data.pv_model.header.procedure_number
    assert all(
        s.image_png != orig.image_png
        for s, orig in zip(copy.signers, case_data.pv_model.signers, strict=True)
    )
    assert VICTIM["last"].lower() not in repr(copy).lower()
