"""Export a real case, then verify the bundle; tamper with it in every way and name the file."""

from __future__ import annotations

import json

import pytest

from desktop.core.export import manifest as mf
from desktop.core.export.bundle import export_case
from desktop.core.export.errors import NotSealed
from desktop.core.export.verify import verify_bundle
from tests.core.export.export_fixtures import PROCEDURE, build_case, flat, pdftotext


def test_export_then_verify_is_valid(officer_session, case_data, signer, tmp_path):
    result = export_case(officer_session, case_data.case_id, tmp_path / "out", signer=signer)
    assert result.path.parent == tmp_path / "out"
    names = sorted(p.name for p in result.path.iterdir())
    kinds = [p["kind"] for p in result.pieces]
    assert kinds == ["pv_audition", "cmi", "fiche_signalement"]
    assert mf.MANIFEST_FILE in names and mf.BORDEREAU_FILE in names
    assert len(names) == 5
    report = verify_bundle(result.path)
    assert report.valid, report.problems
    assert set(report.checked) == {p["file"] for p in result.pieces} | {mf.BORDEREAU_FILE}
    data = json.loads((result.path / mf.MANIFEST_FILE).read_text("utf-8"))
    assert data["case"]["procedure_number"] == PROCEDURE
    assert data["audit_head"]["seq"] > 0 and len(data["audit_head"]["hash"]) == 64
    assert data["versions"]["templates"]["pv_audition_mineur"]
    assert data["versions"]["templates"]["bordereau_transmission"]
    version = officer_session.records.get(case_data.record_id).form_version
    assert data["versions"]["forms"]["audition_mineur"] == version
    # the export is audited by id
    assert officer_session.audit.entries("export.case")[-1].object_id == str(case_data.case_id)


def test_bordereau_lists_every_hash(officer_session, case_data, signer, tmp_path):
    result = export_case(officer_session, case_data.case_id, tmp_path, signer=signer)
    text = flat(pdftotext((result.path / mf.BORDEREAU_FILE).read_bytes()))
    assert "BORDEREAU DE TRANSMISSION" in text
    for piece in result.pieces:
        digest = piece["sha256"]
        assert digest[:32] in text.replace(" ", "") and digest[32:] in text.replace(" ", "")
        assert piece["file"] in text.replace(" ", "") or piece["file"][:20] in text
    head = result.manifest["audit_head"]
    assert f"entrée n° {head['seq']}" in text


def test_untransmitted_cmi_is_never_exported(officer_session, signer, tmp_path):
    data = build_case(officer_session, signer, with_cmi=False)
    from desktop.core.pv.sample import sample_cmi
    from desktop.core.seal.documents import seal_document

    officer_session.documents.add(
        data.case_id, "cmi", seal_document(sample_cmi(), signer), sealed=True
    )
    result = export_case(officer_session, data.case_id, tmp_path, signer=signer)
    assert [p["kind"] for p in result.pieces] == ["pv_audition", "fiche_signalement"]
    assert result.manifest["skipped"] == []  # not even listed


def test_unsealed_pv_is_refused_and_nothing_written(officer_session, signer, tmp_path):
    data = build_case(officer_session, signer, seal_pv=False)
    out = tmp_path / "out"
    with pytest.raises(NotSealed) as exc:
        export_case(officer_session, data.case_id, out, signer=signer)
    assert "scell" in exc.value.message and "Rien n'a été écrit" in exc.value.message
    assert list(out.iterdir()) == []


def test_hearing_without_any_pv_is_refused(officer_session, signer, tmp_path):
    case = officer_session.cases.create("2026/000001")
    officer_session.records.create(case.id, "audition", "audition_mineur", "1.0")
    out = tmp_path / "out"
    with pytest.raises(NotSealed):
        export_case(officer_session, case.id, out, signer=signer)
    assert list(out.iterdir()) == []


def _bundle(officer_session, case_data, signer, tmp_path):
    return export_case(officer_session, case_data.case_id, tmp_path / "o", signer=signer).path


def test_every_byte_change_names_the_file(officer_session, case_data, signer, tmp_path):
    path = _bundle(officer_session, case_data, signer, tmp_path)
    files = sorted(p.name for p in path.iterdir())
    for name in files:
        target = path / name
        original = target.read_bytes()
        for offset in (0, len(original) // 3, len(original) // 2, len(original) - 2):
            changed = bytearray(original)
            changed[offset] ^= 0x01
            target.write_bytes(bytes(changed))
            report = verify_bundle(path)
            assert not report.valid, (name, offset)
            assert name in report.failing, (name, offset, report.problems)
        target.write_bytes(original)
    assert verify_bundle(path).valid


def test_removed_and_added_pieces_are_named(officer_session, case_data, signer, tmp_path):
    path = _bundle(officer_session, case_data, signer, tmp_path)
    piece = sorted(p for p in path.iterdir() if p.name.startswith("02-"))[0]
    content = piece.read_bytes()
    piece.unlink()
    report = verify_bundle(path)
    assert report.failing == [piece.name]
    assert "manquante" in report.problems[0][1]
    piece.write_bytes(content)
    (path / "04-annexe-ajoutee.pdf").write_bytes(content)
    (path / ".cache").write_bytes(b"x")
    report = verify_bundle(path)
    assert sorted(report.failing) == [".cache", "04-annexe-ajoutee.pdf"]
    assert all("ajoutée" in reason for _, reason in report.problems)


def test_manifest_edited_to_match_a_changed_piece_is_caught(
    officer_session, case_data, signer, tmp_path
):
    """Someone swaps a piece AND rewrites its hash in the manifest: the sealed bordereau
    no longer matches the manifest."""
    path = _bundle(officer_session, case_data, signer, tmp_path)
    data = json.loads((path / mf.MANIFEST_FILE).read_text("utf-8"))
    first = data["pieces"][0]
    other = path / data["pieces"][2]["file"]
    (path / first["file"]).write_bytes(other.read_bytes())
    import hashlib

    first["sha256"] = hashlib.sha256(other.read_bytes()).hexdigest()
    (path / mf.MANIFEST_FILE).write_bytes(mf.dumps(data))
    report = verify_bundle(path)
    assert mf.MANIFEST_FILE in report.failing
    assert any("bordereau scellé" in r for _, r in report.problems)
