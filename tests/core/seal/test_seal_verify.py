from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess

import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from desktop.core.pv.check import IncompleteDocument
from desktop.core.pv.model import SealSlot
from desktop.core.pv.sample import sample_cmi, sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import add_seal, seal_document
from desktop.core.seal.seal import SealError, seal_pdf, signature_fields
from desktop.core.seal.signer import SoftwareSigner
from desktop.core.seal.verify import Unreadable, verify_pdf
from tests.core.pv.sample_reports import sample_reports
from tests.core.seal.conftest import pdfsig


def byte_ranges(pdf: bytes) -> list[list[int]]:
    return [
        [int(x) for x in m.group(1).split()]
        for m in re.finditer(rb"/ByteRange\s*\[\s*([0-9 ]+?)\s*\]", pdf)
    ]


def test_sealed_pv_is_valid(sealed_pv, officer_bundle):
    report = verify_pdf(sealed_pv)
    assert report.valid, report.problems
    assert report.reason.startswith("1 sceau intact")
    (seal,) = report.seals
    assert seal.signer == "Camille DURAND"
    assert seal.fingerprint == officer_bundle.fingerprint
    assert seal.claimed_time is not None
    assert seal.covers_whole_file and seal.intact and seal.valid
    assert seal.docmdp == "aucune modification permise"
    assert report.document_id == "PV-2026-004217-17"


def test_pdfsig_agrees_on_the_untouched_file(sealed_pv, tmp_path):
    path = tmp_path / "pv.pdf"
    path.write_bytes(sealed_pv)
    out = pdfsig(path)
    assert "Signature is Valid" in out, out
    assert "Total document signed" in out, out
    assert "Signer Certificate Common Name: Camille DURAND" in out
    assert verify_pdf(sealed_pv).valid


def test_sealed_pv_stays_pdfa(sealed_pv):
    with pikepdf.open(io.BytesIO(sealed_pv)) as pdf:
        assert pdf.pdf_version == "1.7"
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert "/Filter" not in pdf.Root.Metadata
        assert str(pdf.docinfo["/Producer"]) == meta["pdf:Producer"]
        assert str(pdf.docinfo["/ModDate"])[2:16] == meta["xmp:ModifyDate"][:19].replace(
            "-", ""
        ).replace("T", "").replace(":", "")
        assert "/OutputIntents" in pdf.Root
        widget = pdf.Root.AcroForm.Fields[0]
        assert int(widget.F) & 4  # printable, as PDF/A requires
        assert "/AP" in widget
        # Trame's own XMP properties survive pyHanko's rewrite, with our declared prefix
        assert 'trame:documentId="PV-2026-004217-17"' in str(meta) or (
            "<trame:documentId>" in str(meta)
        )
    fonts = subprocess.run(
        [shutil.which("pdffonts"), "-"], input=sealed_pv, capture_output=True, check=True
    ).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(r[-5] == "yes" for r in rows), fonts  # every font embedded
    assert any("Identity-H" in r[0] for r in rows)  # the stamp font (rescaled DejaVu)


def test_stamp_text_is_readable(sealed_pv):
    text = subprocess.run(
        [shutil.which("pdftotext"), "-", "-"], input=sealed_pv, capture_output=True, check=True
    ).stdout.decode()
    assert "Apposé par : Camille DURAND" in text
    assert "Sceau d'intégrité électronique" in text


def test_byte_changed_inside_signed_range_is_invalid(sealed_pv, tmp_path):
    (start, len1, start2, _len2) = byte_ranges(sealed_pv)[-1]
    data = bytearray(sealed_pv)
    # change one character of the document id inside the XMP packet (signed, readable)
    i = sealed_pv.index(b"PV-2026-004217-17")
    assert start <= i < start + len1
    data[i + 3] = ord("3")
    report = verify_pdf(bytes(data))
    assert not report.valid
    assert "ne correspond plus au contenu" in report.reason
    # poppler agrees that the digest no longer matches
    path = tmp_path / "altered.pdf"
    path.write_bytes(bytes(data))
    assert "Digest Mismatch" in pdfsig(path)


def test_byte_changed_in_a_compressed_page_stream_is_invalid(sealed_pv):
    with pikepdf.open(io.BytesIO(sealed_pv)) as pdf:
        raw = pdf.pages[0].Contents.read_raw_bytes()
    i = sealed_pv.index(raw[:64]) + 200
    data = bytearray(sealed_pv)
    data[i] ^= 0x01
    report = verify_pdf(bytes(data))
    assert not report.valid
    assert "modifié" in report.reason


def _incremental(pdf: bytes, change) -> bytes:
    w = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(w)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_incremental_update_adding_text_is_invalid(sealed_pv):
    def add_text(w):
        stream = generic.StreamObject(stream_data=b"BT /F1+0 14 Tf 72 72 Td (AJOUT) Tj ET")
        w.add_stream_to_page(0, w.add_object(stream))

    altered = _incremental(sealed_pv, add_text)
    assert altered.startswith(sealed_pv)  # the sealed bytes are untouched
    report = verify_pdf(altered)
    assert not report.valid
    assert "ajoutées au fichier après le dernier sceau" in report.reason


def test_incremental_update_adding_an_annotation_is_invalid(sealed_pv):
    def add_annotation(w):
        page_ref = w.root["/Pages"]["/Kids"][0]
        page = page_ref.get_object()
        annot = generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Text"),
                generic.pdf_name("/Rect"): generic.ArrayObject(
                    [generic.NumberObject(x) for x in (100, 100, 120, 120)]
                ),
                generic.pdf_name("/Contents"): generic.TextStringObject("réponse corrigée"),
            }
        )
        annots = page.get("/Annots", generic.ArrayObject())
        annots.append(w.add_object(annot))
        page[generic.pdf_name("/Annots")] = annots
        w.update_container(page_ref)

    report = verify_pdf(_incremental(sealed_pv, add_annotation))
    assert not report.valid
    assert "après le dernier sceau" in report.reason


def test_seal_removed_by_truncation_is_invalid(rendered_pv, sealed_pv):
    # the file as it was before the seal revision: no seal at all
    report = verify_pdf(rendered_pv.pdf)
    assert not report.valid
    assert "aucun sceau" in report.reason


def test_seal_removed_by_incremental_update_is_invalid(sealed_pv):
    def strip_value(w):
        field_ref = w.root["/AcroForm"]["/Fields"][0]
        field = field_ref.get_object()
        del field["/V"]
        w.update_container(field_ref)

    report = verify_pdf(_incremental(sealed_pv, strip_value))
    assert not report.valid


def test_two_seals_in_sequence(officer_bundle, second_bundle, tmp_path):
    doc = dataclasses.replace(
        sample_pv(pairs=3),
        seals=(
            SealSlot("sceau_officier", "Camille DURAND, OPJ"),
            SealSlot("sceau_second", "Yanis HADDAD, OPJ"),
        ),
    )
    first = seal_document(doc, SoftwareSigner(officer_bundle))
    # both fields exist from the first seal on
    assert signature_fields(first) == [("sceau_officier", True), ("sceau_second", False)]
    partial = verify_pdf(first)
    assert not partial.valid and "n'est pas clos" in partial.reason
    assert verify_pdf(first, require_complete=False).valid
    both = add_seal(first, SoftwareSigner(second_bundle))
    report = verify_pdf(both)
    assert report.valid, report.problems
    assert [s.signer for s in report.seals] == ["Camille DURAND", "Yanis HADDAD"]
    assert report.seals[0].modification == "FORM_FILLING"
    assert report.seals[1].docmdp == "aucune modification permise"
    with pikepdf.open(io.BytesIO(both)) as pdf:
        assert pdf.open_metadata().pdfa_status == "2B"
        assert pdf.pdf_version == "1.7"
    # the closed document takes no third seal, and dropping the second seal is detected
    with pytest.raises(SealError, match="déjà été apposés"):
        add_seal(both, SoftwareSigner(officer_bundle))
    truncated = both[: len(first)]
    assert truncated == first
    assert not verify_pdf(truncated).valid
    path = tmp_path / "two.pdf"
    path.write_bytes(both)
    out = pdfsig(path)
    assert out.count("Signature is Valid") == 2, out


def test_adding_a_seal_to_a_tampered_document_is_refused(officer_bundle, second_bundle):
    doc = dataclasses.replace(
        sample_pv(pairs=2),
        seals=(SealSlot("a", "A"), SealSlot("b", "B")),
    )
    first = seal_document(doc, SoftwareSigner(officer_bundle))
    data = bytearray(first)
    i = first.index(b"PV-2026-004217-17")
    data[i + 3] = ord("9")
    with pytest.raises(SealError, match="modifié depuis son premier sceau"):
        add_seal(bytes(data), SoftwareSigner(second_bundle))


def test_incomplete_hearing_cannot_be_sealed(officer_signer):
    doc = sample_pv(pairs=2, signed=False)
    with pytest.raises(IncompleteDocument) as err:
        seal_document(doc, officer_signer)
    assert "la signature de Léa MARTIN" in err.value.message


def test_all_document_kinds_seal_and_verify(officer_signer):
    for doc in (*sample_reports().values(), sample_cmi()):
        report = verify_pdf(seal_document(doc, officer_signer))
        assert report.valid, (doc.footer.document_id, report.problems)


def test_recording_hash(officer_signer, tmp_path):
    video = tmp_path / "audition.mp4"
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 100)
    import hashlib

    digest = hashlib.sha256(video.read_bytes()).hexdigest()
    doc = sample_pv(pairs=2)
    doc = dataclasses.replace(doc, recording=dataclasses.replace(doc.recording, sha256=digest))
    sealed = seal_document(doc, officer_signer)
    report = verify_pdf(sealed, recording=video)
    assert report.valid and report.recording_checked
    other = tmp_path / "autre.mp4"
    other.write_bytes(b"autre")
    report = verify_pdf(sealed, recording=other)
    assert not report.valid
    assert "ne correspond pas à l'empreinte SHA-256" in report.reason
    # a PV without a recorded hash cannot vouch for a recording
    plain = seal_document(sample_pv(pairs=1), officer_signer)
    assert "aucune empreinte" in verify_pdf(plain, recording=video).reason


def test_a_pdf_that_is_not_ours(officer_signer):
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf)
    c.drawString(72, 720, "Un autre document")
    c.save()
    foreign = buf.getvalue()
    with pytest.raises(SealError, match="n'a pas été produit par Trame"):
        seal_pdf(foreign, officer_signer)
    report = verify_pdf(foreign)
    assert not report.valid
    assert "n'a pas été produit par Trame" in report.reason


def test_unreadable_files():
    with pytest.raises(Unreadable) as err:
        verify_pdf(b"GIF89a not a pdf")
    assert err.value.exit_code == 2
    with pytest.raises(Unreadable):
        verify_pdf(b"%PDF-1.7\n1 0 obj\n<<")


def test_expired_and_damaged_certificates():
    from datetime import UTC, datetime, timedelta

    old = certs.create("Ancien OPJ", days=30, now=datetime.now(UTC) - timedelta(days=400))
    with pytest.raises(certs.CertificateError, match="a expiré le"):
        SoftwareSigner(old)
    with pytest.raises(certs.CertificateError, match="endommagé"):
        certs.check_usable(certs.CertBundle(b"x", b"not a certificate"))


def test_pkcs12_import(officer_bundle):
    p12 = certs.export_pkcs12(officer_bundle, "secret du fichier")
    bundle = certs.load_pkcs12(p12, "secret du fichier")
    assert bundle.fingerprint == officer_bundle.fingerprint
    with pytest.raises(certs.CertificateError, match="Mot de passe du fichier PKCS#12 incorrect"):
        certs.load_pkcs12(p12, "mauvais")
    with pytest.raises(certs.CertificateError, match="pas un certificat PKCS#12 lisible"):
        certs.load_pkcs12(p12[: len(p12) // 2], "secret du fichier")
    with pytest.raises(certs.CertificateError, match="vide"):
        certs.load_pkcs12(b"", "x")


def test_ecdsa_certificate_also_seals(rendered_pv):
    bundle = certs.create("Camille DURAND", kind="ecdsa-p256")
    sealed = seal_pdf(rendered_pv.pdf, SoftwareSigner(bundle), placements=rendered_pv.seals)
    assert verify_pdf(sealed).valid


def test_input_bytes_are_not_modified(rendered_pv, officer_signer):
    before = bytes(rendered_pv.pdf)
    seal_pdf(rendered_pv.pdf, officer_signer, placements=rendered_pv.seals)
    assert rendered_pv.pdf == before


def test_benchmark_functions_render_seal_and_verify_thirty_pages(officer_signer):
    from bench.hooks import seal as benchmark

    rendered = benchmark.render()
    assert rendered.page_count >= 30
    sealed = benchmark.seal(rendered, officer_signer)
    assert benchmark.verify(sealed).valid
    assert benchmark.bare_reportlab().startswith(b"%PDF")
