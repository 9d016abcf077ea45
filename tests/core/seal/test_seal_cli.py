from __future__ import annotations

import pytest

from desktop.cli import main
from desktop.core.errors import PermissionDenied
from desktop.core.pv.sample import sample_pv
from desktop.core.seal import certs
from desktop.core.seal.documents import seal_document
from desktop.core.seal.store import CertificateStore
from desktop.core.seal.verify import verify_pdf
from tests.conftest import OFFICER_PASSWORD


def test_verify_command_exit_codes(sealed_pv, tmp_path, capsys):
    good = tmp_path / "pv.pdf"
    good.write_bytes(sealed_pv)
    assert main(["verify", str(good)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("VALIDE — ")
    assert "Apposé par : Camille DURAND" in out
    assert "Empreinte du certificat (SHA-256) :" in out
    assert "heure de Paris" in out

    bad = tmp_path / "modifie.pdf"
    data = bytearray(sealed_pv)
    i = sealed_pv.index(b"PV-2026-004217-17")
    data[i + 4] = ord("7")
    bad.write_bytes(bytes(data))
    assert main(["verify", str(bad)]) == 1
    assert capsys.readouterr().out.startswith("INVALIDE — Le sceau n°1")

    junk = tmp_path / "image.pdf"
    junk.write_bytes(b"\x89PNG\r\n")
    assert main(["verify", str(junk)]) == 2
    assert capsys.readouterr().out.startswith("ILLISIBLE — ")
    assert main(["verify", str(tmp_path / "absent.pdf")]) == 2


def test_verify_recording_option(officer_signer, tmp_path, capsys):
    import dataclasses
    import hashlib

    video = tmp_path / "audition.mkv"
    video.write_bytes(b"fictional recording " * 1000)
    doc = sample_pv(pairs=1)
    doc = dataclasses.replace(
        doc,
        recording=dataclasses.replace(
            doc.recording, sha256=hashlib.sha256(video.read_bytes()).hexdigest()
        ),
    )
    pv = tmp_path / "pv.pdf"
    pv.write_bytes(seal_document(doc, officer_signer))
    assert main(["verify", str(pv), "--recording", str(video)]) == 0
    assert "Enregistrement : conforme" in capsys.readouterr().out
    video.write_bytes(b"other")
    assert main(["verify", str(pv), "--recording", str(video)]) == 1
    assert "ne correspond pas" in capsys.readouterr().out


def test_cert_create_list_and_seal_with_vault_key(vault, monkeypatch, capsys):
    monkeypatch.setenv("TRAME_USER", "enqueteur")
    monkeypatch.setenv("TRAME_PASSWORD", OFFICER_PASSWORD)
    assert main(["cert", "create", "--name", "Camille DURAND", "--org", "PP", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "Certificat de sceau créé" in out
    assert main(["cert", "list"]) == 0
    listed = capsys.readouterr().out
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        store = CertificateStore(s)
        rec = store.active()
        assert rec.subject == "Camille DURAND"
        assert rec.fingerprint in listed
        sealed = seal_document(sample_pv(pairs=1), store.signer())
        assert s.audit.entries("cert.")  # creation and use are audited
    report = verify_pdf(sealed)
    assert report.valid
    assert report.seals[0].fingerprint == rec.fingerprint


def test_cert_import_wrong_password_changes_nothing(vault, tmp_path, monkeypatch, capsys):
    bundle = certs.create("Camille DURAND")
    p12 = tmp_path / "carte.p12"
    p12.write_bytes(certs.export_pkcs12(bundle, "bon mot de passe"))
    monkeypatch.setenv("TRAME_USER", "enqueteur")
    monkeypatch.setenv("TRAME_PASSWORD", OFFICER_PASSWORD)
    monkeypatch.setenv("TRAME_P12_PASSWORD", "mauvais")
    assert main(["cert", "import", str(p12)]) == 1
    assert "Mot de passe du fichier PKCS#12 incorrect" in capsys.readouterr().err
    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        assert CertificateStore(s).list() == []
    monkeypatch.setenv("TRAME_P12_PASSWORD", "bon mot de passe")
    assert main(["cert", "import", str(p12)]) == 0
    assert bundle.fingerprint in capsys.readouterr().out
    # the same certificate twice is refused, the first one stays
    assert main(["cert", "import", str(p12)]) == 1
    assert "déjà installé" in capsys.readouterr().err


def test_cert_expired_is_refused_and_nothing_stored(officer_session):
    from datetime import UTC, datetime, timedelta

    old = certs.create("Ancien", days=10, now=datetime.now(UTC) - timedelta(days=100))
    store = CertificateStore(officer_session)
    with pytest.raises(certs.CertificateError, match="a expiré"):
        store.add(old)
    assert store.list() == []
    with pytest.raises(certs.CertificateError, match="Aucun certificat de sceau"):
        store.signer()


def test_keys_belong_to_their_holder(vault):
    from tests.conftest import ADMIN_PASSWORD

    with vault.unlock("enqueteur", OFFICER_PASSWORD) as s:
        rec = CertificateStore(s).create("Camille DURAND")
    with vault.unlock("admin", ADMIN_PASSWORD) as admin:
        store = CertificateStore(admin)
        assert [r.id for r in store.list()] == [rec.id]  # the admin sees it
        with pytest.raises(PermissionDenied):
            store.bundle(rec.id)  # but cannot seal with it
